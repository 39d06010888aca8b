import KubeAPI
import Wire

/// Where the scheduler puts a pod.
enum ScheduleDecision: Sendable, Equatable {
    /// Bind the pod to this node.
    case bind(node: String)
    /// No node fits; the message is the `PodScheduled=False` condition's and the `FailedScheduling` event's.
    case unschedulable(message: String)
}

/// The default scheduler's decision for one pending pod, as a pure function: the filters that matter here
/// (see ``SchedulerFilters``), then, among feasible nodes, the one with the fewest bound non-terminal pods
/// (ties by name). When nothing fits, the message is upstream's `FitError` text with its preemption part.
enum Scheduler {
    /// The `spec.schedulerName` this scheduler serves (also an empty one).
    static let schedulerName = "default-scheduler"

    /// Whether this scheduler should place `pod`: unbound, ours, not being deleted, not finished, not gated.
    static func needsScheduling(_ pod: Pod) -> Bool {
        let name = pod.spec.schedulerName ?? ""
        let gated = pod.spec.schedulingGates?.arrayValue.map { !$0.isEmpty } ?? false
        return (pod.spec.nodeName ?? "").isEmpty && (name.isEmpty || name == schedulerName)
            && pod.metadata.deletionTimestamp == nil && !pod.isTerminal && !gated
    }

    /// Picks a node for `pod`.
    /// - Parameters:
    ///   - pod: the pod to place.
    ///   - nodes: every Node.
    ///   - boundPods: pods already bound to a node (others, and terminal pods, are ignored).
    static func schedule(_ pod: Pod, nodes: [Node], boundPods: [Pod]) -> ScheduleDecision {
        guard !nodes.isEmpty else { return .unschedulable(message: "no nodes available to schedule pods") }
        var podsPerNode: [String: [Pod]] = [:]
        for bound in boundPods where !bound.isTerminal {
            guard let node = bound.spec.nodeName, !node.isEmpty, !isSamePod(bound, pod) else { continue }
            podsPerNode[node, default: []].append(bound)
        }
        var feasible: [(name: String, load: Int)] = []
        var failures: [SchedulerFilters.Failure] = []
        for node in nodes {
            let onNode = podsPerNode[node.name] ?? []
            if let failure = SchedulerFilters.check(pod, node: node, podsOnNode: onNode) {
                failures.append(failure)
            } else {
                feasible.append((node.name, onNode.count))
            }
        }
        let best = feasible.min { $0.load != $1.load ? $0.load < $1.load : $0.name < $1.name }
        if let best { return .bind(node: best.name) }
        return .unschedulable(message: SchedulerMessage.fitError(pod, nodeCount: nodes.count, failures: failures))
    }

    private static func isSamePod(_ lhs: Pod, _ rhs: Pod) -> Bool {
        if let uid = lhs.metadata.uid, !uid.isEmpty { return uid == rhs.metadata.uid }
        return lhs.name == rhs.name && lhs.namespace == rhs.namespace
    }
}
