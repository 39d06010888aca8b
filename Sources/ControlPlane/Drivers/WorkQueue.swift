/// A keyed work queue with client-go's semantics (`util/workqueue`): level-triggered controllers enqueue
/// object keys, workers take them one at a time.
///
/// - Coalescing: a key added several times before a worker takes it is handed out once (`dirty` set).
/// - One in flight per key: a key handed out by `next()` is `processing` until `done(_:)`; adding it again
///   meanwhile only marks it dirty, and `done` puts it back in the queue.
/// - Delayed adds (`add(_:after:)`, `addRateLimited(_:)`) wait in a set ordered by ready time, one entry per
///   key (a later add with an earlier time moves it forward). A single timer task, owned by the actor, sleeps
///   on the injected clock until the earliest ready time and is replaced when an earlier one arrives.
///   `shutDown()` cancels it, so no task outlives the queue's use.
/// - Rate limiting: per-key exponential backoff, `baseDelay * 2^failures` capped at `maxDelay`
///   (5 ms doubling up to 1000 s by default); `forget(_:)` resets a key's failures.
/// - Shutdown: `next()` returns `nil` to every waiting and later caller; queued and delayed keys are dropped
///   (unlike client-go's `ShutDown`, workers do not drain the queue) and further adds are ignored.
actor WorkQueue<Key: Hashable & Sendable> {
    /// A delayed key: ready at `readyAt` on the queue's timeline; `sequence` orders equal times by add order
    /// and identifies the entry (superseded entries stay in the sorted list until popped, then are skipped).
    private struct Delayed {
        var key: Key
        var readyAt: Duration
        var sequence: UInt64
    }

    private var queue: [Key] = []
    private var queueHead = 0
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
    private var nextWaiterID: UInt64 = 0

    /// Delayed entries sorted by (readyAt, sequence), and the live entry of each key.
    private var delayed: [Delayed] = []
    private var delayedByKey: [Key: Delayed] = [:]
    private var nextSequence: UInt64 = 0
    private var timer: (task: Task<Void, Never>, deadline: Duration, generation: UInt64)?
    private var timerGeneration: UInt64 = 0

    private var failures: [Key: Int] = [:]
    private var shuttingDown = false

    private let timeline: Timeline
    let baseDelay: Duration
    let maxDelay: Duration

    /// - Parameters:
    ///   - clock: the clock delayed adds sleep on (a manual clock in tests).
    ///   - baseDelay: the first rate-limited delay of a key.
    ///   - maxDelay: the cap of the per-key exponential backoff.
    init(
        clock: any Clock<Duration> = ContinuousClock(), baseDelay: Duration = .milliseconds(5),
        maxDelay: Duration = .seconds(1000)
    ) {
        self.timeline = Timeline(clock)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Keys waiting to be handed out (neither processing nor delayed).
    var len: Int { queue.count - queueHead }

    /// Keys waiting for their delay to pass.
    var delayedCount: Int { delayedByKey.count }

    /// Whether the delay timer task is running.
    var timerArmed: Bool { timer != nil }

    /// Callers suspended in `next()`.
    var waiterCount: Int { waiters.count }

    var isShuttingDown: Bool { shuttingDown }

    /// Enqueues `key` unless it is already queued; if it is being processed it is queued again on `done`.
    func add(_ key: Key) {
        guard !shuttingDown, dirty.insert(key).inserted, !processing.contains(key) else { return }
        queue.append(key)
        dispatch()
    }

    /// Enqueues `key` once `delay` has passed on the clock (at once if `delay` is not positive).
    func add(_ key: Key, after delay: Duration) {
        guard !shuttingDown else { return }
        guard delay > .zero else { return add(key) }
        let readyAt = timeline.now() + delay
        if let existing = delayedByKey[key], existing.readyAt <= readyAt { return }
        let entry = Delayed(key: key, readyAt: readyAt, sequence: nextSequence)
        nextSequence += 1
        delayedByKey[key] = entry
        let index = delayed.partitioningIndex { ($0.readyAt, $0.sequence) > (readyAt, entry.sequence) }
        delayed.insert(entry, at: index)
        armTimer()
    }

    /// Enqueues `key` after its backoff, and counts one more failure for it.
    func addRateLimited(_ key: Key) {
        add(key, after: backoff(for: key))
        failures[key, default: 0] += 1
    }

    /// The delay `addRateLimited` would use now: `baseDelay * 2^failures`, capped at `maxDelay`.
    func backoff(for key: Key) -> Duration {
        var delay = baseDelay
        for _ in 0..<(failures[key] ?? 0) {
            if delay >= maxDelay { break }
            delay *= 2
        }
        return min(delay, maxDelay)
    }

    /// How many times `key` has been rate-limited since it was last forgotten.
    func numRequeues(_ key: Key) -> Int { failures[key] ?? 0 }

    /// Resets `key`'s backoff (call after a successful reconcile).
    func forget(_ key: Key) { failures[key] = nil }

    /// The next key to process, waiting for one if the queue is empty; `nil` once the queue is shut down (or
    /// the calling task is cancelled). The caller must call `done(_:)` with the key when finished.
    func next() async -> Key? {
        if let key = popQueued() { return key }
        if shuttingDown { return nil }
        let id = nextWaiterID
        nextWaiterID += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                if Task.isCancelled {
                    continuation.resume(returning: nil)
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            // The handler cannot enter the actor synchronously; this short task hops in and resumes the waiter.
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Marks `key` as no longer being processed; if it was added meanwhile, queues it again.
    func done(_ key: Key) {
        guard processing.remove(key) != nil else { return }
        guard !shuttingDown, dirty.contains(key) else { return }
        queue.append(key)
        dispatch()
    }

    /// Stops the queue: waiters get `nil`, queued and delayed keys are dropped and the timer task is cancelled.
    func shutDown() {
        shuttingDown = true
        timer?.task.cancel()
        timer = nil
        delayed = []
        delayedByKey = [:]
        queue = []
        queueHead = 0
        dirty = []
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.continuation.resume(returning: nil) }
    }

    // MARK: - Internals

    /// Takes the head of the queue and marks it processing.
    private func popQueued() -> Key? {
        guard !shuttingDown, queueHead < queue.count else { return nil }
        let key = queue[queueHead]
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        } else if queueHead >= 1024 && queueHead * 2 >= queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        dirty.remove(key)
        processing.insert(key)
        return key
    }

    /// Hands queued keys to waiting callers, oldest waiter first.
    private func dispatch() {
        while !waiters.isEmpty, let key = popQueued() {
            waiters.removeFirst().continuation.resume(returning: key)
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: nil)
    }

    /// Makes sure the timer sleeps until the earliest delayed entry (replacing a later timer).
    private func armTimer() {
        while let head = delayed.first, delayedByKey[head.key]?.sequence != head.sequence {
            delayed.removeFirst()  // superseded by an earlier add of the same key
        }
        guard let earliest = delayed.first?.readyAt else {
            timer?.task.cancel()
            timer = nil
            return
        }
        if let timer, timer.deadline <= earliest { return }
        timer?.task.cancel()
        timerGeneration += 1
        let generation = timerGeneration
        let timeline = self.timeline
        let task = Task { [weak self] in
            do {
                try await timeline.sleep(earliest)
            } catch {
                return  // cancelled: replaced or shut down
            }
            await self?.timerFired(generation)
        }
        timer = (task, earliest, generation)
    }

    /// Moves every entry whose time has come to the queue, in ready-time order, then re-arms.
    private func timerFired(_ generation: UInt64) {
        guard !shuttingDown, timer?.generation == generation else { return }
        timer = nil
        let now = timeline.now()
        while let entry = delayed.first, entry.readyAt <= now {
            delayed.removeFirst()
            guard delayedByKey[entry.key]?.sequence == entry.sequence else { continue }  // superseded
            delayedByKey[entry.key] = nil
            add(entry.key)
        }
        armTimer()
    }
}

extension WorkQueue {
    /// The injected clock seen as durations since the queue was created, so that the actor can store ready
    /// times without knowing the clock's `Instant` type.
    fileprivate struct Timeline: Sendable {
        let now: @Sendable () -> Duration
        let sleep: @Sendable (_ until: Duration) async throws -> Void

        init<C: Clock<Duration>>(_ clock: C) {
            let origin = clock.now
            now = { origin.duration(to: clock.now) }
            sleep = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
        }
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition` (the array must be partitioned:
    /// all elements that do not satisfy it come first). Binary search.
    fileprivate func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsInSecondPartition(self[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
