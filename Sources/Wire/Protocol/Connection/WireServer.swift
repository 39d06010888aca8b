import KubeAPI
import Logging
import NIOCore
import NIOPosix
import NIOSSL

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

    public init(configuration: WireServerConfiguration, service: any WireService, logger: Logger) throws {
        self.configuration = configuration
        self.service = service
        self.logger = logger
        self.sslContext = try configuration.tls.map { try NIOSSLContext(configuration: $0) }
    }

    /// Binds, reports the bound address through `onListening`, then serves until the task is cancelled.
    public func run(onListening: @Sendable (SocketAddress) -> Void = { _ in }) async throws {
        let maxFrameBytes = configuration.maxFrameBytes
        let sslContext = self.sslContext
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try channel.pipeline.syncOperations.addWireFramingHandlers(maxFrameBytes: maxFrameBytes)
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        if let address = server.channel.localAddress { onListening(address) }
        try await withTaskCancellationHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    // MARK: - One connection

    /// Serves one connection until it closes. Never throws: failures close this connection only.
    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let channel = connection.channel
        var logger = self.logger
        logger[metadataKey: "peer"] = "\(channel.remoteAddress?.description ?? "unknown")"
        let helloTimer = channel.eventLoop.scheduleTask(in: TimeAmount(configuration.helloTimeout)) {
            channel.close(promise: nil)
        }
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
                        tls: sslContext != nil, logger: logger)
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
