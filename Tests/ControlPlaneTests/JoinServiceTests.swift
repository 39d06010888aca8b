import Foundation
import KubeAPI
import Logging
import NIOCore
import Synchronization
import Testing
import Wire
import X509
import TestSupport

@testable import ControlPlane

/// A fixed time for the tests that call the approver directly.
private let t0 = Date(timeIntervalSince1970: 1_795_000_000)
private let apiAddress = ServerAddress(host: "127.0.0.1", port: 6443)

/// Forwards to the join service, remembering what was asked (to prove what a client did or did not send).
private final class RecordingService: WireService {
    let inner: JoinService
    private let seen = Mutex<[String]>([])

    init(_ inner: JoinService) { self.inner = inner }

    var requests: [String] { seen.withLock { $0 } }

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        seen.withLock { $0.append("\(request.verb.rawValue) \(request.kind)") }
        return try await inner.handle(request, from: peer)
    }

    func watch(
        _ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void
    ) async throws {
        seen.withLock { $0.append("watch \(request.kind)") }
        try await inner.watch(request, from: peer, send: send)
    }
}

/// A control plane's data directory with its PKI and token store, and a bootstrap listener on loopback port 0.
private struct Cluster: Sendable {
    let directory: URL
    let pki: ControlPlanePKI
    let store: BootstrapTokenStore
    let service: RecordingService
    let port: Int

    var bootstrapServer: ServerAddress { ServerAddress(host: "127.0.0.1", port: port) }

    /// Runs `body` with a fresh cluster; everything is torn down afterwards.
    static func with<T: Sendable>(_ body: @escaping @Sendable (Cluster) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("join-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pki = try ControlPlanePKI.loadOrCreate(dataDir: directory, serverAddresses: [], now: Date())
        let store = BootstrapTokenStore(dataDirectory: directory)
        let logger = Logger.forTests("join-test")
        let service = RecordingService(
            JoinService(ca: pki.ca, tokens: store, apiServer: { apiAddress }, logger: logger))
        let server = try WireServer(
            configuration: .bootstrap(
                port: 0, certificatePEM: pki.servingCertificatePEM, privateKeyPEM: pki.servingPrivateKeyPEM,
                caPEM: pki.caCertificatePEM),
            service: service, logger: logger)
        return try await serving(server) { port in
            try await body(Cluster(directory: directory, pki: pki, store: store, service: service, port: port))
        }
    }

    /// A connection without a client certificate that verifies the server against the cluster CA.
    func connect<T: Sendable>(_ body: @Sendable (WireClient) async throws -> T) async throws -> T {
        try await WireClient.withConnection(
            host: "127.0.0.1", port: port, tls: .clusterClientWithoutCertificate(caPEM: pki.caCertificatePEM),
            agent: "test", body)
    }

    func join(token: String, caHash: String? = nil, node: String = "n1") async throws -> JoinedCredentials {
        try await JoinClient.join(
            bootstrapServer: bootstrapServer, token: token, caHash: caHash ?? pki.caHash, nodeName: node, now: Date(),
            logger: Logger.forTests("join-client"))
    }
}

@Suite struct JoinServiceTests {
    // MARK: - End to end over loopback TLS

    @Test func join_withTokenAndHash_getsANodeCertificateFromTheCA() async throws {
        try await Cluster.with { cluster in
            let token = try cluster.store.create(ttl: 3600, now: Date()).token
            let credentials = try await cluster.join(token: token)

            let certificate = try ClusterPKI.parseCertificate(credentials.certificatePEM, what: "node certificate")
            #expect(cluster.pki.ca.issued(certificate))
            let identity = try PeerIdentity(certificate: certificate)
            #expect(identity.commonName == "system:node:n1")
            #expect(identity.organizations == ["system:nodes"])
            let validity = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore)
            #expect(abs(validity - ClusterPKI.leafValidity - ClusterPKI.backdate) < 5)
            #expect(ClusterPKI.privateKey(credentials.privateKeyPEM, matchesCertificate: credentials.certificatePEM))
            #expect(credentials.caPEM == cluster.pki.caCertificatePEM)
            #expect(credentials.apiServer == apiAddress)
            #expect(cluster.service.requests == ["get ClusterInfo", "create CertificateSigningRequest"])
        }
    }

