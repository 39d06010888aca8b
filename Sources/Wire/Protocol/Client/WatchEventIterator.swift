import KubeAPI

/// Holds a watch's raw event iterator for the typed stream that pulls from it
/// (``WireClusterClient/watch(_:namespace:options:)``).
///
/// The typed stream is built with `AsyncThrowingStream(unfolding:)`, so it pulls one event per element its consumer
/// asks for: the connection's backpressure reaches the server as with the raw stream. When the typed stream is
/// dropped, this box and the raw stream go with it, which cancels the watch on the server.
final class WatchEventIterator: @unchecked Sendable {
    // Unchecked: `unfolding` calls its closure for one `next()` at a time (a stream has a single consumer), so
    // the iterator is never used by two tasks at once.
    private var iterator: AsyncThrowingStream<WatchEvent, any Error>.AsyncIterator

    init(_ stream: AsyncThrowingStream<WatchEvent, any Error>) {
        self.iterator = stream.makeAsyncIterator()
    }

    /// The next raw event; nil when the watch ended.
    func next() async throws -> WatchEvent? {
        try await iterator.next()
    }
}
