import Foundation
import KubeAPI
import Wire

/// Status of a ReplicaSet (upstream `calculateReplicaSetStatus` and `updateReplicaSetStatus`).
extension ReplicaSetReconciler {
    /// The status the owned active pods give: `replicas`, `fullyLabeledReplicas` (pods carrying every template
    /// label), `readyReplicas`, `availableReplicas` (ready for more than `minReadySeconds`) and
    /// `observedGeneration`. Zero counts are left out, as Go's `omitempty` does. Other fields are kept; a
    /// `ReplicaFailure` condition is dropped once the pod count matches `desired`.
    static func calculateStatus(_ rs: ReplicaSet, owned: [Pod], desired: Int, now: Date) -> ReplicaSetStatus {
        let templateLabels = rs.spec.template.metadata.labels ?? [:]
        let minReady = rs.spec.minReadySeconds ?? 0
        var fullyLabeled: Int32 = 0
        var ready: Int32 = 0
        var available: Int32 = 0
        for pod in owned {
            let labels = pod.labels
            if templateLabels.allSatisfy({ labels[$0.key] == $0.value }) { fullyLabeled += 1 }
            if pod.isReady {
                ready += 1
                if pod.isAvailable(minReadySeconds: minReady, now: now) { available += 1 }
            }
        }
        var status = rs.status
        status.replicas = Int32(owned.count)
        status.fullyLabeledReplicas = nonZero(fullyLabeled)
        status.readyReplicas = nonZero(ready)
        status.availableReplicas = nonZero(available)
        status.observedGeneration = rs.metadata.generation.flatMap { $0 == 0 ? nil : $0 }
        if owned.count == desired {
            let kept = (status.conditions ?? []).filter { $0.type != "ReplicaFailure" }
            status.conditions = kept.isEmpty ? nil : kept
        }
        return status
    }

    /// Upstream's skip test: counts, conditions and observedGeneration already as computed.
    static func isUnchanged(_ rs: ReplicaSet, _ status: ReplicaSetStatus) -> Bool {
        let old = rs.status
        return old.replicas == status.replicas
            && (old.fullyLabeledReplicas ?? 0) == (status.fullyLabeledReplicas ?? 0)
            && (old.readyReplicas ?? 0) == (status.readyReplicas ?? 0)
            && (old.availableReplicas ?? 0) == (status.availableReplicas ?? 0)
            && (old.observedGeneration ?? 0) == (status.observedGeneration ?? 0)
            && (old.conditions ?? []) == (status.conditions ?? [])
    }

    /// How long until the next ready pod becomes available under `minReadySeconds` (plus a second of margin,
    /// since availability is strictly after the deadline), or nil when no pod is waiting for it.
    static func availabilityRequeue(_ owned: [Pod], minReadySeconds: Int32, now: Date) -> Duration? {
        guard minReadySeconds > 0 else { return nil }
        let deadlines = owned.compactMap { pod -> Date? in
            guard !pod.isAvailable(minReadySeconds: minReadySeconds, now: now) else { return nil }
            return ReplicaSetPods.availableAt(pod, minReadySeconds: minReadySeconds)
        }
        guard let next = deadlines.min() else { return nil }
        let wait = max(0, next.timeIntervalSince(now))
        return .milliseconds(Int64((wait * 1000).rounded(.up))) + .seconds(1)
    }

    private static func nonZero(_ value: Int32) -> Int32? {
        value == 0 ? nil : value
    }
}
