import KubeAPI
import NIOSSL
import Synchronization
import Wire

/// Where and how kctl reaches a control plane (address, TLS identity, agent name): opens connections to it, as
/// many as a command needs (a watch reconnecting after a control-plane restart opens a new one). A failure to
/// connect (refused, timed out, no handshake or hello) is reported as kubectl does, as a ``ConnectionFailure``.
struct ControlPlaneEndpoint: Sendable {
    let host: String
    let port: Int
    let tls: TLSConfiguration
    let connectTimeout: Duration
    /// A bearer token sent in the hello (a user without a client certificate authenticates by it).
    let token: String?

    init(host: String, port: Int, tls: TLSConfiguration, connectTimeout: Duration = .seconds(5), token: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.token = token
    }

    /// The endpoint of a local cluster's control plane, as its admin.
    init(_ access: ClusterAccess, connectTimeout: Duration = .seconds(5)) throws {
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: access.certPEM, privateKeyPEM: access.keyPEM, caPEM: access.caPEM)
        self.init(host: access.server.host, port: access.server.port, tls: tls, connectTimeout: connectTimeout)
    }

    /// Connects, runs `body` with the connection, and closes it.
    /// - Throws: ``ConnectionFailure`` when no connection could be made; otherwise what `body` throws.
    func withConnection<R: Sendable>(_ body: @Sendable (WireClient) async throws -> R) async throws -> R {
        let connected = Flag()
        do {
            return try await WireClient.withConnection(
                host: host, port: port, tls: tls, agent: "kctl/\(WireVersion.softwareVersion)",
                connectTimeout: connectTimeout, token: token
            ) { wire in
                connected.set()
                return try await body(wire)
            }
        } catch where !connected.isSet && !(error is CancellationError) && !(error is Status) {
            // (A Status before the connection is up is the server refusing the hello: 401 for a bad token.)
            // Not even connected (refused, timed out, no handshake): kubectl's "Unable to connect" family.
            throw ConnectionFailure(host: host, port: port, underlying: error)
        }
    }

    /// Set once the connection is up, so that only failures before it are reported as connection failures.
    private final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}
