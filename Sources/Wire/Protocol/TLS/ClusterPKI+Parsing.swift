import Crypto
import Foundation
import KubeAPI
import SwiftASN1
import X509

// MARK: - CA hash

extension ClusterPKI {
    /// `sha256:` + lowercase hex SHA-256 of `certificate`'s SubjectPublicKeyInfo DER (kubeadm's CA cert hash).
    public static func caHash(of certificate: Certificate) throws -> String {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate.publicKey)
        let digest = SHA256.hash(data: serializer.serializedBytes)
        return "sha256:"
            + digest.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 0x10 ? "0" + hex : hex
            }.joined()
    }

    /// The CA hash (see ``caHash(of:)``) of a PEM-encoded certificate.
    public static func caHash(certificatePEM: String) throws -> String {
        try caHash(of: parseCertificate(certificatePEM, what: "certificate"))
    }

    /// The CA hash (see ``caHash(of:)``) of a DER-encoded certificate, e.g. from `NIOSSLCertificate.toDERBytes()`.
    public static func caHash(certificateDER: [UInt8]) throws -> String {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: certificateDER)
        } catch {
            throw PKIError.invalidPEM(what: "certificate", reason: String(describing: error))
        }
        return try caHash(of: certificate)
    }
}

// MARK: - Certificate signing requests

extension ClusterPKI {
    /// Generates a fresh P-256 key and a PEM certificate signing request for it (the joining node's side).
    ///
    /// The requested subject is informational; ``signCertificateSigningRequest(_:commonName:organizations:now:)``
    /// sets the issued certificate's subject itself.
    public static func makeCertificateSigningRequest(
        commonName: String,
        organizations: [String] = []
    ) throws -> CertificateSigningRequestKeyPair {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let csr = try CertificateSigningRequest(
            version: .v1,
            subject: .cluster(commonName: commonName, organizations: organizations),
            privateKey: key,
            attributes: CertificateSigningRequest.Attributes(),
            signatureAlgorithm: .ecdsaWithSHA256
        )
        return CertificateSigningRequestKeyPair(
            csrPEM: try csr.serializeAsPEM().pemString,
            privateKeyPEM: try key.serializeAsPEM().pemString
        )
    }
}

// MARK: - PEM parsing

extension ClusterPKI {
    /// Parses a PEM certificate, reporting failures as ``PKIError/invalidPEM(what:reason:)``.
    public static func parseCertificate(_ pem: String, what: String) throws -> Certificate {
        do {
            return try Certificate(pemEncoded: pem)
        } catch {
            throw PKIError.invalidPEM(what: what, reason: String(describing: error))
        }
    }

    /// Parses a PEM private key (`PRIVATE KEY` or `EC PRIVATE KEY`).
    ///
    /// Failures are reported as ``PKIError/invalidPEM(what:reason:)``.
    public static func parsePrivateKey(_ pem: String, what: String) throws -> Certificate.PrivateKey {
        do {
            return try Certificate.PrivateKey(pemEncoded: pem)
        } catch {
            throw PKIError.invalidPEM(what: what, reason: String(describing: error))
        }
    }

    /// Parses a PEM public key (`PUBLIC KEY`, i.e. SubjectPublicKeyInfo).
    public static func parsePublicKey(_ pem: String) throws -> Certificate.PublicKey {
        do {
            return try Certificate.PublicKey(pemEncoded: pem)
        } catch {
            throw PKIError.invalidPEM(what: "public key", reason: String(describing: error))
        }
    }

    /// The `PUBLIC KEY` PEM of a private key, e.g. to have a certificate issued for a key generated elsewhere.
    public static func publicKeyPEM(ofPrivateKeyPEM privateKeyPEM: String) throws -> String {
        try parsePrivateKey(privateKeyPEM, what: "private key").publicKey.serializeAsPEM().pemString
    }

    /// Whether `privateKeyPEM` is the private key of the certificate `certificatePEM`.
    public static func privateKey(_ privateKeyPEM: String, matchesCertificate certificatePEM: String) -> Bool {
        guard let certificate = try? parseCertificate(certificatePEM, what: "certificate"),
            let key = try? parsePrivateKey(privateKeyPEM, what: "private key")
        else { return false }
        return key.publicKey == certificate.publicKey
    }
}

// MARK: - Chain checks

extension ClusterPKI {
    /// Whether `certificate` was issued by this CA: its issuer is the CA's subject and the CA's key verifies
    /// its signature.
    public func issued(_ certificate: Certificate) -> Bool {
        certificate.issuer == caCertificate.subject
            && caCertificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }
}
