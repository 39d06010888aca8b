import Foundation
import KubeAPI
import Wire

/// A StatefulSet's status (upstream `computeReplicaStatus`, `updateStatus` and `completeRollingUpdate`). Pure.
enum StatefulSetStatusCalculator {
    /// The status after a sync that started from `pods` (the set's claimed members).
    /// - Parameters:
    ///   - plan: the current and update revisions and the collision count.
    ///   - deletedForUpdate: pods the sync deleted to update them (each leaves `currentReplicas`, as upstream
    ///     counts it).
    static func status(
        of set: StatefulSet, pods: [Pod], plan: StatefulSetHistory.Plan, deletedForUpdate: Int, now: Date
    ) -> StatefulSetStatus {
        let minReady = set.spec.minReadySeconds ?? 0
        var replicas: Int32 = 0
        var ready: Int32 = 0
        var available: Int32 = 0
        var current: Int32 = 0
        var updated: Int32 = 0
        for pod in pods {
            replicas += 1
            if StatefulSetPods.isRunningAndReady(pod) {
                ready += 1
                if StatefulSetPods.isRunningAndAvailable(pod, minReadySeconds: minReady, now: now) { available += 1 }
            }
            guard !StatefulSetPods.isTerminating(pod) else { continue }
            let revision = StatefulSetPods.revision(of: pod)
            if revision == plan.current.name { current += 1 }
            if revision == plan.update.name { updated += 1 }
        }
        current = max(0, current - Int32(deletedForUpdate))
        var currentRevision = plan.current.name
        if set.isRollingUpdate && updated == replicas && ready == replicas {
            current = updated
            currentRevision = plan.update.name
        }
        var status = StatefulSetStatus()
        status.observedGeneration = set.metadata.generation
        status.replicas = replicas
        status.readyReplicas = nonZero(ready)
        status.currentReplicas = nonZero(current)
        status.updatedReplicas = nonZero(updated)
        status.currentRevision = currentRevision.isEmpty ? nil : currentRevision
        status.updateRevision = plan.update.name.isEmpty ? nil : plan.update.name
        status.collisionCount = plan.collisionCount
        status.conditions = set.status.conditions
        status.availableReplicas = available
        return status
    }

    /// Go's `omitempty` for a count.
    private static func nonZero(_ value: Int32) -> Int32? { value == 0 ? nil : value }
}
