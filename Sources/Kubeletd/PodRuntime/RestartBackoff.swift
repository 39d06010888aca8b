import Foundation
import KubeAPI
import Wire

/// One key of the kubelet's exponential backoff (`k8s.io/client-go/util/flowcontrol.Backoff`), used for
/// container restarts (`CrashLoopBackOff`) and image pulls (`ImagePullBackOff`).
///
/// Durations are nominal (Kubernetes' own numbers: 10 s doubling to 300 s) and multiplied by `scale` when
/// compared with time, so messages keep Kubernetes' wording (`back-off 20s`) while tests and demos run faster.
/// An entry expires (the next failure starts again at the initial delay) when the event comes more than twice
/// the maximum (10 min) after the last update: a container that ran 10 minutes restarts without backoff.
struct RestartBackoff: Sendable, Hashable {
    /// First delay, seconds (nominal).
    let initial: TimeInterval
    /// Largest delay, seconds (nominal).
    let maximum: TimeInterval
    /// Multiplies every delay when it is compared with time (1 = real Kubernetes timing).
    let scale: Double
    /// The current delay (nominal), `nil` before the first failure.
    private(set) var current: TimeInterval?
    /// When ``next(eventTime:now:)`` last ran.
    private(set) var lastUpdate: Date?

    /// The kubelet's 10 s → 300 s backoff.
    init(initial: TimeInterval = 10, maximum: TimeInterval = 300, scale: Double) {
        self.initial = initial
        self.maximum = maximum
        self.scale = scale
    }

    /// `IsInBackOffSince`: whether, at `now`, an event (a container's exit) at `eventTime` must still wait.
    func isInBackOff(since eventTime: Date, now: Date) -> Bool {
        guard let current, let lastUpdate, !hasExpired(eventTime: eventTime, lastUpdate: lastUpdate) else {
            return false
        }
        return now.timeIntervalSince(eventTime) < current * scale
    }

    /// `Next`: records a failure (or a restart) for an event at `eventTime`; the delay starts at ``initial``
    /// (or again at it after expiry) and doubles up to ``maximum``.
    mutating func next(eventTime: Date, now: Date) {
        if let current, let lastUpdate, !hasExpired(eventTime: eventTime, lastUpdate: lastUpdate) {
            self.current = min(current * 2, maximum)
        } else {
            current = initial
        }
        lastUpdate = now
    }

    /// The scaled delay in seconds (`current × scale`), 0 before the first failure.
    var scaledDelay: TimeInterval { (current ?? 0) * scale }

    /// The nominal delay as Go prints a `time.Duration` (`10s`, `1m20s`, `5m0s`).
    var nominalDescription: String { GoDuration.format(seconds: current ?? initial) }

    private func hasExpired(eventTime: Date, lastUpdate: Date) -> Bool {
        eventTime.timeIntervalSince(lastUpdate) > 2 * maximum * scale
    }
}

/// Go's `time.Duration.String()` for whole seconds: `10s`, `1m20s`, `5m0s`, `1h0m0s`.
enum GoDuration {
    /// Formats `seconds` (rounded down to whole seconds).
    static func format(seconds: TimeInterval) -> String {
        GoDurationText.format(milliseconds: Int64(seconds.rounded(.down)) * 1000)
    }
}
