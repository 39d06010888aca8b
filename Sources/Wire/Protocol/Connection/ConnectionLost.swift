/// An established connection to `host:port` that broke (the server went away, was killed or restarted, or the
/// network failed), told in words a user understands: `the connection to the server H:P was lost`. Watches and
/// streams that cannot go on end with it; the transport's own error (``underlying``) is kept for diagnosis only,
/// never shown: its text is a library's internal name (`uncleanShutdown`, `ioOnClosedChannel`).
import KubeAPI

public struct ConnectionLost: Error, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    /// What the transport reported, as Go would word it (`EOF`, `read: connection reset by peer`).
    public let reason: String

    public init(host: String, port: Int, underlying: (any Error)?) {
        self.host = host
        self.port = port
        self.reason = underlying.map(TransportErrorText.text) ?? "EOF"
    }

    public var description: String { "the connection to the server \(host):\(port) was lost" }
}
