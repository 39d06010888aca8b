import Foundation

/// One probe of one container run, as the kubelet's prober worker keeps it: when it is due, and its result,
/// which changes only after `successThreshold` successes or `failureThreshold` failures in a row. Pure: time is a
/// parameter.
///
/// A readiness probe starts failing (the container is not ready until it succeeds), a liveness probe succeeding,
/// a startup probe failing (not started). The first probe is due `initialDelaySeconds` after the run started, the
/// next ones `periodSeconds` after the previous one ended; one probe runs at a time.
struct ProbeTracker: Sendable, Hashable {
    let kind: ProbeKind
    let spec: ProbeSpec
    /// The probe's current result.
    private(set) var succeeding: Bool
    /// When the next probe is due (while none is in flight).
    private(set) var nextDue: Date
    /// A probe was started and its result not recorded yet.
    private(set) var inFlight = false
    /// The result of the last probes, and how many in a row gave it.
    private var lastResult: Bool?
    private var run = 0

    init(kind: ProbeKind, spec: ProbeSpec, startedAt: Date) {
        self.kind = kind
        self.spec = spec
        succeeding = kind == .liveness
        nextDue = startedAt + spec.initialDelay
    }

    /// Whether a probe should start at `now`.
    func isDue(_ now: Date) -> Bool { !inFlight && now >= nextDue }

    /// A probe started.
    mutating func begin() { inFlight = true }

    /// Records the result of the probe in flight, which ended at `now`; returns the new result when it changed.
    mutating func record(success: Bool, now: Date) -> Bool? {
        inFlight = false
        nextDue = now + spec.period
        if lastResult == success {
            run += 1
        } else {
            lastResult = success
            run = 1
        }
        let threshold = success ? spec.successThreshold : spec.failureThreshold
        guard run >= threshold, succeeding != success else { return nil }
        succeeding = success
        return success
    }
}
