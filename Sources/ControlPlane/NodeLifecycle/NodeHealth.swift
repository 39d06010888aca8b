import Foundation
import KubeAPI
import Wire

/// Pure rewrites of a Node's conditions and taints, as Kubernetes' node lifecycle controller does them
/// (`tryUpdateNodeHealth`, `doNoScheduleTaintingPass`, `doNoExecuteTaintingPass`).
enum NodeHealth {
    static let notReadyTaintKey = "node.kubernetes.io/not-ready"
    static let unreachableTaintKey = "node.kubernetes.io/unreachable"
    static let unschedulableTaintKey = "node.kubernetes.io/unschedulable"
    /// The conditions the kubelet owns and the controller sets `Unknown` when the kubelet goes silent.
    static let kubeletConditionTypes = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]

    /// The node as it should be written, given whether its lease is stale (past its grace period) and
    /// whether it has a fresh lease at all. Returns `node` unchanged when nothing needs writing.
    static func desired(_ node: Node, stale: Bool, leaseFresh: Bool, now: Date) -> Node {
        var result = node
        if stale {
            result.status.conditions = markedUnknown(
                node.status.conditions ?? [], creationTimestamp: node.metadata.creationTimestamp, now: now)
        }
        let ready = result.status.condition("Ready")?.status
        let taints = node.spec.taints ?? []
        let newTaints = unschedulableTainted(
            reconciledTaints(taints, readyStatus: ready, leaseFresh: leaseFresh, now: now),
            unschedulable: node.spec.unschedulable == true)
        if newTaints != taints {
            result.spec.taints = newTaints.isEmpty ? nil : newTaints
        }
        return result
    }

    /// Kubelet-owned conditions set to `Unknown`: reported ones keep their heartbeat time and get reason
    /// `NodeStatusUnknown`; never-reported ones are added with reason `NodeStatusNeverUpdated`. Conditions
    /// already `Unknown` are left untouched, so the result is stable across ticks.
    static func markedUnknown(_ conditions: [NodeCondition], creationTimestamp: String?, now: Date) -> [NodeCondition] {
        let stamp = Timestamp.format(now)
        var result = conditions
        for type in kubeletConditionTypes {
            if let index = result.firstIndex(where: { $0.type == type }) {
                guard result[index].status != "Unknown" else { continue }
                result[index].status = "Unknown"
                result[index].reason = "NodeStatusUnknown"
                result[index].message = "Kubelet stopped posting node status."
                result[index].lastTransitionTime = stamp
            } else {
                result.append(
                    NodeCondition(
                        type: type, status: "Unknown", lastHeartbeatTime: creationTimestamp ?? stamp,
                        lastTransitionTime: stamp, reason: "NodeStatusNeverUpdated",
                        message: "Kubelet never posted node status."))
            }
        }
        return result
    }

    /// Taints mirroring the Ready condition: `Unknown` → unreachable NoSchedule + NoExecute; `False` →
    /// not-ready NoSchedule + NoExecute; `True` with a fresh lease → neither (this also lifts the
    /// not-ready:NoSchedule taint added at registration). `True` without a fresh lease, or no Ready
    /// condition yet, leaves the taints alone. Existing taints keep their order and `timeAdded`; new ones
    /// are appended, NoExecute ones stamped with `timeAdded` (as Kubernetes does; NoSchedule ones are not).
    static func reconciledTaints(_ taints: [Taint], readyStatus: String?, leaseFresh: Bool, now: Date) -> [Taint] {
        let wanted: String?
        let unwanted: [String]
        switch readyStatus {
        case "Unknown":
            wanted = unreachableTaintKey
            unwanted = [notReadyTaintKey]
        case "False":
            wanted = notReadyTaintKey
            unwanted = [unreachableTaintKey]
        case "True" where leaseFresh:
            wanted = nil
            unwanted = [notReadyTaintKey, unreachableTaintKey]
        default:
            return taints
        }
        var result = taints.filter { taint in
            !(unwanted.contains(taint.key) && isManagedEffect(taint.effect))
        }
        if let wanted {
            for effect in ["NoSchedule", "NoExecute"]
            where !result.contains(where: { $0.key == wanted && $0.effect == effect }) {
                let timeAdded = effect == "NoExecute" ? Timestamp.format(now) : nil
                result.append(Taint(key: wanted, effect: effect, timeAdded: timeAdded))
            }
        }
        return result
    }

    /// `node.kubernetes.io/unschedulable:NoSchedule` present exactly while the node is cordoned
    /// (`spec.unschedulable`), as TaintNodesByCondition keeps it; other taints are left as they are.
    static func unschedulableTainted(_ taints: [Taint], unschedulable: Bool) -> [Taint] {
        let isMarker = { (taint: Taint) in taint.key == unschedulableTaintKey && taint.effect == "NoSchedule" }
        if unschedulable {
            return taints.contains(where: isMarker)
                ? taints : taints + [Taint(key: unschedulableTaintKey, effect: "NoSchedule", timeAdded: nil)]
        }
        return taints.filter { !isMarker($0) }
    }

    /// The taint effects this controller manages for the not-ready / unreachable keys.
    private static func isManagedEffect(_ effect: String) -> Bool {
        effect == "NoSchedule" || effect == "NoExecute"
    }
}
