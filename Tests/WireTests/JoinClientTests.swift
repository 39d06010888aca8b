import Foundation
import Logging
import NIOCore
import Synchronization
import Testing
import TestSupport

@testable import KubeAPI
@testable import Wire

/// A stand-in bootstrap server: serves a ClusterInfo, signs CSRs with `ca` or refuses the token, records requests.
private final class StubBootstrapService: WireService {
    let ca: ClusterPKI
    let advertisedCAPEM: String
    let server: String
    let acceptedToken: String
    private let seen = Mutex<[Request]>([])

    init(ca: ClusterPKI, advertisedCAPEM: String? = nil, server: String = "10.0.0.1:6443", acceptedToken: String) {
        self.ca = ca
        self.advertisedCAPEM = advertisedCAPEM ?? ca.caCertificatePEM
        self.server = server
        self.acceptedToken = acceptedToken
    }

    var requests: [Request] { seen.withLock { $0 } }

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        seen.withLock { $0.append(request) }
        switch request.kind {
        case ClusterInfo.kind:
            return try JSONValue(encoding: ClusterInfo(caCertificate: advertisedCAPEM, server: server))
        case NodeCertificateSigningRequest.kind:
            guard request.object?[path: ["spec", "token"]]?.stringValue == acceptedToken else {
                throw Status(code: 401, reason: .unauthorized, message: "invalid bootstrap token")
            }
            guard var answer = request.object,
                let username = answer[path: ["spec", "username"]]?.stringValue,
                let encoded = answer[path: ["spec", "request"]]?.stringValue,
                let csr = NodeCertificateSigningRequest.decodePEM(encoded)
            else { throw Status.badRequest("malformed request") }
            let pem = try ca.signCertificateSigningRequest(
                csr, commonName: username, organizations: ["system:nodes"], now: Date())
            answer["status"] = ["certificate": .string(NodeCertificateSigningRequest.encodePEM(pem))]
            return answer
        default:
            throw Status.forbidden("no")
        }
    }

    func watch(
        _ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void
    ) async throws {
        throw Status.forbidden("no")
    }
}

private let token = "abcdef.0123456789abcdef"

/// Serves `service` on loopback port 0 behind the bootstrap TLS configuration with a serving certificate of
/// `servingCA`, for the duration of `body`.
private func withBootstrapServer<T: Sendable>(
    _ service: StubBootstrapService,
    servingCA: ClusterPKI,
    _ body: @escaping @Sendable (ServerAddress) async throws -> T
) async throws -> T {
    let pair = try servingCA.issueServingCertificate(commonName: "kcluster-apiserver", hosts: [], now: Date())
    let server = try WireServer(
        configuration: .bootstrap(
            port: 0, certificatePEM: pair.certificatePEM, privateKeyPEM: pair.privateKeyPEM,
            caPEM: servingCA.caCertificatePEM),
        service: service, logger: Logger.forTests("stub"))
    return try await serving(server) { port in try await body(ServerAddress(host: "127.0.0.1", port: port)) }
}

private func join(_ server: ServerAddress, token: String = token, caHash: String, node: String = "n1") async throws
    -> JoinedCredentials
{
    try await JoinClient.join(
        bootstrapServer: server, token: token, caHash: caHash, nodeName: node, now: Date(),
        logger: Logger.forTests("join"))
}

@Suite struct JoinClientTests {
    // MARK: - Against a stub server

    @Test func join_returnsCredentialsForTheAdvertisedServer() async throws {
        let ca = try ClusterPKI.createCA(now: Date())
        let stub = StubBootstrapService(ca: ca, acceptedToken: token)
        try await withBootstrapServer(stub, servingCA: ca) { server in
            let credentials = try await join(server, caHash: ca.caHash.uppercased().replacingOccurrences(
                of: "SHA256:", with: "sha256:"))
            #expect(credentials.apiServer == ServerAddress(host: "10.0.0.1", port: 6443))
            #expect(credentials.caPEM == ca.caCertificatePEM)
            try credentials.validate(nodeName: "n1", now: Date())
            // The private key never crossed the wire: only the CSR did.
            let sent = try #require(stub.requests.last?.object?.jsonString())
            #expect(!sent.contains("PRIVATE KEY"))
            #expect(stub.requests.map(\.kind) == ["ClusterInfo", "CertificateSigningRequest"])
        }
    }

    @Test func wrongHash_stopsAfterDiscovery() async throws {
        let ca = try ClusterPKI.createCA(now: Date())
        let stub = StubBootstrapService(ca: ca, acceptedToken: token)
        let pinned = try ClusterPKI.createCA(now: Date()).caHash
        try await withBootstrapServer(stub, servingCA: ca) { server in
            let error = await #expect(throws: JoinError.self) { try await join(server, caHash: pinned) }
            #expect(error == .caHashMismatch(expected: pinned, actual: ca.caHash))
            #expect(stub.requests.map(\.kind) == ["ClusterInfo"])
        }
    }

    @Test func refusedToken_isReportedAsSuch() async throws {
        let ca = try ClusterPKI.createCA(now: Date())
        let stub = StubBootstrapService(ca: ca, acceptedToken: "zzzzzz.zzzzzzzzzzzzzzzz")
        try await withBootstrapServer(stub, servingCA: ca) { server in
            let error = await #expect(throws: JoinError.self) { try await join(server, caHash: ca.caHash) }
            #expect(error == .tokenRejected(server: server.hostPort, message: "invalid bootstrap token"))
        }
    }

