import KubeAPI
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOWebSocket
import Synchronization
import Wire

/// The Kubernetes REST API over HTTP/1.1, served on the control plane's TLS port to clients that negotiate
/// `http/1.1` by ALPN (kubectl offers `h2,http/1.1` and falls back; the frame protocol's clients offer nothing).
/// The caller's identity is its verified client certificate, as on the frame protocol; a client without one may
/// authenticate each request with a ServiceAccount token (`Authorization: Bearer <token>`).
///
/// Per connection: persistent (keep-alive) until the client closes or asks `Connection: close`; headers are
/// capped by NIO's parser (80 KiB), bodies by ``Limits/maxBodyBytes`` (413, then close); a request that is not
/// wholly received within ``Limits/requestTimeout`` of the previous answer (an idle keep-alive connection, or a
/// client that never finishes its headers) has its connection closed. Watches stream as chunked bodies. A first
/// request that asks to upgrade a pod's `exec` to a WebSocket (`v5.channel.k8s.io`) becomes a ``RESTExecSession``.
struct RESTServer: ALPNService {
    /// The bounds a connection is held to.
    struct Limits: Sendable {
        /// The largest request body accepted.
        var maxBodyBytes: Int
        /// How long the next request may take to arrive whole (headers and body).
        var requestTimeout: TimeAmount = .seconds(30)
        /// The longest a watch runs when the client names no `timeoutSeconds` (Kubernetes' 30 minutes).
        var maxWatchSeconds: Double = 1800
        /// How long one write of a streamed answer (watch event, log bytes, exec output) may wait for a client
        /// that does not read before its connection is closed.
        var stalledWriteTimeout: TimeAmount = .seconds(60)
        /// How often a watch that asks for bookmarks gets one (Kubernetes: about every minute).
        var bookmarkInterval: Duration = .seconds(60)
    }

    let handler: RESTHandler
    let limits: Limits
    let logger: Logger

    var applicationProtocols: [String] { ["http/1.1"] }

    /// What a connection becomes after its first request: plain HTTP, or a WebSocket for `pods/exec`.
    private enum Upgrade: Sendable {
        case http(NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>)
        case exec(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, uri: String, authorization: String?)
    }

    func configure(_ channel: any Channel, applicationProtocol: String) throws -> @Sendable () async -> Void {
        // Until the first request's head is read, nothing else bounds a client that never finishes it.
        let firstHead = channel.eventLoop.scheduleTask(in: limits.requestTimeout) { channel.close(promise: nil) }
        let webSocket = NIOTypedWebSocketServerUpgrader<Upgrade>(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { channel, head in
                // A pod's exec offering v5.channel.k8s.io; anything else is answered as plain HTTP (kubectl then
                // falls back to SPDY, which is refused).
                let accepted = head.method == .GET && ExecChannels.request(uri: head.uri) != nil
                    && ExecChannels.offered(head.headers.first(name: "sec-websocket-protocol"))
                return channel.eventLoop.makeSucceededFuture(
                    accepted ? HTTPHeaders([("Sec-WebSocket-Protocol", ExecChannels.subprotocol)]) : nil)
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    .exec(
                        try NIOAsyncChannel(wrappingChannelSynchronously: channel), uri: head.uri,
                        authorization: head.headers.first(name: "authorization"))
                }
            })
        let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: NIOUpgradableHTTPServerPipelineConfiguration(
                upgradeConfiguration: NIOTypedHTTPServerUpgradeConfiguration(
                    upgraders: [webSocket],
                    notUpgradingCompletionHandler: { channel in
                        channel.eventLoop.makeCompletedFuture { .http(try NIOAsyncChannel(wrappingChannelSynchronously: channel)) }
                    })))
        // NIO's upgrade handler loses a request that asks for a protocol it has no upgrader for (SPDY, from kubectl
        // 1.29 and older): such a request is made an ordinary one first, and answered with a Status.
        let upgrader = try channel.pipeline.syncOperations.handler(type: NIOTypedHTTPServerUpgradeHandler<Upgrade>.self)
        try channel.pipeline.syncOperations.addHandler(UnservedUpgradeFilter(served: "websocket"), position: .before(upgrader))
        let (handler, limits, logger) = (self.handler, self.limits, self.logger)
        return {
            let upgraded = try? await upgrade.get()
            firstHead.cancel()
            let peer = try? await channel.nioSSL_peerCertificate().get().map { try PeerIdentity(certificate: $0) }
            switch upgraded {
            case .http(let connection):
                await RESTConnection(handler: handler, limits: limits, logger: logger).serve(connection, peer: peer)
            case .exec(let connection, let uri, let authorization):
                let caller = await handler.authenticate(certificate: peer, authorization: authorization)
                await RESTExecSession(handler: handler, stalledWriteTimeout: limits.stalledWriteTimeout, logger: logger)
                    .run(connection, uri: uri, peer: caller)
            case nil:
                channel.close(promise: nil)
            }
        }
    }
}

