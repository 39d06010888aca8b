import KubeAPI
import Synchronization

/// The messages a connection will write, in order, and a way to wait until one of them has been written: stream
/// producers (log chunks, exec output, stdin) send through ``send(_:)`` and so go no faster than the connection
/// drains, which goes no faster than the peer reads (backpressure).
///
/// Watch events go through ``send(_:allowingUnwritten:)``: a watch runs ahead of the connection by a bounded window,
/// so a peer that stops reading holds the watch (and, behind it, the store's cutoff for slow watchers) instead of
/// growing this queue.
///
/// The connection's writer task MUST call ``written()`` after writing each message and ``writerEnded()`` when it
/// stops, for whatever reason; waiting senders are then released.
final class Outbox: Sendable {
    private struct Progress {
        var queued: UInt64 = 0
        var written: UInt64 = 0
        var closed = false
        /// The most messages ever queued and not yet written at once.
        var highWater: UInt64 = 0
        var waiters: [(sequence: UInt64, continuation: CheckedContinuation<Void, Never>)] = []

        /// Queues `message`; returns the new high-water mark when this raised it.
        mutating func enqueue(_ message: Message, into sink: AsyncStream<Message>.Continuation) -> UInt64? {
            queued += 1
            sink.yield(message)
            guard queued - written > highWater else { return nil }
            highWater = queued - written
            return highWater
        }
    }

    /// The messages, for the writer task.
    let messages: AsyncStream<Message>
    private let sink: AsyncStream<Message>.Continuation
    private let progress = Mutex(Progress())
    private let backlogMark: BacklogMark?

    /// An outbox; `backlogMark`, when given, learns each new high-water mark of its backlog.
    init(backlogMark: BacklogMark? = nil) {
        (messages, sink) = AsyncStream.makeStream(of: Message.self)
        self.backlogMark = backlogMark
    }

    /// The most messages that were ever queued and not yet written at once.
    var highWater: Int { progress.withLock { Int($0.highWater) } }

    /// Queues a message without waiting.
    func yield(_ message: Message) {
        let raised = progress.withLock { progress in
            progress.enqueue(message, into: sink)
        }
        if let raised { backlogMark?.record(raised) }
    }

    /// Queues a message and returns once it has been written (or the connection is closing).
    func send(_ message: Message) async {
        await send(message, allowingUnwritten: 0)
    }

    /// Queues a message and returns once at most `allowingUnwritten` messages queued before it are still unwritten
    /// (or the connection is closing): the sender runs ahead of the peer by that many messages, no more.
    func send(_ message: Message, allowingUnwritten window: Int) async {
        let (sequence, raised): (UInt64?, UInt64?) = progress.withLock { progress in
            guard !progress.closed else { return (nil, nil) }
            let raised = progress.enqueue(message, into: sink)
            let window = UInt64(max(0, window))
            return (progress.queued > window ? progress.queued - window : nil, raised)
        }
        if let raised { backlogMark?.record(raised) }
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

/// The largest backlog any of a server's outboxes ever had: how far a connection's writes fell behind what was
/// queued for it (diagnostics and tests: it stays bounded however slowly a peer reads).
final class BacklogMark: Sendable {
    private let mark = Mutex<UInt64>(0)

    /// The largest backlog recorded.
    var value: Int { Int(mark.withLock { $0 }) }

    /// Records a backlog of `count` messages.
    func record(_ count: UInt64) {
        mark.withLock { $0 = max($0, count) }
    }
}
