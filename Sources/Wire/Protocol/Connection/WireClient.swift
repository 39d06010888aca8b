import KubeAPI
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// A client connection to a control plane: sends requests, correlates responses by id, streams watches.
///
/// Use it through ``withConnection(host:port:tls:serverHostname:agent:maxFrameBytes:connectTimeout:_:)``: the
/// connection lives exactly as long as the closure, and every request still pending when it closes fails with
/// ``WireError/connectionClosed``. A connection the server or the network breaks fails what is pending with
/// ``ConnectionLost`` (never with the transport's own error enums).
public final class WireClient: Sendable {
    private let pending = PendingRequests()
    private let outbox: Outbox
    /// The identity the server authenticated us as (from its hello).
    public let identity: String
    /// The server's software, as its hello names it (`controlplane/v1.32.0-...`).
    public let serverAgent: String

    private init(outbox: Outbox, hello: Hello) {
        self.outbox = outbox
        self.identity = hello.identity ?? ""
        self.serverAgent = hello.agent ?? ""
    }

    /// Connects, exchanges hellos, runs `body` with the client, then closes the connection. `localAddress` binds
    /// the client's side of the connection to an address of this host. `verifyServer`, when given, replaces the
    /// TLS library's verification of the server's certificate entirely (chain, validity and name): it receives the
    /// chain the server presented, leaf first (used for kubelets, whose node certificate is checked by name).
    /// `token`, when given, goes in the hello: a bearer token that authenticates a client without a certificate.
    ///
    /// The TLS handshake and the server's hello must arrive within `helloTimeout` (as Go's clients bound the TLS
    /// handshake): a server that accepts connections but never answers, a frozen process for one, is given up on
    /// with ``WireError/timeout(seconds:)`` instead of hanging the caller.
    public static func withConnection<Result: Sendable>(
        host: String,
        port: Int,
        tls: TLSConfiguration?,
        serverHostname: String? = "localhost",
        agent: String,
        maxFrameBytes: Int = MessageCodec.defaultMaxFrameBytes,
        connectTimeout: Duration = .seconds(5),
        helloTimeout: Duration = .seconds(10),
        localAddress: String? = nil,
        verifyServer: ServerCertificateCheck? = nil,
        token: String? = nil,
        _ body: @Sendable (WireClient) async throws -> Result
    ) async throws -> Result {
        let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let localAddress {
            // Connections leave from this address (a node's own loopback address, so faults can target it).
            bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: localAddress, port: 0))
        }
        let channel = try await bootstrap
            .connectTimeout(TimeAmount(connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        let handler: NIOSSLClientHandler
                        if let verifyServer {
                            handler = try NIOSSLClientHandler(
                                context: sslContext, serverHostname: serverHostname,
                                customVerificationCallback: { certificates, promise in
                                    promise.succeed(verifyServer(certificates))
                                })
                        } else {
                            handler = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addWireFramingHandlers(maxFrameBytes: maxFrameBytes)
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let outbox = Outbox()
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { outbox.writerEnded() }
                    for await message in outbox.messages {
                        try await outbound.write(MessageCodec.encode(message, allocator: channel.channel.allocator))
                        outbox.written()
                    }
                }
                var frames = inbound.makeAsyncIterator()
                outbox.yield(.hello(Hello(agent: agent, token: token)))
                let hello = try await readHello(&frames, within: helloTimeout, closing: channel.channel)
                let client = WireClient(outbox: outbox, hello: hello)
                let pending = client.pending
                group.addTask {
                    await pending.readResponses(IteratorBox(frames), host: host, port: port)
                }
                defer {
                    pending.close(with: WireError.connectionClosed)
                    outbox.finish()
                    group.cancelAll()
                }
                return try await body(client)
            }
        }
    }

    /// The server's hello; past `timeout` the channel is closed and the wait ends with ``WireError/timeout(seconds:)``.
    private static func readHello(
        _ frames: inout NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, within timeout: Duration,
        closing channel: any Channel
    ) async throws -> Hello {
        let started = ContinuousClock.now
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        let frame: ByteBuffer?
        do {
            frame = try await frames.next()
        } catch where ContinuousClock.now - started >= timeout {
            throw WireError.timeout(seconds: timeout.inSeconds)
        }
        guard let frame else {
            if ContinuousClock.now - started >= timeout { throw WireError.timeout(seconds: timeout.inSeconds) }
            throw WireError.connectionClosed
        }
        switch try MessageCodec.decode(frame) {
        case .hello(let hello):
            guard hello.protocolVersion == WireVersion.protocolVersion else {
                throw WireError.versionMismatch(local: WireVersion.protocolVersion, remote: hello.protocolVersion)
            }
            return hello
        case .error(_, let status):
            throw status
        default:
            throw WireError.unexpectedMessage("expected the server's hello")
        }
    }

    // MARK: - Requests

    /// Sends a request and waits for its response object (nil when the server answers with none).
    ///
    /// Throws the server's ``Status`` on API errors, ``WireError/timeout(seconds:)`` when `timeout` passes (the server
    /// is then told to cancel), ``WireError/connectionClosed`` when the connection drops.
    public func send(_ request: Request, timeout: Duration? = nil) async throws -> JSONValue? {
        try await send(request, id: pending.makeID(), timeout: timeout)
    }

    /// Sends a request and returns the answer object and the warnings the server sent before it (a `Warn` field
    /// validation's unknown fields).
    public func sendReportingWarnings(_ request: Request, timeout: Duration? = nil) async throws
        -> (object: JSONValue?, warnings: [String])
    {
        let id = pending.makeID()
        do {
            let object = try await send(request, id: id, timeout: timeout)
            return (object, pending.takeWarnings(id))
        } catch {
            _ = pending.takeWarnings(id)
            throw error
        }
    }

    private func send(_ request: Request, id: UInt64, timeout: Duration?) async throws -> JSONValue? {
        let request = WireImpersonation.applied(to: request)
        let attempt: @Sendable () async throws -> JSONValue? = { [pending, outbox] in
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    if pending.register(id, continuation) { outbox.yield(.request(id: id, request)) }
                }
            } onCancel: {
                pending.fail(id, CancellationError())
                outbox.yield(.cancel(id: id))
            }
        }
        guard let timeout else { return try await attempt() }
        return try await withTimeout(seconds: timeout.inSeconds, attempt)
    }

    /// Starts a watch. The stream yields events until the server ends the watch (it finishes), fails it (it throws
    /// the ``Status``, e.g. Gone), or the connection drops; ending iteration early cancels the watch on the server.
    public func watch(_ request: Request) -> AsyncThrowingStream<WatchEvent, any Error> {
        var request = WireImpersonation.applied(to: request)
        request.verb = .watch
        let id = pending.makeID()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: WatchEvent.self, throwing: (any Error).self)
        continuation.onTermination = { [pending, outbox] termination in
            if case .cancelled = termination {
                pending.fail(id, CancellationError())
                outbox.yield(.cancel(id: id))
            }
        }
        if pending.registerWatch(id, continuation) { outbox.yield(.request(id: id, request)) }
        return stream
    }

    /// Starts a stream request (``Request/isStream``: `pods/log`, `pods/exec`). Read its output with
    /// ``WireStream/next()`` until it returns nil, then its ``WireStream/outcome``; send input with the stream's
    /// methods. Output the caller does not read holds back the whole connection (backpressure), so read it.
    public func stream(_ request: Request) -> WireStream {
        let request = WireImpersonation.applied(to: request)
        let id = pending.makeID()
        let queue = BoundedQueue<StreamChunk, StreamOutcome>(capacity: 16)
        if pending.registerStream(id, queue) { outbox.yield(.request(id: id, request)) }
        return WireStream(id: id, queue: queue, outbox: outbox, pending: pending)
    }
}

