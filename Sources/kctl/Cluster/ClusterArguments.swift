import KubeAPI
import Wire

/// Checks `kctl cluster` flag values before anything is changed. Pure; errors are ``ClusterError/invalidArgument(_:)``
/// with the message kctl prints.
enum ClusterArguments {
    /// Longest cluster name (it becomes part of contexts and paths).
    static let maxNameLength = 50

    /// A cluster name: a DNS-1123 label of at most ``maxNameLength`` characters, as kind requires.
    static func validateClusterName(_ name: String) throws(ClusterError) {
        let problems = Validation.isDNS1123Label(name)
        guard problems.isEmpty else {
            throw .invalidArgument("invalid cluster name \"\(name)\": \(problems.joined(separator: "; "))")
        }
        guard name.count <= maxNameLength else {
            throw .invalidArgument("invalid cluster name \"\(name)\": must be no more than \(maxNameLength) characters")
        }
    }

    /// A node name: a DNS-1123 subdomain.
    static func validateNodeName(_ name: String) throws(ClusterError) {
        let problems = Validation.isDNS1123Subdomain(name)
        guard problems.isEmpty else {
            throw .invalidArgument("invalid node name \"\(name)\": \(problems.joined(separator: "; "))")
        }
    }

    /// `--nodes`: 0 (a control plane alone) to ``NodeAddressing/maxNodes``.
    static func validateNodeCount(_ count: Int) throws(ClusterError) {
        guard (0...NodeAddressing.maxNodes).contains(count) else {
            throw .invalidArgument("--nodes must be between 0 and \(NodeAddressing.maxNodes), got \(count)")
        }
    }

    /// A Go duration flag (`200ms`, `1s`, `1m30s`); `positive` rejects zero.
    @discardableResult
    static func duration(_ text: String, flag: String, positive: Bool = false) throws(ClusterError) -> Duration {
        guard let duration = DurationText.parse(text), !positive || duration > .zero else {
            throw .invalidArgument(
                "invalid \(flag) \"\(text)\": expected a\(positive ? " positive" : "") duration such as 500ms, 1s or 2m"
            )
        }
        return duration
    }

    /// The timing flags together: each well formed, and the leave timeout no shorter than the grace period.
    static func validateTiming(_ timing: ClusterTiming) throws(ClusterError) {
        try duration(timing.heartbeatInterval, flag: "--heartbeat-interval", positive: true)
        let grace = try duration(timing.nodeMonitorGracePeriod, flag: "--node-monitor-grace-period", positive: true)
        let leave = try duration(timing.nodeLeaveTimeout, flag: "--node-leave-timeout", positive: true)
        try duration(timing.imagePullDelay, flag: "--image-pull-delay")
        guard leave >= grace else {
            throw .invalidArgument(
                "--node-leave-timeout (\(timing.nodeLeaveTimeout)) must be no shorter than --node-monitor-grace-period (\(timing.nodeMonitorGracePeriod))"
            )
        }
    }

    /// `--labels key=value,...`, as kubeletd's `--node-labels` takes them.
    static func validateLabels(_ text: String) throws(ClusterError) {
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw .invalidArgument("invalid label \"\(item)\": expected key=value") }
            let problems = Validation.isQualifiedName(parts[0]) + Validation.isValidLabelValue(parts[1])
            guard problems.isEmpty else {
                throw .invalidArgument("invalid label \"\(item)\": \(problems.joined(separator: "; "))")
            }
        }
    }

    /// `--taints key[=value]:Effect,...`, as kubeletd's `--register-with-taints` takes them.
    static func validateTaints(_ text: String) throws(ClusterError) {
        let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let colon = item.lastIndex(of: ":") else {
                throw .invalidArgument("invalid taint \"\(item)\": expected key[=value]:Effect")
            }
            let effect = String(item[item.index(after: colon)...])
            guard effects.contains(effect) else {
                throw .invalidArgument(
                    "invalid taint effect: \(effect), unsupported taint effect (\(effects.joined(separator: ", ")))")
            }
            let keyValue = item[..<colon].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = keyValue.first.map(String.init) ?? ""
            let problems =
                Validation.isQualifiedName(key)
                + (keyValue.count == 2 ? Validation.isValidLabelValue(String(keyValue[1])) : [])
            guard problems.isEmpty else {
                throw .invalidArgument("invalid taint \"\(item)\": \(problems.joined(separator: "; "))")
            }
        }
    }
}
