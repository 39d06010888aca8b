import KubeAPI
import NIOSSL

/// A check of the server's certificate chain (leaf first) that replaces the TLS library's own verification; see
/// ``WireClient/withConnection(host:port:tls:serverHostname:agent:maxFrameBytes:connectTimeout:localAddress:verifyServer:_:)``.
public typealias ServerCertificateCheck = @Sendable ([NIOSSLCertificate]) -> NIOSSLVerificationResult

/// The client's side of a stream request (`pods/log`, `pods/exec`): its output, its outcome, and its input.
///
/// Read the output with ``next()`` until it returns nil; then ``outcome`` says how the stream ended (a log
/// ends, an exec exits with a status). A server error is thrown by ``next()``. Cancelling the reading task
/// cancels the request on the server.
public struct WireStream: Sendable {
    /// The request's id on its connection.
    public let id: UInt64
    private let queue: BoundedQueue<StreamChunk, StreamOutcome>
    private let outbox: Outbox
    private let pending: PendingRequests

    init(id: UInt64, queue: BoundedQueue<StreamChunk, StreamOutcome>, outbox: Outbox, pending: PendingRequests) {
        self.id = id
        self.queue = queue
        self.outbox = outbox
        self.pending = pending
    }

    /// The next chunk of output (stdout or stderr), nil at the end of the stream. Throws the server's ``Status``,
    /// or ``WireError/connectionClosed``.
    public func next() async throws -> StreamChunk? {
        do {
            return try await queue.next()
        } catch is CancellationError {
            cancel()
            throw CancellationError()
        }
    }

    /// How the stream ended, once ``next()`` has returned nil.
    public var outcome: StreamOutcome? { queue.outcome }

    /// Sends bytes to the command's standard input; returns once they are written to the connection.
    public func write(_ bytes: [UInt8]) async {
        for piece in StreamChunk(.stdin, bytes).pieces() { await outbox.send(.data(id: id, piece)) }
    }

    /// Ends the command's standard input.
    public func closeStdin() async {
        await outbox.send(.close(id: id, .stdin))
    }

    /// Tells the command's terminal its new size.
    public func resize(_ size: TerminalSize) {
        outbox.yield(.resize(id: id, size))
    }

    /// Stops the stream: the server ends it (an exec's command is killed); output not yet read is dropped.
    public func cancel() {
        pending.fail(id, CancellationError())
        outbox.yield(.cancel(id: id))
    }
}
