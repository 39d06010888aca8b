import Foundation
import KubeAPI
import Wire

/// Which pods a ReplicaSet deletes first when it scales down: upstream `controller.ActivePodsWithRanks`
/// (`getPodsToDelete`), the pods most worth deleting first. Pure.
///
/// Order: unscheduled before scheduled; `Pending` before `Unknown` before `Running`; not ready before ready;
/// lower `controller.kubernetes.io/pod-deletion-cost` first; pods sharing their node with more related pods
/// first; ready for less time first; more container restarts first; newer first; then by uid and name so the
/// result is deterministic.
enum PodDeletionOrder {
    /// The annotation whose integer value makes a pod cheaper (lower) or dearer (higher) to delete.
    static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    /// The first `count` pods of `pods` to delete, ranked against `related` (the active pods of the same
    /// controller family, used to prefer nodes running several of them).
    static func victims(_ pods: [Pod], count: Int, related: [Pod]) -> [Pod] {
        guard count > 0 else { return [] }
        return Array(sorted(pods, related: related).prefix(count))
    }

    /// `pods` in deletion order.
    static func sorted(_ pods: [Pod], related: [Pod]) -> [Pod] {
        var perNode: [String: Int] = [:]
        for pod in related where pod.isActive {
            perNode[pod.spec.nodeName ?? "", default: 0] += 1
        }
        let ranked = pods.map { Ranked($0, rank: perNode[$0.spec.nodeName ?? ""] ?? 0) }
        return ranked.sorted(by: deleteFirst).map(\.pod)
    }

    /// A pod with the facts the order compares, read once (timestamps are parsed here, not per comparison).
    private struct Ranked {
        let pod: Pod
        let node: String
        let phase: Int
        let ready: Bool
        let cost: Int32
        let rank: Int
        let readySince: Date?
        let restarts: Int32
        let created: Date?

        init(_ pod: Pod, rank: Int) {
            self.pod = pod
            self.node = pod.spec.nodeName ?? ""
            self.phase = switch pod.status.phase {
            case "Unknown": 1
            case "Running": 2
            default: 0
            }
            self.ready = pod.isReady
            self.cost = pod.metadata.annotations?[deletionCostAnnotation].flatMap { Int32($0) } ?? 0
            self.rank = rank
            self.readySince = pod.readySince
            self.restarts = ReplicaSetPods.maxRestarts(pod)
            self.created = pod.metadata.creationTimestamp.flatMap(Timestamp.parse)
        }
    }

    /// Go's `afterOrZero`: a zero (missing) time sorts first, then the later time.
    private static func afterOrZero(_ lhs: Date?, _ rhs: Date?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil }
        return lhs > rhs
    }

    private static func deleteFirst(_ a: Ranked, _ b: Ranked) -> Bool {
        if a.node != b.node && (a.node.isEmpty || b.node.isEmpty) { return a.node.isEmpty }
        if a.phase != b.phase { return a.phase < b.phase }
        if a.ready != b.ready { return !a.ready }
        if a.cost != b.cost { return a.cost < b.cost }
        if a.rank != b.rank { return a.rank > b.rank }
        if a.ready && b.ready && a.readySince != b.readySince { return afterOrZero(a.readySince, b.readySince) }
        if a.restarts != b.restarts { return a.restarts > b.restarts }
        if a.created != b.created { return afterOrZero(a.created, b.created) }
        let uidA = a.pod.metadata.uid ?? "", uidB = b.pod.metadata.uid ?? ""
        if uidA != uidB { return uidA < uidB }
        return a.pod.name < b.pod.name
    }
}
