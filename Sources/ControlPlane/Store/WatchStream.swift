import Synchronization

/// One watcher's events, from ``WatchHub`` to the one task that consumes them: a bounded backlog (see
/// ``WatcherBacklog``) that never blocks the publisher.
///
/// Iterate it with `for await`; the iteration ends when the watch ends. Then ``cutOff`` says why: `nil` when the
/// consumer stopped (task cancelled) or the hub finished the stream, or ``StoreError/tooSlow(delivered:newest:)``
/// when the watcher fell too far behind and was cut off. A cut-off watcher's pending events are dropped at once,
/// so a stalled reader holds no more than its backlog's capacity.
final class WatchStream: AsyncSequence, Sendable {
    typealias Element = StoreEvent

    private struct State {
        var backlog: WatcherBacklog
        var buffer: [StoreEvent] = []
        var head = 0
        var consumer: CheckedContinuation<StoreEvent?, Never>?
        var ended = false
        var cutOff: StoreError?
        /// The highest resourceVersion taken by the consumer (the watch's start before any).
        var delivered: Int64

        mutating func take() -> StoreEvent? {
            guard head < buffer.count else { return nil }
            let event = buffer[head]
            head += 1
            if head > 64 && head * 2 > buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            return event
        }

        /// Ends the stream; returns the waiting consumer, to be resumed with nil outside the lock.
        mutating func end(cutOff: StoreError?) -> CheckedContinuation<StoreEvent?, Never>? {
            guard !ended else { return nil }
            ended = true
            self.cutOff = cutOff
            if cutOff != nil {
                buffer = []
                head = 0
            }
            guard head >= buffer.count else { return nil }
            defer { consumer = nil }
            return consumer
        }
    }

    private let state: Mutex<State>
    private let clock: @Sendable () -> ContinuousClock.Instant
    /// Runs once when the consumer stops iterating before the stream ended (cancellation); the hub removes the
    /// watcher.
    private let onCancel: @Sendable () -> Void

    /// A stream whose backlog is `backlog`, for a watch that starts after `resourceVersion`.
    init(backlog: WatcherBacklog, after resourceVersion: Int64,
         clock: @escaping @Sendable () -> ContinuousClock.Instant, onCancel: @escaping @Sendable () -> Void) {
        state = Mutex(State(backlog: backlog, delivered: resourceVersion))
        self.clock = clock
        self.onCancel = onCancel
    }

    /// Why the watch ended: set when the watcher was cut off for being too slow.
    var cutOff: StoreError? { state.withLock { $0.cutOff } }

    /// Events queued and not yet taken.
    var pendingCount: Int { state.withLock { $0.buffer.count - $0.head } }

    /// Whether the stream has ended (finished or cut off).
    var hasEnded: Bool { state.withLock { $0.ended } }

    /// Whether no event after `resourceVersion` has been offered: none is queued and none above it was taken (read
    /// under one lock, so an event offered before the call is never missed). False once the stream has ended.
    func hasNoEvents(after resourceVersion: Int64) -> Bool {
        state.withLock { !$0.ended && $0.buffer.count == $0.head && $0.delivered <= resourceVersion }
    }

    // MARK: - The publisher

    /// Queues `event`, or cuts the watcher off when its backlog says it is too slow. Returns false when the stream
    /// has ended (just now or before): the hub then forgets it.
    func offer(_ event: StoreEvent) -> Bool {
        let now = clock()
        let (accepted, consumer): (Bool, CheckedContinuation<StoreEvent?, Never>?) = state.withLock { state in
            guard !state.ended else { return (false, nil) }
            switch state.backlog.offer(at: now) {
            case .cutOff:
                let newest = Swift.max(event.resourceVersion, state.delivered)
                return (false, state.end(cutOff: .tooSlow(delivered: state.delivered, newest: newest)))
            case .deliver:
                if let consumer = state.consumer {
                    state.consumer = nil
                    state.backlog.took(at: now)
                    state.delivered = Swift.max(state.delivered, event.resourceVersion)
                    return (true, consumer)
                }
                state.buffer.append(event)
                return (true, nil)
            }
        }
        consumer?.resume(returning: accepted ? event : nil)
        return accepted
    }

    /// Ends the stream normally: the consumer gets what is pending, then the end.
    func finish() {
        state.withLock { $0.end(cutOff: nil) }?.resume(returning: nil)
    }

    // MARK: - The consumer

    /// The next event, or nil once the stream has ended or the calling task is cancelled.
    func next() async -> StoreEvent? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<StoreEvent?, Never>) in
                let now = clock()
                let ready: StoreEvent?? = state.withLock { state in
                    if let event = state.take() {
                        state.backlog.took(at: now)
                        state.delivered = Swift.max(state.delivered, event.resourceVersion)
                        return .some(event)
                    }
                    if state.ended || Task.isCancelled { return .some(nil) }
                    state.consumer = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The consumer is gone: drops what is pending, resumes a waiting ``next()`` and tells the hub.
    private func cancel() {
        let (consumer, wasLive): (CheckedContinuation<StoreEvent?, Never>?, Bool) = state.withLock { state in
            let wasLive = !state.ended
            let consumer = state.end(cutOff: nil) ?? state.consumer
            state.consumer = nil
            state.buffer = []
            state.head = 0
            return (consumer, wasLive)
        }
        consumer?.resume(returning: nil)
        if wasLive { onCancel() }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let stream: WatchStream
        mutating func next() async -> StoreEvent? { await stream.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}
