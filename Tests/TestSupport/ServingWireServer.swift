import KubeAPI
import NIOCore
import Wire

/// Runs `server` on the port it was configured with (0: an ephemeral one) for the duration of `body`, which gets the
/// port the server listens on; the server stops when `body` returns or throws.
public func serving<T: Sendable>(_ server: WireServer, _ body: @escaping @Sendable (Int) async throws -> T)
    async throws -> T
{
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await server.run { address in portSink.yield(address.port ?? 0) }
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw WireError.connectionClosed }
        group.addTask { try await body(port) }
        defer { group.cancelAll() }
        while let result = try await group.next() {
            if let result { return result }
        }
        throw WireError.connectionClosed
    }
}
