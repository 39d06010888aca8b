import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Wire

/// One keep-alive HTTP/1.1 connection over TLS to the control plane's REST front door, as a Kubernetes client makes
/// it: ALPN `http/1.1`, the client certificate of the TLS configuration, NIO's HTTP/1.1 codec. Requests go one at a
/// time; an answer is read whole, or (a watch) its body is read line by line as it streams.
///
/// Made and used by one task (``with(host:port:context:_:)``); every read is bounded by a deadline that closes the
/// connection.
final class HTTPSConnection {
    /// An answer read whole.
    struct Response: Sendable {
        let status: Int
        let body: [UInt8]
    }

    private var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    private let channel: any Channel
    private let authority: String

    private init(
        inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>, channel: any Channel, authority: String
    ) {
        self.inbound = inbound
        self.outbound = outbound
        self.channel = channel
        self.authority = authority
    }

    /// A client TLS context for the REST front door: `tls` (the cluster CA, the client certificate) offering
    /// `http/1.1` by ALPN, which is how the control plane tells a REST client from a frame-protocol one.
    static func context(_ tls: TLSConfiguration) throws -> NIOSSLContext {
        var configuration = tls
        configuration.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: configuration)
    }

    /// Connects to `host:port` (loopback), completes the TLS handshake, runs `body` and closes the connection.
    static func with<T: Sendable>(
        host: String, port: Int, context: NIOSSLContext, connectTimeout: Duration = .seconds(5),
        _ body: (HTTPSConnection) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: "localhost"))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = HTTPSConnection(
                inbound: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel,
                authority: "\(host):\(port)")
            return try await body(connection)
        }
    }

    /// Sends one request and reads its whole answer within `timeout` (else the connection is closed and this throws).
    func send(
        _ method: HTTPMethod, _ uri: String, json body: [UInt8]? = nil, timeout: Duration = .seconds(60)
    ) async throws -> Response {
        try await write(method, uri, body: body)
        let deadline = closing(after: timeout)
        defer { deadline.cancel() }
        var status: Int?
        var bytes: [UInt8] = []
        while let part = try await inbound.next() {
            switch part {
            case .head(let head):
                status = Int(head.status.code)
            case .body(var buffer):
                bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let status else { throw BenchError("an answer to \(method) \(uri) ended before its head") }
                return Response(status: status, body: bytes)
            }
        }
        throw BenchError("the connection closed before the answer to \(method) \(uri) (deadline \(timeout))")
    }

    /// Sends a GET whose answer streams (a watch, `?watch=true`), then reads its body line by line: `onOpen` runs
    /// once the answer's head arrives (status 200), `onLine` with each complete line and the instant its last byte
    /// arrived. Returns when the answer ends, `onLine` returns false, or `timeout` passes (the connection is then
    /// closed).
    func streamLines(
        _ uri: String, timeout: Duration, onOpen: () async throws -> Void,
        onLine: ([UInt8], ContinuousClock.Instant) throws -> Bool
    ) async throws {
        try await write(.GET, uri, body: nil)
        let deadline = closing(after: timeout)
        defer { deadline.cancel() }
        var pending = LineSplitter()
        while let part = try await inbound.next() {
            switch part {
            case .head(let head):
                guard head.status == .ok else {
                    throw BenchError("GET \(uri) answered \(head.status.code)")
                }
                try await onOpen()
            case .body(let buffer):
                let arrived = ContinuousClock.now
                for line in pending.append(buffer.readableBytesView) {
                    guard try onLine(line, arrived) else { return }
                }
            case .end:
                return
            }
        }
    }

    /// Closes the connection from any task (a reader blocked on it then sees it end).
    var closeAction: @Sendable () -> Void {
        let channel = self.channel
        return { channel.close(promise: nil) }
    }

    private func write(_ method: HTTPMethod, _ uri: String, body: [UInt8]?) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "host", value: authority)
        headers.add(name: "user-agent", value: "kbench/\(WireVersion.softwareVersion)")
        headers.add(name: "accept", value: "application/json")
        if let body {
            headers.add(name: "content-type", value: "application/json")
            headers.add(name: "content-length", value: String(body.count))
        }
        var parts: [HTTPClientRequestPart] = [
            .head(HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers))
        ]
        if let body { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
        parts.append(.end(nil))
        try await outbound.write(contentsOf: parts)
    }

    private func closing(after timeout: Duration) -> Scheduled<Void> {
        let channel = self.channel
        return channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
    }
}

/// Splits a byte stream into newline-terminated lines (without the newline), keeping a partial last line until the
/// rest of it arrives. Pure.
struct LineSplitter {
    private var partial: [UInt8] = []

    /// The lines that `bytes` completes.
    mutating func append(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if !partial.isEmpty { lines.append(partial) }
                partial.removeAll(keepingCapacity: true)
            } else {
                partial.append(byte)
            }
        }
        return lines
    }
}
