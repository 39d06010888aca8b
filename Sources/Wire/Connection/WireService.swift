/// What a ``WireServer`` serves: the API behind the protocol.
///
/// Implementations throw ``Status`` for API failures; any other error is reported to the client as an internal error.
public protocol WireService: Sendable {
    /// Handles one non-watch request and returns the object to answer with (nil for none).
    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue?

    /// Streams a watch: calls `send` for each event until the watch ends or the task is cancelled (the client
    /// cancelled, or the connection dropped). Throwing a ``Status`` ends the watch with that error.
    func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void) async throws
}
