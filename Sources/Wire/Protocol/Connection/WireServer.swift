import KubeAPI
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Serves a ``WireService`` over the wire protocol: TLS (mutual), length-prefixed JSON frames, a hello, then
/// requests answered concurrently and possibly out of order, watches streamed, cancellations honoured.
///
/// Each connection is isolated: a malformed frame, an oversized frame, a missing hello or a version mismatch closes
/// that connection only (after an error frame when one can be sent); every other client keeps working.
public final class WireServer: Sendable {
    private let configuration: WireServerConfiguration
    private let service: any WireService
    private let logger: Logger
    private let sslContext: NIOSSLContext?
    private let backlogMark = BacklogMark()

    /// The most messages any one connection has had queued and not yet written at once (watch events wait for the
    /// connection, so this stays bounded however slowly a client reads).
    public var largestOutboxBacklog: Int { backlogMark.value }

    /// Connections that negotiate one of its ALPN ids go to this service instead of the frame protocol.
    private let alternate: (any ALPNService)?
    /// The configuration demands client certificates, but the handshake admits clients without one for the
    /// alternate service: a frame connection without one must authenticate with a token in its hello, or it is
    /// refused (401) and closed.
    private let framesRequireCertificate: Bool

    /// The ALPN id of the frame protocol. A client may offer it, or offer nothing: both get the frame protocol.
    public static let frameProtocolALPN = "kcluster-wire/1"

    /// A server of `service`; with TLS and an `alternate` service, one port serves both, chosen by ALPN.
    public init(
        configuration: WireServerConfiguration, service: any WireService, alternate: (any ALPNService)? = nil,
        logger: Logger
    ) throws {
        self.configuration = configuration
        self.service = service
        self.alternate = alternate
        self.logger = logger
        var framesRequireCertificate = false
        self.sslContext = try configuration.tls.map { tls in
            var tls = tls
            if let alternate {
                tls.applicationProtocols = alternate.applicationProtocols + [Self.frameProtocolALPN]
                // The alternate service answers a client without a certificate itself (REST: 401 Unauthorized), so
                // the handshake admits one; a certificate that is presented is still verified, and the frame
                // protocol refuses a connection without one unless its hello carries a bearer token (ServerSession).
                if tls.certificateVerification == .noHostnameVerification || tls.certificateVerification == .fullVerification {
                    tls.certificateVerification = .optionalVerification
                    framesRequireCertificate = true
                }
            }
            return try NIOSSLContext(configuration: tls)
        }
        self.framesRequireCertificate = framesRequireCertificate
    }

    /// Binds, reports the bound address through `onListening`, then serves until the task is cancelled.
    public func run(onListening: @Sendable (SocketAddress) -> Void = { _ in }) async throws {
        let (maxFrameBytes, helloTimeout) = (configuration.maxFrameBytes, TimeAmount(configuration.helloTimeout))
        let (sslContext, alternate) = (self.sslContext, self.alternate)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    // The hello must come within the timeout of the accept: the TLS handshake counts.
                    let helloTimer = channel.eventLoop.scheduleTask(in: helloTimeout) { channel.close(promise: nil) }
                    let operations = channel.pipeline.syncOperations
                    if let sslContext { try operations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    guard sslContext != nil, let alternate else {
                        return channel.eventLoop.makeSucceededFuture(
                            try Self.frameConnection(channel, maxFrameBytes: maxFrameBytes, helloTimer: helloTimer))
                    }
                    let negotiation = NIOTypedApplicationProtocolNegotiationHandler<NegotiatedConnection> { result, channel in
                        channel.eventLoop.makeCompletedFuture {
                            switch result {
                            case .negotiated(let id) where alternate.applicationProtocols.contains(id):
                                helloTimer.cancel()
                                return .alternate(try alternate.configure(channel, applicationProtocol: id))
                            case .negotiated(Self.frameProtocolALPN):
                                return try Self.frameConnection(channel, maxFrameBytes: maxFrameBytes, helloTimer: helloTimer)
                            default:
                                // No ALPN (kctl, kubeletd, but also some HTTP clients): the first byte decides.
                                let sniffed = channel.eventLoop.makePromise(of: NegotiatedConnection.self)
                                try channel.pipeline.syncOperations.addHandler(ProtocolSniffer(promise: sniffed) { isHTTP in
                                    guard isHTTP, let http = alternate.applicationProtocols.first else {
                                        return try Self.frameConnection(
                                            channel, maxFrameBytes: maxFrameBytes, helloTimer: helloTimer)
                                    }
                                    helloTimer.cancel()
                                    return .alternate(try alternate.configure(channel, applicationProtocol: http))
                                })
                                return .sniffed(sniffed.futureResult)
                            }
                        }
                    }
                    try operations.addHandler(negotiation)
                    return negotiation.protocolNegotiationResult
                }
            }
        if let address = server.channel.localAddress { onListening(address) }
        try await withTaskCancellationHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await negotiation in inbound {
                        group.addTask {
                            // After the TLS handshake and ALPN; a failed handshake (or the hello timer closing the
                            // connection first) ends only this connection.
                            var negotiated = try? await negotiation.get()
                            if case .sniffed(let first) = negotiated { negotiated = try? await first.get() }
                            switch negotiated {
                            case .frames(let connection, let helloTimer): await self.serve(connection, helloTimer: helloTimer)
                            case .alternate(let serve): await serve()
                            case .sniffed, nil: return
                            }
                        }
                    }
                }
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    /// A connection after TLS and ALPN: the frame protocol, or the alternate service's, or (without ALPN) either,
    /// once its first byte has come (``ProtocolSniffer``).
    private enum NegotiatedConnection: Sendable {
        case frames(NIOAsyncChannel<ByteBuffer, ByteBuffer>, helloTimer: Scheduled<Void>)
        case alternate(@Sendable () async -> Void)
        indirect case sniffed(EventLoopFuture<NegotiatedConnection>)
    }

    /// Adds the framing handlers and wraps the channel for ``serve(_:helloTimer:)``.
    private static func frameConnection(
        _ channel: any Channel, maxFrameBytes: Int, helloTimer: Scheduled<Void>
    ) throws -> NegotiatedConnection {
        try channel.pipeline.syncOperations.addWireFramingHandlers(maxFrameBytes: maxFrameBytes)
        return .frames(
            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel), helloTimer: helloTimer)
    }

    // MARK: - One connection

    /// Serves one connection until it closes. Never throws: failures close this connection only.
    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, helloTimer: Scheduled<Void>) async {
        let channel = connection.channel
        var logger = self.logger
        logger[metadataKey: "peer"] = "\(channel.remoteAddress?.description ?? "unknown")"
        defer { helloTimer.cancel() }
        do {
            try await connection.executeThenClose { inbound, outbound in
                let outbox = Outbox(backlogMark: backlogMark)
                try await withThrowingTaskGroup(of: Void.self) { writer in
                    writer.addTask {
                        defer { outbox.writerEnded() }
                        for await message in outbox.messages {
                            try await outbound.write(MessageCodec.encode(message, allocator: channel.allocator))
                            outbox.written()
                        }
                    }
                    let session = ServerSession(
                        service: service, outbox: outbox, channel: channel, helloTimer: helloTimer,
                        agent: configuration.agent, anonymousPeer: configuration.anonymousPeer,
                        tls: sslContext != nil, requiresCredentials: framesRequireCertificate, logger: logger)
                    await session.run(inbound)
                    outbox.finish()
                    try await writer.waitForAll()
                }
            }
        } catch {
            logger.debug("connection closed", metadata: ["error": "\(error)"])
        }
    }
}