/// Moves the inbound iterator into the reader task (it is used by one task at a time: first the hello, then the
/// reader).
struct IteratorBox: @unchecked Sendable {
    // Unchecked: the iterator is handed over once, after the hello, and never touched by the creating task again.
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }
}

extension PendingRequests {
    /// Dispatches every frame from the server until the connection ends, then fails whatever is still pending:
    /// with the server's ``Status`` or a protocol ``WireError`` when it said why, else with ``ConnectionLost``.
    func readResponses(_ box: IteratorBox, host: String, port: Int) async {
        var frames = box.iterator
        var failure: any Error = ConnectionLost(host: host, port: port, underlying: nil)
        do {
            while let frame = try await frames.next() {
                switch try MessageCodec.decode(frame) {
                case .response(let id, let object): complete(id, object: object)
                case .error(let id?, let status): fail(id, status)
                case .error(nil, let status):
                    failure = status
                    close(with: status)
                    return
                case .event(let id, let event): deliver(id, event)
                case .data(let id, let chunk): await deliver(id, chunk)
                case .exit(let id, let status): exited(id, status)
                case .warning(let id, let text): warned(id, text)
                case .hello, .request, .cancel, .close, .resize: continue
                }
            }
        } catch let error as WireError {
            failure = error
        } catch {
            failure = ConnectionLost(host: host, port: port, underlying: error)
        }
        close(with: failure)
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
