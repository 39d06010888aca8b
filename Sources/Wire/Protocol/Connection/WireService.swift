/// What a ``WireServer`` serves: the API behind the protocol.
///
/// Implementations throw ``Status`` for API failures; any other error is reported to the client as an internal error.
import KubeAPI

public protocol WireService: Sendable {
    /// Handles one non-watch request and returns the object to answer with (nil for none).
    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue?

    /// Streams a watch: calls `send` for each event until the watch ends or the task is cancelled (the client
    /// cancelled, or the connection dropped). Throwing a ``Status`` ends the watch with that error.
    func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void) async throws

    /// Serves a stream request (``Request/isStream``: `pods/log`, `pods/exec`): sends output through `io` until
    /// done, reads what the client sends from `io.input`, and returns how the stream ended. Throwing a ``Status``
    /// ends the stream with that error. The task is cancelled when the client cancels or the connection drops.
    ///
    /// The default implementation refuses every stream with 404.
    func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome

    /// The identity a bearer token stands for (a client without a certificate that sends one in its hello, or in
    /// an HTTP `Authorization` header); throws a 401 ``Status`` when it stands for none.
    ///
    /// The default implementation refuses every token.
    func authenticate(bearerToken: String) async throws -> PeerIdentity
}

extension WireService {
    public func authenticate(bearerToken: String) async throws -> PeerIdentity {
        throw Status(code: 401, reason: .unauthorized, message: "Unauthorized")
    }

    public func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome {
        throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
    }
}

/// A stream request's two directions, as its ``WireService`` sees them.
public struct StreamIO: Sendable {
    private let output: @Sendable (StreamChunk) async -> Void
    /// What the client sends: stdin bytes, the end of stdin, terminal sizes. Ends when the stream is over.
    public let input: BoundedQueue<StreamInput, Void>

    /// A stream whose output goes to `output` (which returns once the chunk is on its way) and whose input is
    /// `input`.
    public init(input: BoundedQueue<StreamInput, Void>, output: @escaping @Sendable (StreamChunk) async -> Void) {
        self.input = input
        self.output = output
    }

    /// Sends a chunk of stdout or stderr (in ``StreamChunk/maxMessageBytes`` pieces); returns once it has been
    /// written to the connection, so a producer goes no faster than the client reads.
    public func send(_ chunk: StreamChunk) async {
        for piece in chunk.pieces() { await output(piece) }
    }
}

extension StreamChunk {
    /// The most bytes one `data` message carries; larger chunks are split.
    public static let maxMessageBytes = 32 * 1024

    /// The chunk cut into pieces of at most ``maxMessageBytes`` (none when it is empty).
    public func pieces() -> [StreamChunk] {
        stride(from: 0, to: bytes.count, by: Self.maxMessageBytes).map { start in
            StreamChunk(stream, Array(bytes[start..<min(start + Self.maxMessageBytes, bytes.count)]))
        }
    }
}
