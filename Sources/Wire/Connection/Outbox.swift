import Synchronization

/// The messages a connection will write, in order, and a way to wait until one of them has been written: stream
/// producers (log chunks, exec output, stdin) send through ``send(_:)`` and so go no faster than the connection
/// drains, which goes no faster than the peer reads (backpressure).
///
/// The connection's writer task MUST call ``written()`` after writing each message and ``writerEnded()`` when it
/// stops, for whatever reason; waiting senders are then released.
final class Outbox: Sendable {
    private struct Progress {
        var queued: UInt64 = 0
        var written: UInt64 = 0
        var closed = false
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
    }

    /// The messages, for the writer task.
    let messages: AsyncStream<Message>
    private let sink: AsyncStream<Message>.Continuation
    private let progress = Mutex(Progress())

    init() {
        (messages, sink) = AsyncStream.makeStream(of: Message.self)
    }

    /// Queues a message without waiting.
    func yield(_ message: Message) {
        progress.withLock { progress in
            progress.queued += 1
            sink.yield(message)
        }
    }

    /// Queues a message and returns once it has been written (or the connection is closing).
    func send(_ message: Message) async {
        let sequence: UInt64? = progress.withLock { progress in
            guard !progress.closed else { return nil }
            progress.queued += 1
            sink.yield(message)
            return progress.queued
        }
        guard let sequence else { return }
        await withCheckedContinuation { continuation in
            let now = progress.withLock { progress in
                if progress.closed || progress.written >= sequence { return true }
                progress.waiters.append((sequence, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// No more messages: the writer writes what is queued, then stops.
    func finish() {
        progress.withLock { progress in
            progress.closed = true
            sink.finish()
        }
        releaseAll()
    }

    /// The writer wrote one more message.
    func written() {
        let ready: [CheckedContinuation<Void, Never>] = progress.withLock { progress in
            progress.written += 1
            let written = progress.written
            guard progress.waiters.contains(where: { $0.sequence <= written }) else { return [] }
            let ready = progress.waiters.filter { $0.sequence <= written }.map(\.continuation)
            progress.waiters.removeAll { $0.sequence <= written }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// The writer stopped: nothing more will be written.
    func writerEnded() {
        progress.withLock { progress in
            progress.closed = true
            sink.finish()
        }
        releaseAll()
    }

    private func releaseAll() {
        let waiters = progress.withLock { progress in
            defer { progress.waiters = [] }
            return progress.waiters.map(\.continuation)
        }
        for continuation in waiters { continuation.resume() }
    }
}
