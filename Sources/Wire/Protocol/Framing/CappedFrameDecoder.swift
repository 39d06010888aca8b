import KubeAPI
import NIOCore
import NIOExtras

/// Splits the byte stream into frames (4-byte big-endian length, then the payload), refusing any frame whose length
/// prefix exceeds `maxFrameBytes` before a byte of its payload is buffered.
///
/// The framing itself is NIOExtras' `LengthFieldBasedFrameDecoder`; this decoder only watches each length prefix
/// as it arrives.
public final class CappedFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    private let inner = LengthFieldBasedFrameDecoder(lengthFieldBitLength: .thirtyTwoBits, lengthFieldEndianness: .big)
    private let maxFrameBytes: Int
    /// Whether the next bytes in the stream are a length prefix (rather than the rest of a frame's payload).
    private var atFrameStart = true

    public init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    public func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if atFrameStart, let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self),
            Int(length) > maxFrameBytes
        {
            throw WireError.frameTooLarge(length: Int(length), cap: maxFrameBytes)
        }
        let before = buffer.readerIndex
        let state = try inner.decode(context: context, buffer: &buffer)
        switch state {
        case .continue:
            atFrameStart = true
        case .needMoreData:
            if buffer.readerIndex > before { atFrameStart = false }
        }
        return state
    }

    public func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while case .continue = try decode(context: context, buffer: &buffer) {}
        if buffer.readableBytes > 0 || !atFrameStart {
            throw WireError.malformedMessage("connection ended inside a frame")
        }
        return .needMoreData
    }
}

@available(*, unavailable)
extension CappedFrameDecoder: Sendable {}