/// One HTTP/1.1 connection of the ``RESTServer``: reads requests one at a time and writes their answers.
private struct RESTConnection: Sendable {
    let handler: RESTHandler
    let limits: RESTServer.Limits
    let logger: Logger

    /// A request as read from the connection.
    private enum Read {
        case request(HTTPRequestHead, body: [UInt8])
        case tooLarge(HTTPRequestHead)
        case closed
    }

    func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, peer: PeerIdentity?) async {
        let channel = connection.channel
        let serverAddress = channel.localAddress.map { "\($0.ipAddress ?? "127.0.0.1"):\($0.port ?? 0)" } ?? ""
        do {
            try await connection.executeThenClose { inbound, outbound in
                var parts = inbound.makeAsyncIterator()
                while true {
                    let deadline = channel.eventLoop.scheduleTask(in: limits.requestTimeout) {
                        channel.close(promise: nil)
                    }
                    let read = try await Self.read(&parts, maxBodyBytes: limits.maxBodyBytes)
                    deadline.cancel()
                    switch read {
                    case .closed:
                        return
                    case .tooLarge(let head):
                        try await write(.failure(RESTErrors.tooLarge(limit: limits.maxBodyBytes)), for: head,
                                        keepAlive: false, peer: nil, to: outbound, channel: channel)
                        return
                    case .request(let head, let body):
                        let call = RESTHandler.Call(
                            method: head.method.rawValue, uri: head.uri, accept: head.headers.first(name: "accept"),
                            contentType: head.headers.first(name: "content-type"), body: body,
                            serverAddress: serverAddress, userAgent: head.headers.first(name: "user-agent"),
                            impersonateUser: head.headers.first(name: "impersonate-user"),
                            impersonateGroups: head.headers["impersonate-group"])
                        let caller = await handler.authenticate(
                            certificate: peer, authorization: head.headers.first(name: "authorization"))
                        let reply = await handler.respond(to: call, from: caller)
                        try await write(reply, for: head, keepAlive: head.isKeepAlive, peer: caller, to: outbound,
                                        channel: channel)
                        if !head.isKeepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("REST connection closed", metadata: ["error": "\(error)"])
        }
    }

    /// Reads one whole request (head, body, end); a body over the cap stops the reading.
    private static func read(
        _ parts: inout NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator, maxBodyBytes: Int
    ) async throws -> Read {
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        while let part = try await parts.next() {
            switch part {
            case .head(let received):
                head = received
                if let length = received.headers.first(name: "content-length").flatMap(Int.init), length > maxBodyBytes {
                    return .tooLarge(received)
                }
            case .body(var buffer):
                guard let head else { continue }
                if body.count + buffer.readableBytes > maxBodyBytes { return .tooLarge(head) }
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { continue }
                return .request(head, body: body)
            }
        }
        return .closed
    }

    /// Writes `reply`; a watch streams until it ends, its time is up or the client goes away.
    private func write(
        _ reply: RESTReply, for head: HTTPRequestHead, keepAlive: Bool, peer: PeerIdentity?,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, channel: any Channel
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "cache-control", value: "no-cache, private")
        if !keepAlive { headers.add(name: "connection", value: "close") }
        var reply = reply
        while case .warned(let warnings, let inner) = reply {
            for warning in warnings { headers.add(name: "warning", value: FieldValidation.warningHeader(warning)) }
            reply = inner
        }
        switch reply {
        case .warned:
            return
        case .full(let status, let contentType, let body):
            headers.add(name: "content-type", value: contentType)
            headers.add(name: "content-length", value: String(body.count))
            // Head, body and end in one write: one flush, so one TLS record and one system call per answer.
            var parts: [HTTPServerResponsePart] = [.head(HTTPResponseHead(
                version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers))]
            if !body.isEmpty { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            parts.append(.end(nil))
            try await outbound.write(contentsOf: parts)
        case .log(let request):
            guard let peer else { return }
            try await writeLog(request, for: head, headers: headers, peer: peer, to: outbound, channel: channel)
        case .watch(let request, let contentType):
            guard let peer else { return }
            headers.add(name: "content-type", value: contentType)
            headers.add(name: "transfer-encoding", value: "chunked")
            try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers)))
            let seconds = request.timeoutSeconds.flatMap { $0 > 0 ? $0 : nil } ?? limits.maxWatchSeconds
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await handler.stream(request, from: peer, bookmarkInterval: limits.bookmarkInterval) { line in
                        await channel.closingIfStalled(after: limits.stalledWriteTimeout) {
                            try? await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: line))))
                        }
                    }
                }
                group.addTask { try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) }
                group.addTask { await Self.closed(channel) }
                await group.next()
                group.cancelAll()
            }
            try await outbound.write(.end(nil))
        }
    }

    /// Streams a `pods/log` answer: the head goes with the first bytes, so a log that cannot be read (no such pod or
    /// container, the node unreachable) is answered with its Status and code instead; the stream stops when the
    /// client goes away.
    private func writeLog(
        _ request: Request, for head: HTTPRequestHead, headers: HTTPHeaders, peer: PeerIdentity,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, channel: any Channel
    ) async throws {
        var headers = headers
        headers.add(name: "content-type", value: "text/plain")
        headers.add(name: "transfer-encoding", value: "chunked")
        let responseHead = HTTPResponseHead(version: head.version, status: .ok, headers: headers)
        let started = HeadSent()
        let begin: @Sendable () async throws -> Void = {
            if started.take() { try await outbound.write(.head(responseHead)) }
        }
        let failure = await withTaskGroup(of: Status?.self) { group in
            group.addTask {
                do {
                    try await handler.log(request, from: peer) { bytes in
                        await channel.closingIfStalled(after: limits.stalledWriteTimeout) {
                            try? await begin()
                            try? await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                        }
                    }
                    return nil
                } catch let status as Status {
                    return status
                } catch {
                    return nil
                }
            }
            group.addTask { await Self.closed(channel); return nil }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let failure, !started.sent {
            try await write(.failure(failure), for: head, keepAlive: head.isKeepAlive, peer: peer, to: outbound,
                            channel: channel)
            return
        }
        try await begin()
        try await outbound.write(.end(nil))
    }

    /// Returns when `channel` closes, or at once when the task is cancelled.
    private static func closed(_ channel: any Channel) async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        for await _ in stream {}
    }
}

