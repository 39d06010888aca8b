import KubeAPI
import Logging
import Synchronization
import NIOCore
import NIOSSL

/// The server side of one established connection: the hello, then dispatching requests and cancellations.
struct ServerSession: Sendable {
    /// How many messages a watch may run ahead of the connection's writes: a watch event waits until no more are
    /// unwritten before it. A peer that stops reading so stops its watches, whose backlogs then grow in the store's
    /// watch hub until it cuts them off; this connection's queue stays bounded, and the answers to its other
    /// requests wait behind at most this many events per watch.
    static let watchEventWindow = 64

    let service: any WireService
    let outbox: Outbox
    let channel: any Channel
    let helloTimer: Scheduled<Void>
    let agent: String
    let anonymousPeer: PeerIdentity
    let tls: Bool
    /// A client must authenticate, by certificate or by a token in its hello (the main listener).
    var requiresCredentials = false
    let logger: Logger

    /// Reads frames until the peer closes or breaks the protocol; in-flight requests are cancelled on return.
    func run(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async {
        let inFlight = InFlightRequests()
        let inputs = StreamInputs()
        // A read loop held by a slow stream consumer must not outlive the connection.
        channel.closeFuture.whenComplete { _ in inputs.cancelAll() }
        await withDiscardingTaskGroup { group in
            var peer: PeerIdentity?
            do {
                frames: for try await frame in inbound {
                    let message: Message
                    do {
                        message = try MessageCodec.decode(frame)
                    } catch {
                        refuse(.badRequest("\(error)"))
                        break frames
                    }
                    guard let established = peer else {
                        guard case .hello(let hello) = message else {
                            refuse(.badRequest("unexpected message: the first message must be a hello"))
                            break frames
                        }
                        guard hello.protocolVersion == WireVersion.protocolVersion else {
                            let mismatch = WireError.versionMismatch(
                                local: WireVersion.protocolVersion, remote: hello.protocolVersion)
                            refuse(.badRequest("\(mismatch)"))
                            break frames
                        }
                        helloTimer.cancel()
                        let identified: PeerIdentity
                        do {
                            identified = try await identifyPeer(hello)
                        } catch let status as Status {
                            refuse(status)
                            break frames
                        }
                        peer = identified
                        outbox.yield(.hello(Hello(agent: agent, identity: identified.commonName)))
                        continue
                    }
                    switch message {
                    case .request(let id, let request) where request.isStream:
                        // Only exec and attach read input; their handlers drain the queue until the stream ends.
                        let input = BoundedQueue<StreamInput, Void>(capacity: 16)
                        if request.subresource == Request.execSubresource
                            || request.subresource == Request.attachSubresource
                        {
                            inputs.register(id, input)
                        }
                        group.addTask {
                            await inFlight.run(id: id) { await answerStream(id, request, established, input) }
                            inputs.remove(id)
                            input.cancel()
                        }
                    case .request(let id, let request):
                        group.addTask { await inFlight.run(id: id) { await answer(id, request, established) } }
                    case .cancel(let id):
                        inFlight.cancel(id: id)
                    case .data(let id, let chunk) where chunk.stream == .stdin:
                        await inputs.deliver(id, .stdin(chunk.bytes))
                    case .close(let id, .stdin):
                        await inputs.deliver(id, .stdinClosed)
                    case .resize(let id, let size):
                        await inputs.deliver(id, .resize(size))
                    case .data, .close:
                        refuse(.badRequest("unexpected message: a client may send data only on stdin"))
                        break frames
                    case .hello, .response, .error, .event, .exit, .warning:
                        refuse(.badRequest("unexpected message: a client may send only requests and cancels"))
                        break frames
                    }
                }
            } catch let error as WireError {
                if case .frameTooLarge = error {
                    refuse(Status(code: 413, reason: .requestEntityTooLarge, message: "\(error)"))
                } else {
                    refuse(.badRequest("\(error)"))
                }
            } catch {
                logger.debug("connection ended", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
        }
    }

    /// Sends a connection-level error; the caller then stops reading, which closes the connection.
    private func refuse(_ status: Status) {
        logger.info("closing connection", metadata: ["reason": "\(status.message ?? "")"])
        outbox.yield(.error(id: nil, status))
    }

    /// The peer's identity: from its verified client certificate; without one, from the bearer token of its hello
    /// (``WireService/authenticate(bearerToken:)``); without either, the anonymous peer where the listener admits
    /// one (the bootstrap listener, or no TLS), else 401 Unauthorized.
    private func identifyPeer(_ hello: Hello) async throws -> PeerIdentity {
        guard tls else { return anonymousPeer }
        if let certificate = try await channel.nioSSL_peerCertificate().get() {
            return try PeerIdentity(certificate: certificate)
        }
        if let token = hello.token, !token.isEmpty { return try await service.authenticate(bearerToken: token) }
        guard !requiresCredentials else {
            logger.info("closing connection", metadata: ["reason": "no client certificate and no token"])
            throw Status(code: 401, reason: .unauthorized, message: "Unauthorized")
        }
        return anonymousPeer
    }

    /// Runs one stream request (log, exec) and sends how it ended: `response` (the stream is complete, or was
    /// cancelled, or its `timeoutSeconds` passed), `exit` (the command's status) or `error`.
    private func answerStream(_ id: UInt64, _ request: Request, _ peer: PeerIdentity,
                              _ input: BoundedQueue<StreamInput, Void>) async {
        let io = StreamIO(input: input) { [outbox] chunk in await outbox.send(.data(id: id, chunk)) }
        do {
            let outcome = try await withTimeout(seconds: request.timeoutSeconds) {
                try await service.stream(request, from: peer, io: io)
            }
            switch outcome {
            case .exited(let status) where !Task.isCancelled: outbox.yield(.exit(id: id, status))
            case .ended, .exited: outbox.yield(.response(id: id, object: nil))
            }
        } catch let status as Status {
            outbox.yield(.error(id: id, status))
        } catch is WireError {
            outbox.yield(.response(id: id, object: nil))
        } catch is CancellationError {
            outbox.yield(.response(id: id, object: nil))
        } catch {
            logger.error("stream failed", metadata: ["request.id": "\(id)", "error": "\(error)"])
            outbox.yield(.error(id: id, .internalError("\(error)")))
        }
    }

    /// Runs one request and sends its outcome.
    private func answer(_ id: UInt64, _ request: Request, _ peer: PeerIdentity) async {
        do {
            if request.verb == .watch {
                try await withTimeout(seconds: request.timeoutSeconds) {
                    try await service.watch(request, from: peer) { event in
                        await outbox.send(.event(id: id, event), allowingUnwritten: Self.watchEventWindow)
                    }
                }
                outbox.yield(.response(id: id, object: nil))
            } else {
                let warnings = WireWarnings.Sink()
                let object = try await WireWarnings.$sink.withValue(warnings) {
                    try await withTimeout(seconds: request.timeoutSeconds) {
                        try await service.handle(request, from: peer)
                    }
                }
                if Task.isCancelled { return }
                for text in warnings.texts { outbox.yield(.warning(id: id, text: text)) }
                outbox.yield(.response(id: id, object: object))
            }
        } catch let status as Status {
            outbox.yield(.error(id: id, status))
        } catch let error as WireError {
            if case .timeout = error, request.verb == .watch {
                outbox.yield(.response(id: id, object: nil))
            } else {
                outbox.yield(.error(id: id, .timeout("\(error)")))
            }
        } catch is CancellationError {
            if request.verb == .watch { outbox.yield(.response(id: id, object: nil)) }
        } catch {
            logger.error("request failed", metadata: ["request.id": "\(id)", "error": "\(error)"])
            outbox.yield(.error(id: id, .internalError("\(error)")))
        }
    }
}


/// The input queues of a connection's running exec streams, by request id.
final class StreamInputs: Sendable {
    private let queues = Mutex<[UInt64: BoundedQueue<StreamInput, Void>]>([:])

    func register(_ id: UInt64, _ queue: BoundedQueue<StreamInput, Void>) {
        queues.withLock { $0[id] = queue }
    }

    func remove(_ id: UInt64) {
        _ = queues.withLock { $0.removeValue(forKey: id) }
    }

    /// Hands `input` to stream `id` (waiting while its queue is full); input for an unknown or finished stream is
    /// dropped.
    func deliver(_ id: UInt64, _ input: StreamInput) async {
        guard let queue = queues.withLock({ $0[id] }) else { return }
        await queue.send(input)
    }

    /// The connection closed: releases whoever waits to deliver.
    func cancelAll() {
        let all = queues.withLock { queues in
            defer { queues = [:] }
            return Array(queues.values)
        }
        for queue in all { queue.cancel() }
    }
}