    @Test func join_withUnknownToken_isUnauthorized() async throws {
        try await Cluster.with { cluster in
            try cluster.store.create(ttl: 3600, now: Date())
            let error = await #expect(throws: JoinError.self) {
                try await cluster.join(token: "wrong0.0123456789abcdef")
            }
            guard case .tokenRejected(_, let message) = error else {
                Issue.record("expected tokenRejected, got \(String(describing: error))")
                return
            }
            #expect(message == "invalid bootstrap token")
            #expect(error?.description.contains("bootstrap token was refused") == true)
        }
    }

    @Test func join_withExpiredToken_isUnauthorized() async throws {
        try await Cluster.with { cluster in
            let expired = try cluster.store.create(ttl: 60, now: Date() - 3600)
            let error = await #expect(throws: JoinError.self) { try await cluster.join(token: expired.token) }
            guard case .tokenRejected = error else {
                Issue.record("expected tokenRejected, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func join_withWrongHash_failsBeforeTheTokenIsSent() async throws {
        try await Cluster.with { cluster in
            let token = try cluster.store.create(ttl: 3600, now: Date()).token
            let otherHash = try ClusterPKI.createCA(now: Date()).caHash
            let error = await #expect(throws: JoinError.self) {
                try await cluster.join(token: token, caHash: otherHash)
            }
            #expect(error == .caHashMismatch(expected: otherHash, actual: cluster.pki.caHash))
            #expect(error?.description.contains("does not match the given hash \"\(otherHash)\"") == true)
            #expect(cluster.service.requests == ["get ClusterInfo"])
        }
    }

    @Test func otherRequests_areForbidden_andClusterInfoIsAnonymous() async throws {
        try await Cluster.with { cluster in
            try await cluster.connect { client in
                #expect(client.identity == "system:anonymous")
                let info = try #require(try await client.send(Request(verb: .get, kind: "ClusterInfo")))
                #expect(info["server"] == "127.0.0.1:6443")
                #expect(info["caCertificate"]?.stringValue == cluster.pki.caCertificatePEM)

                for request in [Request(verb: .list, kind: "Node"), Request(verb: .get, kind: "Pod", name: "x"),
                                Request(verb: .create, kind: "ClusterInfo")] {
                    let status = await #expect(throws: Status.self) { try await client.send(request) }
                    #expect(status?.code == 403)
                    #expect(status?.reason == .forbidden)
                }
                let watch = client.watch(Request(verb: .watch, kind: "Pod"))
                let status = await #expect(throws: Status.self) { for try await _ in watch {} }
                #expect(status?.reason == .forbidden)
            }
        }
    }

    // MARK: - The service and the approver, without sockets

    @Test func clusterInfo_waitsForTheAPIAddress() async throws {
        let ca = try ClusterPKI.createCA(now: t0)
        let service = JoinService(
            ca: ca, tokens: BootstrapTokenStore(dataDirectory: URL(fileURLWithPath: "/nonexistent")),
            apiServer: { nil }, logger: Logger.forTests("test"))
        let status = await #expect(throws: Status.self) {
            try await service.handle(
                Request(verb: .get, kind: "ClusterInfo"), from: .init(commonName: "a", organizations: []))
        }
        #expect(status?.code == 503)
    }

    @Test func approve_answersWithTheCertificateAndAnApprovedCondition() throws {
        let ca = try ClusterPKI.createCA(now: t0)
        let token = BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: t0 + 60, createdAt: t0)
        let csr = try ClusterPKI.makeCertificateSigningRequest(commonName: "whatever")
        let object = NodeCertificateSigningRequest.object(nodeName: "n1", csrPEM: csr.csrPEM, token: token.token)

        let answer = try NodeCSRApprover(ca: ca).approve(object, tokens: [token], now: t0)
        #expect(answer[path: ["spec", "token"]] == nil)
        #expect(answer[path: ["metadata", "name"]] == "node-csr-n1")
        #expect(answer[path: ["spec", "username"]] == "system:node:n1")
        let condition = try #require(answer[path: ["status", "conditions"]]?.arrayValue?.first)
        #expect(condition["type"] == "Approved")
        #expect(condition["status"] == "True")
        #expect(condition["reason"] == "AutoApproved")
        let pem = try #require(NodeCertificateSigningRequest.issuedCertificate(in: answer))
        let identity = try PeerIdentity(certificate: ClusterPKI.parseCertificate(pem, what: "certificate"))
        #expect(identity == PeerIdentity(commonName: "system:node:n1", organizations: ["system:nodes"]))
        #expect(ClusterPKI.privateKey(csr.privateKeyPEM, matchesCertificate: pem))
    }

    @Test func approve_checksTheTokenFirst() throws {
        let ca = try ClusterPKI.createCA(now: t0)
        let token = BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: t0 + 60, createdAt: t0)
        let approver = NodeCSRApprover(ca: ca)
        // Even a request that is invalid otherwise is refused for its token first.
        for object: JSONValue? in [nil, ["spec": ["token": "abcdef.0123456789abcdee"]], ["spec": [:]]] {
            let status = #expect(throws: Status.self) { try approver.approve(object, tokens: [token], now: t0) }
            #expect(status?.code == 401)
            #expect(status?.reason == .unauthorized)
            #expect(status?.message == "invalid bootstrap token")
        }
        let expired = #expect(throws: Status.self) {
            try approver.approve(["spec": ["token": .string(token.token)]], tokens: [token], now: t0 + 60)
        }
        #expect(expired?.code == 401)
    }

    @Test func approve_rejectsBadNamesAndRequests() throws {
        let ca = try ClusterPKI.createCA(now: t0)
        let token = BootstrapToken(id: "abcdef", secret: "0123456789abcdef", expires: nil, createdAt: t0)
        let approver = NodeCSRApprover(ca: ca)
        let csr = try ClusterPKI.makeCertificateSigningRequest(commonName: "n1")

        var badNode = NodeCertificateSigningRequest.object(nodeName: "N_1", csrPEM: csr.csrPEM, token: token.token)
        badNode[path: ["metadata", "name"]] = "node-csr-n1"
        let status = #expect(throws: Status.self) { try approver.approve(badNode, tokens: [token], now: t0) }
        #expect(status?.code == 422)
        let prefix = "CertificateSigningRequest.certificates.k8s.io \"node-csr-n1\" is invalid: "
            + "spec.username: Invalid value: \"system:node:N_1\": node name: a lowercase RFC 1123 subdomain"
        #expect(status?.message?.hasPrefix(prefix) == true)

        var notANode = NodeCertificateSigningRequest.object(nodeName: "n1", csrPEM: csr.csrPEM, token: token.token)
        notANode[path: ["spec", "username"]] = "kubernetes-admin"
        #expect(throws: Status.self) { try approver.approve(notANode, tokens: [token], now: t0) }

        var garbage = NodeCertificateSigningRequest.object(nodeName: "n1", csrPEM: "junk", token: token.token)
        let garbageStatus = #expect(throws: Status.self) { try approver.approve(garbage, tokens: [token], now: t0) }
        #expect(garbageStatus?.details?.causes?.first?.field == "spec.request")

        // A CSR whose signature does not verify (its body was altered after signing) is refused.
        let tampered = try Self.tamperedCSR()
        garbage[path: ["spec", "request"]] = .string(NodeCertificateSigningRequest.encodePEM(tampered))
        let tamperedStatus = #expect(throws: Status.self) { try approver.approve(garbage, tokens: [token], now: t0) }
        #expect(tamperedStatus?.code == 422)
    }

    /// A CSR PEM whose signature no longer matches its content: the subject's common name was changed.
    static func tamperedCSR() throws -> String {
        let csr = try ClusterPKI.makeCertificateSigningRequest(commonName: "aaaa")
        let body = csr.csrPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        var der = try #require(Data(base64Encoded: body))
        let name = Data("aaaa".utf8)
        let range = try #require(der.range(of: name))
        der.replaceSubrange(range, with: Data("bbbb".utf8))
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + der.base64EncodedString(options: .lineLength64Characters)
            + "\n-----END CERTIFICATE REQUEST-----\n"
    }
}
