import KubeAPI
import Wire

/// Turns `kctl cluster chaos` flag values into settings, and settings back into the command that replays a run.
/// Pure; errors are ``ClusterError/invalidArgument(_:)`` with the message kctl prints.
enum ChaosArguments {
    /// The flag values as typed.
    struct Flags: Sendable, Equatable {
        var seed: UInt64
        var duration: String
        var faults: String
        var interval: String
        /// `MIN-MAX` (`500ms-3s`); nil for the default of the cluster's timing.
        var hold: String?
        var maxFaultyNodes: Int
        var rollouts: Bool
        var coverageBound: String
        var convergeTimeout: String
    }

    /// The schedule's settings, with the hold defaulting to ``ChaosSettings/defaultHold(_:)`` of `timing`.
    static func settings(_ flags: Flags, timing: ClusterTiming) throws(ClusterError) -> ChaosSettings {
        let settings = ChaosSettings(
            seed: flags.seed,
            duration: try ClusterArguments.duration(flags.duration, flag: "--duration", positive: true),
            faults: try ChaosFault.parseList(flags.faults),
            interval: try ClusterArguments.duration(flags.interval, flag: "--interval", positive: true),
            hold: try flags.hold.map(parseHold) ?? ChaosSettings.defaultHold(timing),
            maxFaultyNodes: flags.maxFaultyNodes, rollouts: flags.rollouts)
        try settings.validate()
        return settings
    }

    /// `--hold MIN-MAX`: two positive durations, the first no longer than the second (`2s` alone is `2s-2s`).
    static func parseHold(_ text: String) throws(ClusterError) -> ClosedRange<Duration> {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let message = "invalid --hold \"\(text)\": expected MIN-MAX durations such as 500ms-3s"
        guard let low = DurationText.parse(parts[0]), low > .zero,
            let high = parts.count == 2 ? DurationText.parse(parts[1]) : low, high >= low
        else { throw .invalidArgument(message) }
        return low...high
    }

    /// The checker's settings: `--coverage-bound`, and a fixed tolerance for pods on departed nodes.
    static func checks(_ flags: Flags) throws(ClusterError) -> InvariantChecker.Settings {
        InvariantChecker.Settings(
            coverageBound: try ClusterArguments.duration(flags.coverageBound, flag: "--coverage-bound", positive: true),
            departedTolerance: departedTolerance)
    }

    /// How long a daemon pod may stay bound to a node that has left: the node lifecycle controller reaps them as
    /// the node is removed, so this only absorbs the delay between the two watch streams and a busy machine.
    static let departedTolerance: Duration = .seconds(2)

    /// The command that replays a run: the same cluster, seed and schedule flags.
    static func replayCommand(cluster: String, settings: ChaosSettings, coverageBound: String) -> String {
        var words = [
            "kctl", "cluster", "chaos", cluster, "--seed", String(settings.seed),
            "--duration", ChaosTime.text(settings.duration),
            "--faults", settings.faults.map(\.rawValue).joined(separator: ","),
            "--interval", ChaosTime.text(settings.interval),
            "--hold", "\(ChaosTime.text(settings.hold.lowerBound))-\(ChaosTime.text(settings.hold.upperBound))",
            "--max-faulty-nodes", String(settings.maxFaultyNodes),
        ]
        if settings.rollouts { words.append("--rollouts") }
        words += ["--coverage-bound", coverageBound]
        return words.joined(separator: " ")
    }
}
