import KubeAPI
import NIOCore

/// Tells the two protocols of a connection that negotiated no ALPN apart by its first byte: a frame-protocol client
/// starts with its hello's 4-byte length prefix (first byte 0x00, as a hello is far below 16 MiB), an HTTP client
/// with a method name (an ASCII capital letter). Some HTTP clients offer no ALPN (the WebSocket dialer kubectl uses
/// for exec, for instance). Once the first byte is seen the pipeline is set up for that protocol, the byte and
/// what follows go on to it, and this handler removes itself.
final class ProtocolSniffer<Result: Sendable>: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let configure: (_ isHTTP: Bool) throws -> Result
    private var promise: EventLoopPromise<Result>?

    /// A sniffer that calls `configure` (on the event loop) with whether the client speaks HTTP, and completes
    /// `promise` with its result (or fails it when the connection ends first).
    init(promise: EventLoopPromise<Result>, configure: @escaping (_ isHTTP: Bool) throws -> Result) {
        self.promise = promise
        self.configure = configure
    }

    /// Whether a connection's first byte starts an HTTP request line.
    static func startsHTTP(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard let promise, let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else {
            context.fireChannelRead(data)
            return
        }
        self.promise = nil
        do {
            promise.succeed(try configure(Self.startsHTTP(first)))
        } catch {
            promise.fail(error)
            context.close(promise: nil)
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise?.fail(ChannelError.eof)
        promise = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise?.fail(error)
        promise = nil
        context.fireErrorCaught(error)
    }
}
