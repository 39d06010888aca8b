import Foundation
import KubeAPI
import Wire

/// What a chaos run does, everything its schedule depends on besides the node names. Pure value.
struct ChaosSettings: Sendable, Equatable {
    /// The seed of the schedule's random draws.
    var seed: UInt64
    /// How long faults are injected; every fault is recovered by then.
    var duration: Duration
    /// The kinds of fault drawn from, in canonical order.
    var faults: [ChaosFault]
    /// The mean time between two fault draws (each gap is drawn from half to one and a half times it).
    var interval: Duration
    /// How long a node fault lasts before its recovery.
    var hold: ClosedRange<Duration>
    /// The most nodes faulted at the same time.
    var maxFaultyNodes: Int
    /// Whether DaemonSets are rolled out (template annotation change) during the run.
    var rollouts: Bool

    /// The default hold for a cluster's timing: from half the grace period (the node's silence goes unnoticed) to
    /// the leave timeout plus the grace period (the node goes NotReady, leaves, and its pods are reaped).
    static func defaultHold(_ timing: ClusterTiming) -> ClosedRange<Duration> {
        let grace = DurationText.parse(timing.nodeMonitorGracePeriod) ?? .seconds(3)
        let leave = DurationText.parse(timing.nodeLeaveTimeout) ?? .seconds(6)
        return (grace / 2)...(leave + grace)
    }

    /// Checks the values before anything runs.
    ///
    /// - Throws: ``ClusterError/invalidArgument(_:)`` with the message kctl prints.
    func validate() throws(ClusterError) {
        guard duration > .zero else { throw .invalidArgument("--duration must be positive") }
        guard interval >= .milliseconds(10) else { throw .invalidArgument("--interval must be at least 10ms") }
        guard maxFaultyNodes >= 1 else { throw .invalidArgument("--max-faulty-nodes must be at least 1") }
        guard !faults.isEmpty else { throw .invalidArgument("--faults needs at least one fault") }
        guard hold.lowerBound > .zero else { throw .invalidArgument("the hold time must be positive") }
    }

    /// One line describing the settings, the header of a printed schedule.
    var summary: String {
        let faulty = maxFaultyNodes == 1 ? "1 node" : "\(maxFaultyNodes) nodes"
        return "seed \(seed), duration \(ChaosTime.text(duration)), interval \(ChaosTime.text(interval)), "
            + "hold \(ChaosTime.text(hold.lowerBound))-\(ChaosTime.text(hold.upperBound)), "
            + "at most \(faulty) faulty, faults \(faults.map(\.rawValue).joined(separator: ",")), "
            + "rollouts \(rollouts ? "on" : "off")"
    }
}

/// How chaos output writes durations. Pure.
enum ChaosTime {
    /// A duration the way flags take it: `20s`, `1.5s`, `250ms`.
    static func text(_ duration: Duration) -> String {
        let milliseconds = SplitMix64.milliseconds(duration)
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        var text = String(format: "%.3f", Double(milliseconds) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "s"
    }

    /// An offset from the start of the run, to the millisecond: `+12.345s`.
    static func offset(_ duration: Duration) -> String {
        let milliseconds = SplitMix64.milliseconds(duration)
        let sign = milliseconds < 0 ? "-" : "+"
        let magnitude = abs(milliseconds)
        return "\(sign)\(magnitude / 1000).\(String(format: "%03d", Int(magnitude % 1000)))s"
    }
}
