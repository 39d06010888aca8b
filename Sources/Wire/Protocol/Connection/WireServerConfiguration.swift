import KubeAPI
import NIOSSL

/// Settings of a ``WireServer``.
public struct WireServerConfiguration: Sendable {
    /// Address to listen on: `127.0.0.1`, `0.0.0.0`, `::1`.
    public var host: String
    /// Port to listen on; 0 picks a free one (reported through `onListening`).
    public var port: Int
    /// TLS (mutual). nil serves plaintext, for in-process tests only: every peer is then `anonymousPeer`.
    public var tls: TLSConfiguration?
    /// Frames whose length prefix exceeds this are refused and the connection closed.
    public var maxFrameBytes: Int
    /// A connection that has not sent its hello within this time is closed.
    public var helloTimeout: Duration
    /// Name sent in the server's hello.
    public var agent: String
    /// Identity given to peers when TLS is off.
    public var anonymousPeer: PeerIdentity

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: TLSConfiguration?,
        maxFrameBytes: Int = MessageCodec.defaultMaxFrameBytes,
        helloTimeout: Duration = .seconds(5),
        agent: String = "controlplane/\(WireVersion.softwareVersion)",
        anonymousPeer: PeerIdentity = PeerIdentity(commonName: "anonymous", organizations: [])
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.maxFrameBytes = maxFrameBytes
        self.helloTimeout = helloTimeout
        self.agent = agent
        self.anonymousPeer = anonymousPeer
    }
}