    /// A man in the middle relaying the real cluster info (so the hash matches) cannot take the token: the second
    /// connection verifies the server against the pinned CA and fails before anything is sent.
    @Test func serverNotFromThePinnedCA_neverReceivesTheToken() async throws {
        let real = try ClusterPKI.createCA(now: Date())
        let impostor = try ClusterPKI.createCA(now: Date())
        let stub = StubBootstrapService(ca: impostor, advertisedCAPEM: real.caCertificatePEM, acceptedToken: token)
        try await withBootstrapServer(stub, servingCA: impostor) { server in
            let error = await #expect(throws: JoinError.self) { try await join(server, caHash: real.caHash) }
            guard case .certificateRequestFailed = error else {
                Issue.record("expected certificateRequestFailed, got \(String(describing: error))")
                return
            }
            #expect(stub.requests.map(\.kind) == ["ClusterInfo"])
        }
    }

    @Test func unreachableServer_isADiscoveryFailure() async throws {
        // Port 1 on loopback: nothing listens there.
        let error = await #expect(throws: JoinError.self) {
            let hash = "sha256:" + String(repeating: "a", count: 64)
            return try await join(ServerAddress(host: "127.0.0.1", port: 1), caHash: hash)
        }
        guard case .discoveryFailed = error else {
            Issue.record("expected discoveryFailed, got \(String(describing: error))")
            return
        }
    }

    // MARK: - Pure parts

    @Test func inputs_areCheckedBeforeConnecting() {
        let hash = "sha256:" + String(repeating: "0", count: 64)
        #expect(throws: JoinError.invalidToken) {
            try JoinClient.validateInputs(token: "abc", caHash: hash, nodeName: "n1")
        }
        #expect(throws: JoinError.invalidCAHash("abc")) {
            try JoinClient.validateInputs(token: token, caHash: "abc", nodeName: "n1")
        }
        #expect(throws: JoinError.invalidCAHash("sha256:zz")) {
            try JoinClient.validateInputs(token: token, caHash: "sha256:zz", nodeName: "n1")
        }
        #expect(throws: JoinError.self) { try JoinClient.validateInputs(token: token, caHash: hash, nodeName: "N_1") }
        #expect(throws: Never.self) { try JoinClient.validateInputs(token: token, caHash: hash, nodeName: "n-1.a") }
    }

    @Test func errorMessages_tellHashAndTokenProblemsApart() {
        let mismatch = JoinError.caHashMismatch(expected: "sha256:aa", actual: "sha256:bb").description
        let refused = JoinError.tokenRejected(server: "h:1", message: "invalid bootstrap token").description
        #expect(mismatch.hasPrefix("cluster CA found in cluster-info does not match the given hash \"sha256:aa\""))
        #expect(mismatch.contains("token was not sent"))
        #expect(refused.contains("bootstrap token was refused"))
        #expect(!refused.contains("hash"))
    }

    @Test func wildcardAPIAddress_usesTheBootstrapHost() throws {
        let bootstrap = ServerAddress(host: "cp.example", port: 6444)
        func resolve(_ text: String) throws -> ServerAddress {
            try JoinClient.apiAddress(text, bootstrapServer: bootstrap)
        }
        #expect(try resolve("0.0.0.0:6443") == ServerAddress(host: "cp.example", port: 6443))
        #expect(try resolve("[::]:7000") == ServerAddress(host: "cp.example", port: 7000))
        #expect(try resolve("10.1.2.3:6443") == ServerAddress(host: "10.1.2.3", port: 6443))
    }

    // MARK: - Saved credentials

    @Test func credentials_saveAndLoad_withAPrivateKey() throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let ca = try ClusterPKI.createCA(now: now)
        let pair = try ca.issueClientCertificate(
            commonName: "system:node:n1", organizations: ["system:nodes"], now: now)
        let credentials = JoinedCredentials(
            caPEM: ca.caCertificatePEM, certificatePEM: pair.certificatePEM, privateKeyPEM: pair.privateKeyPEM,
            apiServer: ServerAddress(host: "::1", port: 6443))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("node-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        #expect(try JoinedCredentials.load(from: directory) == nil)
        try credentials.save(to: directory)
        #expect(try JoinedCredentials.load(from: directory) == credentials)
        #expect(AtomicFile.permissions(of: JoinedCredentials.url(of: .privateKey, in: directory)) == 0o600)
        #expect(try AtomicFile.read(JoinedCredentials.url(of: .server, in: directory)) == "[::1]:6443\n")

        #expect(credentials.isValid(nodeName: "n1", now: now))
        #expect(!credentials.isValid(nodeName: "n2", now: now))
        #expect(!credentials.isValid(nodeName: "n1", now: now + 2 * ClusterPKI.leafValidity))
        let other = try ClusterPKI.createCA(now: now)
        var foreign = credentials
        foreign.caPEM = other.caCertificatePEM
        #expect(!foreign.isValid(nodeName: "n1", now: now))

        try FileManager.default.removeItem(at: JoinedCredentials.url(of: .server, in: directory))
        #expect(throws: PKIError.self) { try JoinedCredentials.load(from: directory) }
    }
}
