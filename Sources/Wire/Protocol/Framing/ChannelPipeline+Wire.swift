import KubeAPI
import NIOCore
import NIOExtras

extension ChannelPipeline.SynchronousOperations {
    /// Adds the framing handlers (length-prefixed frames with a cap) after whatever is already there (e.g. TLS).
    ///
    /// Must be called on the channel's event loop, inside the bootstrap's channel initializer.
    public func addWireFramingHandlers(maxFrameBytes: Int) throws {
        try addHandler(ByteToMessageHandler(CappedFrameDecoder(maxFrameBytes: maxFrameBytes)))
        try addHandler(LengthFieldPrepender(lengthFieldBitLength: .thirtyTwoBits))
    }
}
