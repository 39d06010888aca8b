import Crypto
import Foundation
import KubeAPI
import SwiftASN1
import X509

/// The cluster's certificate authority: creates the CA and issues serving and client certificates from it.
///
/// Everything goes in and out as PEM text. Private keys are ECDSA P-256 in PKCS#8 (`PRIVATE KEY`),
/// which both swift-certificates and NIOSSL load. Time is a parameter (`now:`); the only other
/// source of nondeterminism is key and serial-number randomness.
public struct ClusterPKI: Sendable {
    /// The CA's subject common name.
    public static let caCommonName = "kcluster-ca"
    /// Certificates (the control plane's and the kubelets') expiring sooner than this are reissued on start: 30 days.
    public static let renewBefore: TimeInterval = 30 * 24 * 60 * 60
    /// How long the CA is valid: 10 years.
    public static let caValidity: TimeInterval = 3650 * 24 * 60 * 60
    /// How long issued leaf certificates are valid: 1 year.
    public static let leafValidity: TimeInterval = 365 * 24 * 60 * 60
    /// How far `notValidBefore` is backdated, to tolerate clock skew between machines: 5 minutes.
    public static let backdate: TimeInterval = 5 * 60

    /// The CA certificate, PEM-encoded.
    public let caCertificatePEM: String
    /// The CA private key, PEM-encoded.
    public let caPrivateKeyPEM: String
    /// The parsed CA certificate.
    public let caCertificate: Certificate
    private let caPrivateKey: Certificate.PrivateKey

