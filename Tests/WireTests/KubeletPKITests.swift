import Foundation
import SwiftASN1
import Testing
import X509

@testable import KubeAPI
@testable import Wire

/// The kubelet client certificate the control plane keeps, and how it checks a kubelet's node certificate.
@Suite struct KubeletPKITests {
    private let now = Date(timeIntervalSince1970: 1_795_554_000)

    private func der(_ pem: String) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(try Certificate(pemEncoded: pem))
        return serializer.serializedBytes
    }

    @Test func aKubeletIsAccepted_onlyWithANodeCertificateOfTheClusterForTheNodeDialled() throws {
        let ca = try ClusterPKI.createCA(now: now)
        let node = try ca.issueClientCertificate(commonName: "system:node:n1", organizations: ["system:nodes"], now: now)
        let chain = [try der(node.certificatePEM)]
        try KubeletPKI.verifyKubeletServer(chain, caPEM: ca.caCertificatePEM, nodeName: "n1", now: now)
        #expect(
            throws: KubeletPKI.VerificationFailure(
                description: "certificate is valid for system:node:n1, not system:node:n2")
        ) {
            try KubeletPKI.verifyKubeletServer(chain, caPEM: ca.caCertificatePEM, nodeName: "n2", now: now)
        }
        let other = try ClusterPKI.createCA(now: now)
        #expect(throws: KubeletPKI.VerificationFailure(description: "certificate signed by unknown authority")) {
            try KubeletPKI.verifyKubeletServer(chain, caPEM: other.caCertificatePEM, nodeName: "n1", now: now)
        }
        #expect(throws: KubeletPKI.VerificationFailure.self) {
            try KubeletPKI.verifyKubeletServer(
                chain, caPEM: ca.caCertificatePEM, nodeName: "n1", now: now + 2 * ClusterPKI.leafValidity)
        }
        #expect(throws: KubeletPKI.VerificationFailure.self) {
            try KubeletPKI.verifyKubeletServer([], caPEM: ca.caCertificatePEM, nodeName: "n1", now: now)
        }
    }

    @Test func theKubeletClientCertificate_isIssuedOnce_withAPrivateKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubelet-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ca = try ClusterPKI.createCA(now: now)
        let first = try KubeletPKI.loadOrCreateClient(dataDir: directory, ca: ca, now: now)
        #expect(first.issued)
        let identity = try PeerIdentity(certificate: try Certificate(pemEncoded: first.pair.certificatePEM))
        #expect(identity == PeerIdentity(commonName: "kube-apiserver-kubelet-client", organizations: ["system:masters"]))
        #expect(KubeletPKI.isKubeletClient(identity))
        #expect(!KubeletPKI.isKubeletClient(PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])))
        let key = directory.appendingPathComponent("apiserver-kubelet-client.key")
        #expect(SecureFile.permissions(of: key) == 0o600)
        let second = try KubeletPKI.loadOrCreateClient(dataDir: directory, ca: ca, now: now)
        #expect(!second.issued)
        #expect(second.pair == first.pair)
        // Another CA (a new cluster in the same directory) gets a new certificate.
        #expect(try KubeletPKI.loadOrCreateClient(dataDir: directory, ca: try ClusterPKI.createCA(now: now), now: now).issued)
    }
}