/// Whether a streamed reply's head has been written: ``take()`` is true once, for whoever writes it.
private final class HeadSent: Sendable {
    private let state = Mutex(false)

    /// True the first time only.
    func take() -> Bool {
        state.withLock { sent in
            defer { sent = true }
            return !sent
        }
    }

    /// Whether ``take()`` has been called.
    var sent: Bool { state.withLock { $0 } }
}

extension Channel {
    /// Runs `write`, closing the channel if it has not finished within `limit`: a client that stops reading holds a
    /// streamed answer for at most that long (the write then fails, and the stream ends with the connection).
    func closingIfStalled(after limit: TimeAmount, _ write: () async -> Void) async {
        let stall = eventLoop.scheduleTask(in: limit) { [self] in close(promise: nil) }
        await write()
        stall.cancel()
    }
}

/// Removes the upgrade headers of a request that asks to upgrade to anything but `served`, so that it is answered as
/// an ordinary request (its Status says what is wrong) instead of being dropped by the upgrade handler.
private final class UnservedUpgradeFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let served: String

    init(served: String) { self.served = served }

    /// Only the first request can upgrade: after its head this handler leaves the pipeline (before an upgrade
    /// replaces the HTTP handlers in front of it).
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        if head.headers.contains(name: "upgrade"),
            !head.headers[canonicalForm: "upgrade"].contains(where: { $0.lowercased() == served })
        {
            head.headers.remove(name: "upgrade")
            let connection = head.headers[canonicalForm: "connection"].filter { $0.lowercased() != "upgrade" }
            head.headers.remove(name: "connection")
            for value in connection { head.headers.add(name: "connection", value: String(value)) }
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
