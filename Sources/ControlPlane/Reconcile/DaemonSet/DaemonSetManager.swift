import Foundation
import KubeAPI
import Wire

/// The per-node part of a DaemonSet sync (upstream `manage` and `podsShouldBeOnNode`): which nodes need a pod
/// and which pods must go. Failed pods are deleted under a per-node backoff; succeeded ones at once.
struct DaemonSetManager {
    /// What one pass decided (not yet capped at the burst limit).
    struct Result: Sendable, Equatable {
        /// Nodes to create a pod for, in node-list order.
        var nodesNeedingPods: [String] = []
        /// Pods to delete, by name.
        var podsToDelete: [String] = []
        /// `FailedDaemonPod` / `SucceededDaemonPod` events.
        var events: [DaemonSetAction] = []
        /// Set when a failed pod was kept because its node is in backoff: retry after this delay.
        var requeueAfter: Duration?
    }

    let daemonSet: DaemonSet
    /// The current revision hash.
    let hash: String
    /// `maxSurge > 0` with the RollingUpdate strategy: two pods (old and new) may share a node.
    let allowsSurge: Bool
    let now: Date

    /// Runs ``podsShouldBeOnNode(_:eligibility:pods:backoff:into:)`` for every node, then deletes unscheduled
    /// pods pinned to nodes that no longer exist (no one else would: PodGC only reaps scheduled pods).
    func manage(
        nodes: [Node], eligibility: [String: DaemonNodeEligibility], nodeToPods: [String: [Pod]],
        backoff: inout FailedPodBackoff
    ) -> Result {
        var result = Result()
        for node in nodes {
            podsShouldBeOnNode(
                node.name, eligibility: eligibility[node.name] ?? .excluded, pods: nodeToPods[node.name],
                backoff: &backoff, into: &result)
        }
        let existing = Set(nodes.map(\.name))
        for nodeName in nodeToPods.keys.sorted() where !existing.contains(nodeName) {
            let unscheduled = (nodeToPods[nodeName] ?? []).filter {
                ($0.spec.nodeName ?? "").isEmpty && !DaemonPods.isDeleting($0)
            }
            result.podsToDelete += unscheduled.map(\.name)
        }
        return result
    }

    /// The truth table for one node: create when it should run and has no pod; where pods may continue, delete
    /// failed (backoff permitting) and succeeded ones and prune extras; where they may not, delete them all.
    /// Pods already being deleted are never deleted again, yet they still count as "a pod on the node", so a
    /// replacement waits until they are gone (except with surge, where a running pod is what counts).
    func podsShouldBeOnNode(
        _ node: String, eligibility: DaemonNodeEligibility, pods: [Pod]?, backoff: inout FailedPodBackoff,
        into result: inout Result
    ) {
        let namespace = daemonSet.namespace
        switch (eligibility.shouldRun, eligibility.shouldContinueRunning, pods) {
        case (true, _, nil):
            result.nodesNeedingPods.append(node)
        case (_, true, let pods?):
            var running: [Pod] = []
            for pod in pods where !DaemonPods.isDeleting(pod) {
                switch pod.status.phase {
                case "Failed":
                    let key = FailedPodBackoff.key(
                        daemonSetUID: daemonSet.metadata.uid ?? "",
                        observedGeneration: daemonSet.status.observedGeneration ?? 0, node: node)
                    if backoff.isInBackoff(key, now: now) {
                        let delay = backoff.delay(for: key)
                        result.requeueAfter = min(result.requeueAfter ?? delay, delay)
                        continue
                    }
                    backoff.next(key, now: now)
                    let message =
                        "Found failed daemon pod \(namespace)/\(pod.name) on node \(node), will try to kill it"
                    result.events.append(.event(type: "Warning", reason: "FailedDaemonPod", message: message))
                    result.podsToDelete.append(pod.name)
                case "Succeeded":
                    let message =
                        "Found succeeded daemon pod \(namespace)/\(pod.name) on node \(node), will try to delete it"
                    result.events.append(.event(type: "Normal", reason: "SucceededDaemonPod", message: message))
                    result.podsToDelete.append(pod.name)
                default:
                    running.append(pod)
                }
            }
            prune(DaemonPods.oldestFirst(running), node: node, shouldRun: eligibility.shouldRun, into: &result)
        case (_, false, let pods?):
            result.podsToDelete += pods.filter { !DaemonPods.isDeleting($0) }.map(\.name)
        default:
            break
        }
    }

    /// Excess running pods on a node that keeps its pods. Without surge: keep the oldest. With surge: create when
    /// none runs; otherwise keep the oldest new-hash and oldest old-hash pods, and drop the old one once it is not
    /// ready or the new one is available.
    private func prune(_ running: [Pod], node: String, shouldRun: Bool, into result: inout Result) {
        guard allowsSurge else {
            result.podsToDelete += running.dropFirst().map(\.name)
            return
        }
        guard running.count > 1 else {
            if running.isEmpty && shouldRun { result.nodesNeedingPods.append(node) }
            return
        }
        var oldestNew: Pod?
        var oldestOld: Pod?
        for pod in running {
            if pod.labels[DaemonPods.revisionHashLabel] == hash {
                if oldestNew == nil { oldestNew = pod; continue }
            } else if oldestOld == nil {
                oldestOld = pod
                continue
            }
            result.podsToDelete.append(pod.name)
        }
        if let oldestNew, let oldestOld {
            let minReady = daemonSet.spec.minReadySeconds ?? 0
            let newAvailable = oldestNew.isAvailable(minReadySeconds: minReady, now: now)
            if !oldestOld.isReady || newAvailable { result.podsToDelete.append(oldestOld.name) }
        }
    }
}
