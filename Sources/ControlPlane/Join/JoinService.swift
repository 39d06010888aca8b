import Foundation
import KubeAPI
import Logging
import Wire

/// What the bootstrap listener serves: exactly `get ClusterInfo` (anonymous) and `create CertificateSigningRequest`
/// (with a bootstrap token); every other request is refused with `403 Forbidden`.
///
/// Run it behind its own ``WireServer`` configured with `WireServerConfiguration.bootstrap(...)` (server-authenticated
/// TLS, no client certificate needed). The tokens are read from the ``BootstrapTokenStore``
/// file on every request, so `controlplane token` changes apply at once.
struct JoinService: WireService {
    private let approver: NodeCSRApprover
    private let tokens: BootstrapTokenStore
    private let apiServer: @Sendable () -> ServerAddress?
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// A join service signing with `ca`, accepting the tokens of `tokens`.
    ///
    /// - Parameters:
    ///   - ca: The cluster CA (``ControlPlanePKI/ca``).
    ///   - tokens: The token store of the data directory.
    ///   - apiServer: The main API address to advertise in ``ClusterInfo``, once known (the main listener may bind
    ///     after this one); while it returns nil, `get ClusterInfo` answers `503 ServiceUnavailable`.
    ///   - clock: The current time, for token expiry and certificate validity.
    ///   - logger: For approvals and refusals.
    init(
        ca: ClusterPKI,
        tokens: BootstrapTokenStore,
        apiServer: @escaping @Sendable () -> ServerAddress?,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.approver = NodeCSRApprover(ca: ca)
        self.tokens = tokens
        self.apiServer = apiServer
        self.clock = clock
        self.logger = logger
    }

    /// The CA certificate PEM served as ``ClusterInfo/caCertificate``.
    var caCertificatePEM: String { approver.ca.caCertificatePEM }

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        switch (request.verb, request.kind) {
        case (.get, ClusterInfo.kind):
            guard let server = apiServer() else {
                throw Status(code: 503, reason: .serviceUnavailable, message: "the API server is not listening yet")
            }
            return try JSONValue(encoding: ClusterInfo(caCertificate: caCertificatePEM, server: server.hostPort))
        case (.create, NodeCertificateSigningRequest.kind):
            return try approve(request, from: peer)
        default:
            throw Self.forbidden(request, peer: peer)
        }
    }

    func watch(
        _ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void
    ) async throws {
        throw Self.forbidden(request, peer: peer)
    }

    /// Logs and exec are not served here either.
    func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome {
        throw Self.forbidden(request, peer: peer)
    }

    /// Runs the approver on the current tokens; logs the outcome.
    private func approve(_ request: Request, from peer: PeerIdentity) throws -> JSONValue {
        let username = request.object?[path: ["spec", "username"]]?.stringValue ?? ""
        do {
            let answer = try approver.approve(request.object, tokens: tokens.load(), now: clock())
            logger.info("issued node certificate", metadata: ["user": "\(username)", "peer": "\(peer)"])
            return answer
        } catch let status as Status {
            logger.notice(
                "refused certificate signing request",
                metadata: ["user": "\(username)", "peer": "\(peer)", "reason": "\(status.message ?? "")"])
            throw status
        }
    }

    /// `403 Forbidden` for anything but the two bootstrap requests.
    static func forbidden(_ request: Request, peer: PeerIdentity) -> Status {
        .forbidden(
            "User \"\(peer.commonName)\" cannot \(request.verb.rawValue) \(request.kind) on the bootstrap port: "
                + "it serves only get ClusterInfo and create CertificateSigningRequest")
    }
}
