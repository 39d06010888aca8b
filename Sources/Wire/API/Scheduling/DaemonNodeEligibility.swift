/// Whether a DaemonSet wants a pod on a node (upstream `NodeShouldRunDaemonPod`).
///
/// - `shouldRun`: a pod should be created there when none exists.
/// - `shouldContinueRunning`: an existing pod may stay there.
public struct DaemonNodeEligibility: Sendable, Hashable {
    public var shouldRun: Bool
    public var shouldContinueRunning: Bool

    public init(shouldRun: Bool, shouldContinueRunning: Bool) {
        self.shouldRun = shouldRun
        self.shouldContinueRunning = shouldContinueRunning
    }

    /// Neither run nor keep running.
    public static let excluded = DaemonNodeEligibility(shouldRun: false, shouldContinueRunning: false)
    /// Run, and keep running.
    public static let eligible = DaemonNodeEligibility(shouldRun: true, shouldContinueRunning: true)

    /// Evaluates one node against the *simulated pod*: `simulatedSpec` is the template's spec with the
    /// controller's default tolerations (see ``DaemonPodTolerations/adding(to:)``), `templateNodeName` the
    /// template's `spec.nodeName`.
    ///
    /// A template pinned to another node, or a node failing the node selector / required node affinity, is
    /// excluded. An untolerated `NoSchedule`/`NoExecute` taint stops new pods; existing pods may continue only if
    /// every `NoExecute` taint is tolerated. `PreferNoSchedule` taints and resources are ignored.
    public static func evaluate(node: Node, simulatedSpec: PodSpec) -> DaemonNodeEligibility {
        if let pinned = simulatedSpec.nodeName, !pinned.isEmpty, pinned != node.name { return .excluded }
        guard NodePredicates.matchesNodeSelectorAndAffinity(simulatedSpec, node: node) else { return .excluded }
        let taints = node.spec.taints ?? []
        let tolerations = simulatedSpec.tolerations ?? []
        let blocking = NodePredicates.firstUntoleratedTaint(
            taints, tolerations: tolerations, effects: ["NoSchedule", "NoExecute"])
        guard blocking != nil else { return .eligible }
        let evicting = NodePredicates.firstUntoleratedTaint(taints, tolerations: tolerations, effects: ["NoExecute"])
        return DaemonNodeEligibility(shouldRun: false, shouldContinueRunning: evicting == nil)
    }

    /// Evaluates one node for a DaemonSet (builds the simulated pod; prefer
    /// ``evaluate(node:simulatedSpec:)`` with a spec built once when checking many nodes).
    public static func evaluate(node: Node, daemonSet: DaemonSet) -> DaemonNodeEligibility {
        evaluate(node: node, simulatedSpec: DaemonPodTolerations.adding(to: daemonSet.spec.template.spec))
    }
}

/// The tolerations the DaemonSet controller adds to every pod it creates and to the simulated pod it checks
/// nodes with (upstream `AddOrUpdateDaemonPodTolerations`). All are `operator: Exists` with no
/// `tolerationSeconds`: tolerated forever.
public enum DaemonPodTolerations {
    /// not-ready and unreachable (`NoExecute`); disk/memory/pid pressure and unschedulable (`NoSchedule`);
    /// network-unavailable (`NoSchedule`) only for `hostNetwork` pods. Never `not-ready:NoSchedule` or
    /// `unreachable:NoSchedule`.
    public static func defaults(hostNetwork: Bool) -> [Toleration] {
        var keys: [(String, String)] = [
            ("node.kubernetes.io/not-ready", "NoExecute"),
            ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"),
            ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"),
            ("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]
        if hostNetwork { keys.append(("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return keys.map { Toleration(key: $0.0, operator: "Exists", effect: $0.1) }
    }

    /// `spec` with the default tolerations added or updated, as upstream `AddOrUpdateTolerationInPodSpec`: a
    /// template toleration with the same key, operator, value and effect is replaced in place (so a
    /// `tolerationSeconds` on it is dropped); otherwise the default is appended.
    public static func adding(to spec: PodSpec) -> PodSpec {
        var result = spec
        var tolerations = spec.tolerations ?? []
        for toleration in defaults(hostNetwork: spec.hostNetwork ?? false) {
            if let index = tolerations.firstIndex(where: { sameMatch($0, toleration) }) {
                tolerations[index] = toleration
            } else {
                tolerations.append(toleration)
            }
        }
        result.tolerations = tolerations
        return result
    }

    /// Upstream `Toleration.MatchToleration`: key, operator, value and effect are equal (absent = empty).
    private static func sameMatch(_ lhs: Toleration, _ rhs: Toleration) -> Bool {
        (lhs.key ?? "") == (rhs.key ?? "") && (lhs.operator ?? "") == (rhs.operator ?? "")
            && (lhs.value ?? "") == (rhs.value ?? "") && (lhs.effect ?? "") == (rhs.effect ?? "")
    }
}