    /// Loads an existing CA, checking that the key belongs to the certificate.
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` or ``PKIError/keyMismatch(what:)``.
    public init(caCertificatePEM: String, caPrivateKeyPEM: String) throws {
        let certificate = try Self.parseCertificate(caCertificatePEM, what: "CA certificate")
        let key = try Self.parsePrivateKey(caPrivateKeyPEM, what: "CA private key")
        guard key.publicKey == certificate.publicKey else { throw PKIError.keyMismatch(what: "CA certificate") }
        self.caCertificatePEM = caCertificatePEM
        self.caPrivateKeyPEM = caPrivateKeyPEM
        self.caCertificate = certificate
        self.caPrivateKey = key
    }

    /// Creates a new self-signed P-256 CA (CN `kcluster-ca`, valid 10 years from `now` minus 5 minutes).
    public static func createCA(now: Date) throws -> ClusterPKI {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = DistinguishedName.cluster(commonName: caCommonName, organizations: [])
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: key.publicKey)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now - backdate,
            notValidAfter: now + caValidity,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return try ClusterPKI(
            caCertificatePEM: certificate.serializeAsPEM().pemString,
            caPrivateKeyPEM: key.serializeAsPEM().pemString
        )
    }

    /// The CA pin a joining node checks: `sha256:` + lowercase hex SHA-256 of the CA's SubjectPublicKeyInfo DER,
    /// the format of kubeadm's `--discovery-token-ca-cert-hash`.
    public var caHash: String {
        // Serialising an already-parsed public key cannot fail; fall back to an impossible pin rather than trap.
        (try? Self.caHash(of: caCertificate)) ?? "sha256:"
    }

    // MARK: - Issuing

    /// Issues a serving certificate (EKU serverAuth) for `publicKeyPEM`.
    ///
    /// - Parameters:
    ///   - commonName: The subject CN.
    ///   - hosts: DNS names and IP addresses (v4 or v6) for the SubjectAlternativeNames.
    ///     `localhost` and `127.0.0.1` are always added.
    ///   - publicKeyPEM: The subject's public key (`PUBLIC KEY` PEM).
    ///   - now: The issuing time.
    /// - Returns: The certificate PEM.
    public func issueServingCertificate(
        commonName: String,
        hosts: [String],
        publicKeyPEM: String,
        now: Date
    ) throws -> String {
        let publicKey = try Self.parsePublicKey(publicKeyPEM)
        return try issueServingCertificate(commonName: commonName, hosts: hosts, publicKey: publicKey, now: now)
    }

    /// Issues a serving certificate (EKU serverAuth) for a freshly generated P-256 key.
    ///
    /// `localhost` and `127.0.0.1` are always among the SubjectAlternativeNames, besides `hosts`.
    public func issueServingCertificate(commonName: String, hosts: [String], now: Date) throws -> CertificateKeyPair {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let pem = try issueServingCertificate(commonName: commonName, hosts: hosts, publicKey: key.publicKey, now: now)
        return CertificateKeyPair(certificatePEM: pem, privateKeyPEM: try key.serializeAsPEM().pemString)
    }

    /// Issues a client certificate (EKU clientAuth) with subject `CN=commonName` and `O=` each of `organizations`.
    ///
    /// - Returns: The certificate PEM.
    public func issueClientCertificate(
        commonName: String,
        organizations: [String],
        publicKeyPEM: String,
        now: Date
    ) throws -> String {
        let publicKey = try Self.parsePublicKey(publicKeyPEM)
        return try issueClientCertificate(
            commonName: commonName,
            organizations: organizations,
            publicKey: publicKey,
            now: now
        )
    }

    /// Issues a client certificate (EKU clientAuth) for a freshly generated P-256 key.
    public func issueClientCertificate(
        commonName: String,
        organizations: [String],
        now: Date
    ) throws -> CertificateKeyPair {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let pem = try issueClientCertificate(
            commonName: commonName,
            organizations: organizations,
            publicKey: key.publicKey,
            now: now
        )
        return CertificateKeyPair(certificatePEM: pem, privateKeyPEM: try key.serializeAsPEM().pemString)
    }

    /// Signs a PEM certificate signing request into a client certificate.
    ///
    /// Only the CSR's public key is used: its signature must verify (proof of possession), and the
    /// subject requested in it is ignored in favour of `commonName` and `organizations`, which the
    /// caller decides (e.g. `system:node:NAME` after checking a bootstrap token).
    ///
    /// - Throws: ``PKIError/invalidPEM(what:reason:)`` or ``PKIError/invalidCSRSignature``.
    public func signCertificateSigningRequest(
        _ csrPEM: String,
        commonName: String,
        organizations: [String] = [],
        now: Date
    ) throws -> String {
        let csr: CertificateSigningRequest
        do {
            csr = try CertificateSigningRequest(pemEncoded: csrPEM)
        } catch {
            throw PKIError.invalidPEM(what: "certificate signing request", reason: String(describing: error))
        }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else { throw PKIError.invalidCSRSignature }
        return try issueClientCertificate(
            commonName: commonName,
            organizations: organizations,
            publicKey: csr.publicKey,
            now: now
        )
    }

    // MARK: - Internals

    private func issueServingCertificate(
        commonName: String,
        hosts: [String],
        publicKey: Certificate.PublicKey,
        now: Date
    ) throws -> String {
        let names = try Self.subjectAlternativeNames(for: ["localhost", "127.0.0.1"] + hosts)
        return try issueLeaf(
            subject: .cluster(commonName: commonName, organizations: []),
            publicKey: publicKey,
            usage: .serverAuth,
            subjectAlternativeNames: names,
            now: now
        )
    }

    private func issueClientCertificate(
        commonName: String,
        organizations: [String],
        publicKey: Certificate.PublicKey,
        now: Date
    ) throws -> String {
        try issueLeaf(
            subject: .cluster(commonName: commonName, organizations: organizations),
            publicKey: publicKey,
            usage: .clientAuth,
            subjectAlternativeNames: nil,
            now: now
        )
    }

    private func issueLeaf(
        subject: DistinguishedName,
        publicKey: Certificate.PublicKey,
        usage: ExtendedKeyUsage.Usage,
        subjectAlternativeNames: SubjectAlternativeNames?,
        now: Date
    ) throws -> String {
        let authorityKeyID = try caCertificate.extensions.subjectKeyIdentifier?.keyIdentifier
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([usage])
            SubjectKeyIdentifier(hash: publicKey)
            AuthorityKeyIdentifier(keyIdentifier: authorityKeyID)
            if let subjectAlternativeNames {
                subjectAlternativeNames
            }
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now - Self.backdate,
            // A leaf never outlives the CA that vouches for it.
            notValidAfter: min(now + Self.leafValidity, caCertificate.notValidAfter),
            issuer: caCertificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: caPrivateKey
        )
        return try certificate.serializeAsPEM().pemString
    }

    /// Classifies each host as an IP address or a DNS name and removes duplicates, keeping order.
    static func subjectAlternativeNames(for hosts: [String]) throws -> SubjectAlternativeNames {
        var names: [GeneralName] = []
        for host in hosts {
            let name = try generalName(for: host)
            if !names.contains(name) { names.append(name) }
        }
        return SubjectAlternativeNames(names)
    }

    /// The SubjectAlternativeName entry a host needs: `.ipAddress` for IP literals, else a lowercased `.dnsName`.
    public static func generalName(for host: String) throws -> GeneralName {
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let bytes = IPAddressLiteral.bytes(trimmed) {
            return .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        }
        let dnsName = trimmed.lowercased()
        let allowed = dnsName.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        guard !dnsName.isEmpty, allowed, !dnsName.hasPrefix("."), !dnsName.contains("..") else {
            throw PKIError.invalidSubjectAlternativeName(host)
        }
        return .dnsName(dnsName)
    }
}
