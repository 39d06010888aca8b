/// Decides when a watcher is too slow to keep: the pure rule behind ``WatchHub``'s cutoff.
///
/// A watcher has a bounded backlog of events published to it and not yet taken. As Kubernetes' watch cache
/// terminates a watcher whose buffer is full (`cacheWatcher.add`: "Forcing watcher close due to
/// unresponsiveness"), a watcher is cut off when
/// - an event arrives while `capacity` events are already pending, or
/// - an event arrives while events have been pending, none taken, for longer than `stallLimit` (a stalled reader
///   with few events would otherwise hold its backlog for ever).
///
/// Time is a parameter (a `ContinuousClock.Instant`), so tests drive it by hand.
struct WatcherBacklog: Sendable, Equatable {
    /// What to do with one more event.
    enum Decision: Sendable, Equatable {
        /// Queue it for the watcher.
        case deliver
        /// The watcher is too slow: end it (with Kubernetes' 410) and drop what it has pending.
        case cutOff
    }

    /// How many events may be pending at once.
    let capacity: Int
    /// How long events may stay pending with none taken.
    let stallLimit: Duration
    /// Events queued and not yet taken.
    private(set) var pending = 0
    /// When the watcher last took an event, or when its backlog last became non-empty.
    private(set) var lastProgress: ContinuousClock.Instant

    init(capacity: Int, stallLimit: Duration, now: ContinuousClock.Instant) {
        self.capacity = max(1, capacity)
        self.stallLimit = stallLimit
        lastProgress = now
    }

    /// Decides on one more event at `now`; a delivered event counts as pending until ``took(at:)``.
    mutating func offer(at now: ContinuousClock.Instant) -> Decision {
        if pending >= capacity { return .cutOff }
        if pending > 0, now - lastProgress > stallLimit { return .cutOff }
        // An idle watcher's stall clock starts with its first pending event.
        if pending == 0 { lastProgress = now }
        pending += 1
        return .deliver
    }

    /// The watcher took one pending event at `now`.
    mutating func took(at now: ContinuousClock.Instant) {
        pending = max(0, pending - 1)
        lastProgress = now
    }
}
