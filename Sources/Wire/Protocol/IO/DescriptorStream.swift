import KubeAPI
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asynchronous reads and writes on a pipe, terminal, pseudo-terminal master or socket descriptor, without
/// blocking a thread (NIO's pipe channel): kctl's standard input, kubeletd's pseudo-terminals.
///
/// The descriptor is put in non-blocking mode and is closed when ``run(_:_:)`` returns. Regular files and
/// directories are refused (``isStreamable(_:)`` says whether a descriptor can be used).
public enum DescriptorStream {
    /// Whether `descriptor` is a pipe, socket or terminal (what this type can read).
    public static func isStreamable(_ descriptor: CInt) -> Bool {
        if isatty(descriptor) == 1 { return true }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFSOCK
    }

    /// Takes ownership of `descriptor` (for reading and writing) and runs `body` with its chunks and a writer;
    /// the descriptor is closed when this returns, also when it throws. A read error (a pseudo-terminal master
    /// reads `EIO` once the other side is closed) ends the chunks like end-of-file.
    public static func run<Result: Sendable>(
        _ descriptor: CInt, _ body: @Sendable (Chunks, Writer) async throws -> Result
    ) async throws -> Result {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .takingOwnershipOfDescriptor(inputOutput: descriptor) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            // NIO did not take the descriptor: it is still ours to close.
            close(descriptor)
            throw error
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(Chunks(inbound: inbound), Writer(outbound: outbound))
        }
    }

    /// The bytes read, chunk by chunk, until end-of-file or a read error.
    public struct Chunks: AsyncSequence, Sendable {
        public typealias Element = [UInt8]
        let inbound: NIOAsyncChannelInboundStream<ByteBuffer>

        public struct AsyncIterator: AsyncIteratorProtocol {
            var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
            var done = false

            public mutating func next() async throws -> [UInt8]? {
                guard !done else { return nil }
                do {
                    if let buffer = try await base.next() { return Array(buffer.readableBytesView) }
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    // EIO from a pseudo-terminal whose last process exited; any read error ends the input.
                }
                done = true
                return nil
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: inbound.makeAsyncIterator()) }
    }

    /// Writes to the descriptor; each write returns once NIO has taken the bytes (it holds back when the
    /// descriptor does not drain).
    public struct Writer: Sendable {
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        public func write(_ bytes: [UInt8]) async throws {
            guard !bytes.isEmpty else { return }
            try await outbound.write(ByteBuffer(bytes: bytes))
        }
    }
}
