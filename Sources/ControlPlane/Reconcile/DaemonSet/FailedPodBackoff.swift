import Foundation

/// Per-node backoff for deleting failed DaemonSet pods (upstream `flowcontrol.Backoff` as kube-controller-manager
/// builds it for the DaemonSet controller: 1 s initial, doubling, 15 min maximum).
///
/// Keys are `"<ds uid>/<status.observedGeneration>/<node>"`, so a spec change (new observedGeneration) starts a
/// fresh backoff and nodes back off independently. A value type: the driver keeps one per controller between
/// reconciles and passes it `inout`. Time comes from the caller.
struct FailedPodBackoff: Sendable, Equatable {
    /// One key's state: the current delay and when it was last advanced.
    struct Entry: Sendable, Equatable {
        var delay: Duration
        var lastUpdate: Date

        /// When a failed pod on this key may be deleted again.
        var nextAllowed: Date { lastUpdate.addingTimeInterval(FailedPodBackoff.seconds(delay)) }
    }

    /// First delay.
    var initial: Duration = .seconds(1)
    /// Largest delay.
    var maximum: Duration = .seconds(15 * 60)
    /// The state per key.
    private(set) var entries: [String: Entry] = [:]

    /// An empty backoff with the Kubernetes delays (1 s doubling to 15 min).
    init() {}

    /// An empty backoff with other delays (tests, fast clusters).
    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The key of one (DaemonSet, generation, node).
    static func key(daemonSetUID: String, observedGeneration: Int64, node: String) -> String {
        "\(daemonSetUID)/\(observedGeneration)/\(node)"
    }

    /// Upstream `IsInBackOffSinceUpdate`: the key was advanced less than its delay ago (and has not expired).
    func isInBackoff(_ key: String, now: Date) -> Bool {
        guard let entry = entries[key], !hasExpired(entry, now: now) else { return false }
        return now < entry.nextAllowed
    }

    /// The key's current delay (zero when unknown).
    func delay(for key: String) -> Duration {
        entries[key]?.delay ?? .zero
    }

    /// Upstream `Next`: starts the key at ``initial`` (or restarts an expired one), else doubles its delay up to
    /// ``maximum``; records `now` as its last update.
    mutating func next(_ key: String, now: Date) {
        if let entry = entries[key], !hasExpired(entry, now: now) {
            let doubled = entry.delay * 2
            entries[key] = Entry(delay: doubled > maximum ? maximum : doubled, lastUpdate: now)
        } else {
            entries[key] = Entry(delay: initial, lastUpdate: now)
        }
    }

    /// Upstream `GC` (run every minute by the controller): forgets keys idle for more than twice ``maximum``.
    mutating func collectGarbage(now: Date) {
        entries = entries.filter { !hasExpired($0.value, now: now) }
    }

    /// A duration in seconds, for arithmetic with `Date`.
    static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }

    /// Idle for more than twice the maximum delay.
    private func hasExpired(_ entry: Entry, now: Date) -> Bool {
        now.timeIntervalSince(entry.lastUpdate) > Self.seconds(maximum * 2)
    }
}
