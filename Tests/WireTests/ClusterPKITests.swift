import Crypto
import Foundation
import KubeAPI
import SwiftASN1
import TestSupport
import Testing
import Wire
@_spi(FixedExpiryValidationTime) import X509

/// A fixed issuing time: 2026-01-01T00:00:00Z.
private let now = Date(timeIntervalSince1970: 1_767_225_600)

/// Validates `leaf` against `ca` with swift-certificates' RFC 5280 verifier at `time`, plus optional extra policy.
private func chainsToCA(
    _ leaf: Certificate,
    ca: ClusterPKI,
    at time: Date = now,
    serverIP: String? = nil,
    serverHostname: String? = nil
) async -> Bool {
    var verifier = Verifier(rootCertificates: CertificateStore([ca.caCertificate])) {
        RFC5280Policy(fixedExpiryValidationTime: time)
        if serverIP != nil || serverHostname != nil {
            ServerIdentityPolicy(serverHostname: serverHostname, serverIP: serverIP)
        }
    }
    let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
    if case .validCertificate = result { return true }
    return false
}


@Suite struct ClusterPKITests {
    // MARK: - CA

    @Test func createCA_isSelfSignedP256CAWithTenYearValidity() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let cert = ca.caCertificate
        #expect(cert.subject == cert.issuer)
        #expect(cert.subject.description.contains("CN=kcluster-ca"))
        #expect(try cert.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let usage = try #require(try cert.extensions.keyUsage)
        #expect(usage.keyCertSign && usage.cRLSign && usage.digitalSignature)
        #expect(cert.publicKey.isValidSignature(cert.signature, for: cert))
        #expect(P256.Signing.PublicKey(cert.publicKey) != nil)
        #expect(cert.notValidBefore == now - 300)
        #expect(cert.notValidAfter == now + 3650 * 86400)
        #expect(ca.caPrivateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func init_reloadsCAFromPEM_andRejectsForeignKey() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let reloaded = try ClusterPKI(caCertificatePEM: ca.caCertificatePEM, caPrivateKeyPEM: ca.caPrivateKeyPEM)
        #expect(reloaded.caCertificate == ca.caCertificate)
        let other = try ClusterPKI.createCA(now: now)
        #expect(throws: PKIError.keyMismatch(what: "CA certificate")) {
            try ClusterPKI(caCertificatePEM: ca.caCertificatePEM, caPrivateKeyPEM: other.caPrivateKeyPEM)
        }
        #expect(throws: PKIError.self) {
            try ClusterPKI(caCertificatePEM: "garbage", caPrivateKeyPEM: ca.caPrivateKeyPEM)
        }
    }

    // MARK: - CA hash

    @Test func caHash_isSHA256OfSPKI_stableAndDistinctPerCA() throws {
        let ca = try ClusterPKI.createCA(now: now)
        var serializer = DER.Serializer()
        try serializer.serialize(ca.caCertificate.publicKey)
        let expected =
            "sha256:"
            + SHA256.hash(data: serializer.serializedBytes)
            .map { String(format: "%02x", $0) }.joined()
        #expect(ca.caHash == expected)
        #expect(ca.caHash.count == "sha256:".count + 64)
        #expect(ca.caHash.dropFirst(7).allSatisfy { "0123456789abcdef".contains($0) })
        let reloaded = try ClusterPKI(caCertificatePEM: ca.caCertificatePEM, caPrivateKeyPEM: ca.caPrivateKeyPEM)
        #expect(reloaded.caHash == ca.caHash)
        #expect(try ClusterPKI.caHash(certificatePEM: ca.caCertificatePEM) == ca.caHash)
        var certificateSerializer = DER.Serializer()
        try certificateSerializer.serialize(ca.caCertificate)
        #expect(try ClusterPKI.caHash(certificateDER: certificateSerializer.serializedBytes) == ca.caHash)
        #expect(try ClusterPKI.createCA(now: now).caHash != ca.caHash)
    }

    // MARK: - Leaves

    @Test func servingCertificate_chainsToCA_withSANsAndServerAuth() async throws {
        let ca = try ClusterPKI.createCA(now: now)
        let pair = try ca.issueServingCertificate(
            commonName: "kcluster-apiserver",
            hosts: ["cp.example.com", "10.0.0.7", "fd00::1", "[::1]"],
            now: now
        )
        let leaf = try Certificate(pemEncoded: pair.certificatePEM)
        #expect(await chainsToCA(leaf, ca: ca))
        #expect(try sanStrings(leaf) == ["localhost", "127.0.0.1", "cp.example.com", "10.0.0.7", "fd00::1", "::1"])
        #expect(try leaf.extensions.extendedKeyUsage == ExtendedKeyUsage([.serverAuth]))
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(leaf.notValidBefore == now - 300)
        #expect(leaf.notValidAfter == now + 365 * 86400)
        #expect(ClusterPKI.privateKey(pair.privateKeyPEM, matchesCertificate: pair.certificatePEM))
        #expect(await chainsToCA(leaf, ca: ca, serverIP: "10.0.0.7"))
        #expect(await chainsToCA(leaf, ca: ca, serverHostname: "cp.example.com"))
        #expect(await !chainsToCA(leaf, ca: ca, serverIP: "10.0.0.8"))
        #expect(await !chainsToCA(leaf, ca: ca, at: now + 366 * 86400))
    }

    @Test func leaf_doesNotChainToAnotherCA() async throws {
        let ca = try ClusterPKI.createCA(now: now)
        let other = try ClusterPKI.createCA(now: now)
        let pair = try ca.issueClientCertificate(commonName: "x", organizations: [], now: now)
        let leaf = try Certificate(pemEncoded: pair.certificatePEM)
        #expect(await !chainsToCA(leaf, ca: other))
        #expect(!other.issued(leaf))
        #expect(ca.issued(leaf))
    }

    @Test func serialNumbers_areRandom() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let first = try Certificate(
            pemEncoded: ca.issueClientCertificate(commonName: "a", organizations: [], now: now)
                .certificatePEM
        )
        let second = try Certificate(
            pemEncoded: ca.issueClientCertificate(commonName: "a", organizations: [], now: now)
                .certificatePEM
        )
        #expect(first.serialNumber != second.serialNumber)
    }

    @Test func adminClientCertificate_hasCNAndOrganisation_andClientAuth() async throws {
        let ca = try ClusterPKI.createCA(now: now)
        let pair = try ca.issueClientCertificate(
            commonName: "kubernetes-admin",
            organizations: ["system:masters"],
            now: now
        )
        let leaf = try Certificate(pemEncoded: pair.certificatePEM)
        #expect(await chainsToCA(leaf, ca: ca))
        let identity = try PeerIdentity(certificate: leaf)
        #expect(identity == PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"]))
        #expect(identity.isAdmin)
        #expect(try leaf.extensions.extendedKeyUsage == ExtendedKeyUsage([.clientAuth]))
        #expect(try leaf.extensions.subjectAlternativeNames == nil)
    }

    @Test func issueForGivenPublicKey_usesThatKey() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let request = try ClusterPKI.makeCertificateSigningRequest(commonName: "ignored")
        let publicKeyPEM = try ClusterPKI.publicKeyPEM(ofPrivateKeyPEM: request.privateKeyPEM)
        let servingPEM = try ca.issueServingCertificate(
            commonName: "s",
            hosts: [],
            publicKeyPEM: publicKeyPEM,
            now: now
        )
        let clientPEM = try ca.issueClientCertificate(
            commonName: "c",
            organizations: ["o"],
            publicKeyPEM: publicKeyPEM,
            now: now
        )
        #expect(ClusterPKI.privateKey(request.privateKeyPEM, matchesCertificate: servingPEM))
        #expect(ClusterPKI.privateKey(request.privateKeyPEM, matchesCertificate: clientPEM))
    }

    @Test func invalidHost_isRejected() throws {
        let ca = try ClusterPKI.createCA(now: now)
        #expect(throws: PKIError.invalidSubjectAlternativeName("bad host")) {
            try ca.issueServingCertificate(commonName: "s", hosts: ["bad host"], now: now)
        }
    }

    // MARK: - CSR

    @Test func signCSR_issuesClientCertificateWithCallerChosenSubject() async throws {
        let ca = try ClusterPKI.createCA(now: now)
        let request = try ClusterPKI.makeCertificateSigningRequest(commonName: "system:node:evil")
        let pem = try ca.signCertificateSigningRequest(
            request.csrPEM,
            commonName: "system:node:n1",
            organizations: ["system:nodes"],
            now: now
        )
        let leaf = try Certificate(pemEncoded: pem)
        #expect(await chainsToCA(leaf, ca: ca))
        let identity = try PeerIdentity(certificate: leaf)
        #expect(identity.commonName == "system:node:n1")
        #expect(identity.nodeName == "n1")
        #expect(identity.organizations == ["system:nodes"])
        #expect(!identity.isAdmin)
        #expect(ClusterPKI.privateKey(request.privateKeyPEM, matchesCertificate: pem))
        #expect(try leaf.extensions.extendedKeyUsage == ExtendedKeyUsage([.clientAuth]))
    }

    @Test func signCSR_rejectsTamperedSignatureAndGarbage() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let request = try ClusterPKI.makeCertificateSigningRequest(commonName: "n1")
        let csr = try CertificateSigningRequest(pemEncoded: request.csrPEM)
        // Same public key and subject, but signed by a different key: proof of possession fails.
        let otherKey = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let signedElsewhere = try CertificateSigningRequest(
            version: .v1,
            subject: csr.subject,
            publicKey: csr.publicKey,
            attributes: csr.attributes,
            signatureAlgorithm: .ecdsaWithSHA256,
            signature: otherKey.sign(bytes: Array(request.csrPEM.utf8), signatureAlgorithm: .ecdsaWithSHA256)
        )
        let tamperedPEM = try signedElsewhere.serializeAsPEM().pemString
        #expect(throws: PKIError.invalidCSRSignature) {
            try ca.signCertificateSigningRequest(tamperedPEM, commonName: "n1", now: now)
        }
        #expect(throws: PKIError.self) {
            try ca.signCertificateSigningRequest("not a csr", commonName: "n1", now: now)
        }
    }

    // MARK: - IP literals

    private static let ipCases: [(String, [UInt8])] = [
        ("127.0.0.1", [127, 0, 0, 1]),
        ("::1", [UInt8](repeating: 0, count: 15) + [1]),
        ("::", [UInt8](repeating: 0, count: 16)),
        ("fe80::1:2", [0xfe, 0x80] + [UInt8](repeating: 0, count: 10) + [0, 1, 0, 2]),
        ("::ffff:10.0.0.1", [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1]),
    ]

    @Test(arguments: ipCases)
    func ipLiteral_parses(text: String, bytes: [UInt8]) {
        #expect(IPAddressLiteral.bytes(text) == bytes)
    }

    @Test(arguments: ["256.0.0.1", "1.2.3", "01.2.3.4", "1::2::3", "12345::", "localhost", "", "1.2.3.4.5", ":::"])
    func ipLiteral_rejects(text: String) {
        #expect(IPAddressLiteral.bytes(text) == nil)
    }

    @Test func ipLiteral_formatsCompressedIPv6() throws {
        #expect(IPAddressLiteral.format(try #require(IPAddressLiteral.bytes("fd00:0:0:0:0:0:0:1"))) == "fd00::1")
        #expect(IPAddressLiteral.format(try #require(IPAddressLiteral.bytes("1:0:2:0:3:0:4:0"))) == "1:0:2:0:3:0:4:0")
        #expect(IPAddressLiteral.format([10, 1, 2, 3]) == "10.1.2.3")
    }
}
