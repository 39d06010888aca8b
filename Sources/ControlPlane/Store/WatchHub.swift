import Synchronization

/// Fans committed store events out to watchers and keeps a bounded window of recent history for resumption.
///
/// The hub retains the last `window` events. A watch may resume from any resourceVersion `rv` from which no later
/// event has been dropped (`rv >= oldestResourceVersion`); older requests fail with
/// ``StoreError/gone(requested:oldest:)`` and the caller must relist. A hub created for a reopened store retains
/// nothing and starts at the store's current resourceVersion, so every watch from an older resourceVersion is Gone.
///
/// ## Delivery
/// Each watcher gets a ``WatchStream`` with a bounded backlog (`subscriberBuffer` live events on top of its initial
/// events, see ``WatcherBacklog``). A watcher that falls further behind, or leaves events pending untaken for
/// longer than `stallLimit`, is **cut off**, as Kubernetes' watch cache terminates an unresponsive watcher: its
/// pending events are dropped, its stream ends, and its ``WatchStream/cutOff`` is
/// ``StoreError/tooSlow(delivered:newest:)``, which the API server sends as Kubernetes' 410 so that the client
/// relists. Writers never block on watchers. Cancelling the consumer's task removes the watcher.
///
/// ## Contract
/// ``publish(_:)`` MUST be called in strictly increasing resourceVersion order, by one writer at a time, after the
/// change has been committed. ``ObjectStore`` calls it inside its write serialisation.
final class WatchHub: Sendable {
    /// Default number of live events buffered per watcher before it is cut off as too slow.
    static let defaultSubscriberBuffer = 1_000
    /// Default time a watcher may leave events pending without taking one before it is cut off.
    static let defaultStallLimit = Duration.seconds(60)

    /// How many recent events are retained for resumption.
    let window: Int
    /// How many live events a watcher may have pending before it is cut off.
    let subscriberBuffer: Int
    /// How long a watcher may leave events pending without taking one before it is cut off.
    let stallLimit: Duration
    private let clock: @Sendable () -> ContinuousClock.Instant

    private struct Subscriber {
        var filter: WatchFilter
        /// Only events with a greater resourceVersion are delivered.
        var after: Int64
        var stream: WatchStream
    }

    private struct State {
        var retained: RingBuffer<StoreEvent>
        /// The resourceVersion of the newest published event (or the store's, before any).
        var resourceVersion: Int64
        /// Every event with a resourceVersion at or below this one is no longer retained.
        var droppedThrough: Int64
        var subscribers: [UInt64: Subscriber] = [:]
        var nextSubscriberID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a hub with empty history that starts at `resourceVersion` (the store's current one).
    init(
        window: Int, subscriberBuffer: Int = WatchHub.defaultSubscriberBuffer,
        stallLimit: Duration = WatchHub.defaultStallLimit, resourceVersion: Int64,
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.window = max(0, window)
        self.subscriberBuffer = max(1, subscriberBuffer)
        self.stallLimit = stallLimit
        self.clock = clock
        state = Mutex(
            State(
                retained: RingBuffer(capacity: window),
                resourceVersion: resourceVersion,
                droppedThrough: resourceVersion
            )
        )
    }

    // MARK: - Introspection

    /// The resourceVersion of the newest published event.
    var resourceVersion: Int64 { state.withLock { $0.resourceVersion } }

    /// The lowest resourceVersion a watch may start from without getting Gone.
    var oldestResourceVersion: Int64 { state.withLock { $0.droppedThrough } }

    /// How many events are retained.
    var retainedCount: Int { state.withLock { $0.retained.count } }

    /// How many watchers are registered.
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    // MARK: - Publishing

    /// Records committed events and delivers them to matching watchers.
    ///
    /// - Parameter events: Events of one transaction, in increasing resourceVersion order, all above
    ///   ``resourceVersion``.
    func publish(_ events: [StoreEvent]) {
        guard !events.isEmpty else { return }
        state.withLock { state in
            for event in events {
                precondition(
                    event.resourceVersion > state.resourceVersion,
                    "WatchHub.publish out of order: \(event.resourceVersion) after \(state.resourceVersion)"
                )
                state.resourceVersion = event.resourceVersion
                if let evicted = state.retained.append(event) {
                    state.droppedThrough = max(state.droppedThrough, evicted.resourceVersion)
                }
                for (id, subscriber) in state.subscribers
                where subscriber.filter.matches(event.key) && event.resourceVersion > subscriber.after {
                    // A stream never calls back into the hub from `offer`, so this is safe under the lock.
                    if !subscriber.stream.offer(event) { state.subscribers[id] = nil }
                }
            }
        }
    }

    // MARK: - Watching

    /// Watches events after `resourceVersion`: retained matching events first, then live ones, with no gap and no
    /// duplicate.
    ///
    /// A `resourceVersion` above the newest event is accepted; only events after it are delivered.
    /// - Throws: ``StoreError/gone(requested:oldest:)`` when an event after `resourceVersion` is no longer retained.
    func watch(_ filter: WatchFilter, after resourceVersion: Int64) throws -> WatchStream {
        try state.withLock { state in
            guard resourceVersion >= state.droppedThrough else {
                throw StoreError.gone(requested: resourceVersion, oldest: state.droppedThrough)
            }
            return register(filter, initialEvents: [], after: resourceVersion, in: &state)
        }
    }

    /// Watches from a snapshot: `initialEvents` (typically synthetic ADDED events for a list taken at
    /// `resourceVersion`) first, then every matching event after `resourceVersion`.
    ///
    /// The caller MUST make sure no event is published between taking the snapshot and this call (``ObjectStore``
    /// does both inside its write serialisation).
    func watch(_ filter: WatchFilter, initialEvents: [StoreEvent], after resourceVersion: Int64) -> WatchStream {
        state.withLock { state in
            register(filter, initialEvents: initialEvents, after: resourceVersion, in: &state)
        }
    }

    /// Drops retained events with a resourceVersion up to `resourceVersion`, so that watches from there are Gone.
    ///
    /// Compacting beyond the newest published event drops everything retained but no future event.
    func compact(keepingAfter resourceVersion: Int64) {
        state.withLock { state in
            let through = min(resourceVersion, state.resourceVersion)
            guard through > state.droppedThrough else { return }
            state.retained.removeFirst { $0.resourceVersion <= through }
            state.droppedThrough = through
        }
    }

    /// Registers a watcher and queues its initial events plus retained events after `resourceVersion`.
    /// Runs under the lock.
    private func register(
        _ filter: WatchFilter,
        initialEvents: [StoreEvent],
        after resourceVersion: Int64,
        in state: inout State
    ) -> WatchStream {
        let start = state.retained.partitioningIndex { $0.resourceVersion > resourceVersion }
        var replay = initialEvents
        for index in start..<state.retained.count where filter.matches(state.retained[index].key) {
            replay.append(state.retained[index])
        }
        let id = state.nextSubscriberID
        state.nextSubscriberID += 1
        let backlog = WatcherBacklog(capacity: replay.count + subscriberBuffer, stallLimit: stallLimit, now: clock())
        // The handler runs from the consumer's cancellation, never while this lock is held.
        let stream = WatchStream(backlog: backlog, after: resourceVersion, clock: clock) { [weak self] in
            self?.removeSubscriber(id)
        }
        for event in replay {
            _ = stream.offer(event)
        }
        state.subscribers[id] = Subscriber(filter: filter, after: resourceVersion, stream: stream)
        return stream
    }

    private func removeSubscriber(_ id: UInt64) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: id) }
    }
}
