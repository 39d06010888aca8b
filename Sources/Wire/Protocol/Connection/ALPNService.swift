import KubeAPI
import NIOCore

/// A protocol other than the frame protocol, served on the same TLS port as it and chosen by the client's ALPN
/// offer (the control plane's Kubernetes REST API: `http/1.1`).
///
/// A client that offers one of ``applicationProtocols`` gets this service; a client that offers no ALPN, or
/// ``WireServer/frameProtocolALPN``, or nothing the server knows, gets the frame protocol (docs/PROTOCOL.md,
/// section 1).
public protocol ALPNService: Sendable {
    /// The ALPN ids this service speaks, in the server's order of preference (e.g. `["http/1.1"]`).
    var applicationProtocols: [String] { get }

    /// Sets up a connection that negotiated `applicationProtocol`: called on the channel's event loop, after the TLS
    /// handshake, with the TLS handler already in the pipeline. Returns what serves the connection until it closes
    /// (run as a task of the server; it must close the channel when done and never throw).
    func configure(_ channel: any Channel, applicationProtocol: String) throws -> @Sendable () async -> Void
}
