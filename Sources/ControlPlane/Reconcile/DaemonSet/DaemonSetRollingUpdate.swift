import Foundation
import KubeAPI
import Wire

/// The RollingUpdate strategy (upstream `rollingUpdate` in `update.go`): which old pods to delete (no surge) or
/// which nodes get a new pod next to the old one (surge), within `maxUnavailable` / `maxSurge`.
///
/// Runs after ``DaemonSetManager`` in a sync that wrote nothing else; the manage pass of a later sync creates
/// replacements and prunes extras. Nodes are visited in name order (upstream: Go map order, i.e. random).
struct DaemonSetRollingUpdate {
    /// What the pass decided (not yet capped at the burst limit).
    struct Result: Sendable, Equatable {
        var podsToDelete: [String] = []
        var nodesNeedingPods: [String] = []
    }

    let daemonSet: DaemonSet
    /// The current revision hash: pods carrying it are "new".
    let hash: String
    let now: Date

    // MARK: - The pass

    /// Decides deletions (no surge) or deletions and creations (surge). `nodeToPods` holds the DaemonSet's pods
    /// by node, including nodes that no longer exist.
    func run(nodes: [Node], eligibility: [String: DaemonNodeEligibility], nodeToPods: [String: [Pod]]) -> Result {
        var nodeToPods = nodeToPods
        var desired = 0
        for node in nodes where eligibility[node.name]?.shouldRun == true {
            desired += 1
            if nodeToPods[node.name] == nil { nodeToPods[node.name] = [] }
        }
        let maxSurge = daemonSet.surgeCount(total: desired)
        var maxUnavailable = daemonSet.unavailableCount(total: desired)
        if desired > 0 && maxSurge == 0 && maxUnavailable == 0 { maxUnavailable = 1 }
        let ordered = nodeToPods.sorted { $0.key < $1.key }
        if maxSurge == 0 {
            return withoutSurge(ordered, maxUnavailable: maxUnavailable)
        }
        return withSurge(ordered, eligibility: eligibility, maxSurge: maxSurge, desired: desired)
    }

    /// Delete every old pod that is not available, plus available old pods while fewer than `maxUnavailable`
    /// nodes are unavailable. A node with no pod, or with both an old and a new pod, or with extras, counts as
    /// unavailable; so does one whose new pod is not available yet.
    private func withoutSurge(_ ordered: [(key: String, value: [Pod])], maxUnavailable: Int) -> Result {
        var numUnavailable = 0
        var replacements: [String] = []
        var candidates: [String] = []
        for (_, pods) in ordered {
            guard let (newPod, oldPod) = Self.splitByHash(pods, hash: hash) else {
                numUnavailable += 1
                continue
            }
            switch (newPod, oldPod) {
            case (nil, nil), (.some, .some):
                numUnavailable += 1
            case (let newPod?, nil):
                if !isAvailable(newPod) { numUnavailable += 1 }
            case (nil, let oldPod?):
                if !isAvailable(oldPod) {
                    replacements.append(oldPod.name)
                    numUnavailable += 1
                } else if numUnavailable < maxUnavailable {
                    candidates.append(oldPod.name)
                }
            }
        }
        let budget = min(max(0, maxUnavailable - numUnavailable), candidates.count)
        return Result(podsToDelete: replacements + candidates.prefix(budget))
    }

    /// Create a new pod next to every unavailable old pod, and next to available old pods up to `maxSurge`
    /// surging nodes; delete an old pod once the new one beside it is available. Old pods on nodes that should no
    /// longer run the DaemonSet go only while more pods are available than desired.
    private func withSurge(
        _ ordered: [(key: String, value: [Pod])], eligibility: [String: DaemonNodeEligibility], maxSurge: Int,
        desired: Int
    ) -> Result {
        var result = Result()
        var shouldNotRun: [String] = []
        var candidates: [String] = []
        var numSurge = 0
        var numAvailable = 0
        for (nodeName, pods) in ordered {
            guard let (newPod, oldPod) = Self.splitByHash(pods, hash: hash) else {
                numSurge += 1
                continue
            }
            if let counted = oldPod ?? newPod, isAvailable(counted) { numAvailable += 1 }
            let shouldRun = eligibility[nodeName]?.shouldRun ?? false
            switch (newPod, oldPod) {
            case (_, nil):
                continue
            case (nil, let oldPod?):
                if !isAvailable(oldPod) && shouldRun {
                    result.nodesNeedingPods.append(nodeName)
                } else if !isAvailable(oldPod) {
                    result.podsToDelete.append(oldPod.name)
                } else if !shouldRun {
                    shouldNotRun.append(oldPod.name)
                } else if numSurge < maxSurge {
                    candidates.append(nodeName)
                }
            case (let newPod?, let oldPod?):
                if isAvailable(newPod) { result.podsToDelete.append(oldPod.name) } else { numSurge += 1 }
            }
        }
        let deletable = min(max(0, numAvailable - desired), shouldNotRun.count)
        result.podsToDelete += shouldNotRun.prefix(deletable)
        let remaining = min(max(0, maxSurge - numSurge), candidates.count)
        result.nodesNeedingPods += candidates.prefix(remaining)
        return result
    }

    /// Upstream `findUpdatedPodsOnNode`: the node's one new and one old pod (either may be absent), ignoring pods
    /// being deleted; nil when there is more than one of either.
    static func splitByHash(_ pods: [Pod], hash: String) -> (new: Pod?, old: Pod?)? {
        var newPod: Pod?
        var oldPod: Pod?
        for pod in pods where !DaemonPods.isDeleting(pod) {
            if !hash.isEmpty && pod.labels[DaemonPods.revisionHashLabel] == hash {
                if newPod != nil { return nil }
                newPod = pod
            } else {
                if oldPod != nil { return nil }
                oldPod = pod
            }
        }
        return (newPod, oldPod)
    }

    private func isAvailable(_ pod: Pod) -> Bool {
        pod.isAvailable(minReadySeconds: daemonSet.spec.minReadySeconds ?? 0, now: now)
    }
}
