import Foundation
import KubeAPI
import Wire

/// The two rollout strategies (upstream `rolling.go` and `recreate.go`) and the scaling-only path (`sync.go`).
extension DeploymentSync {
    /// Upstream `sync`: scaling events and paused Deployments. Never creates a ReplicaSet; a paused
    /// Deployment's history is cleaned up.
    mutating func syncScaleOnly(_ sets: [ReplicaSet]) throws(Abort) {
        let (newRS, old) = try replicaSetsAndSyncRevision(sets, create: false)
        scale(new: newRS, old: old)
        if deployment.spec.paused == true { cleanupHistory(old: old) }
        syncDeploymentStatus(all: old + [newRS].compactMap { $0 }, new: newRS)
    }

    /// Upstream `syncStatusOnly`: a Deployment being deleted only reports status.
    mutating func syncStatusOnly(_ sets: [ReplicaSet]) throws(Abort) {
        let (newRS, old) = try replicaSetsAndSyncRevision(sets, create: false)
        syncDeploymentStatus(all: old + [newRS].compactMap { $0 }, new: newRS)
    }

    /// Upstream `isScalingEvent`: some active ReplicaSet was sized for a different `replicas`. Decided on a
    /// scratch copy, so it records nothing.
    func isScalingEvent(_ sets: [ReplicaSet]) -> Bool {
        var scratch = self
        guard let (newRS, old) = try? scratch.replicaSetsAndSyncRevision(sets, create: false) else { return false }
        let desired = DeploymentRollout.desired(deployment)
        return DeploymentRollout.active(old + [newRS].compactMap { $0 }).contains { rs in
            DeploymentAnnotations.desiredReplicas(of: rs).map { $0 != desired } ?? false
        }
    }

    // MARK: - RollingUpdate

    /// Upstream `rolloutRolling`: scale the new ReplicaSet up within `maxSurge`; else scale old ones down
    /// within `maxUnavailable`; once complete, clean up history.
    mutating func rolloutRolling(_ sets: [ReplicaSet]) throws(Abort) {
        let (created, old) = try replicaSetsAndSyncRevision(sets, create: true)
        guard let newRS = created else { return }
        let all = old + [newRS]
        if reconcileNewReplicaSet(all: all, new: newRS) || reconcileOldReplicaSets(
            all: all, oldActive: DeploymentRollout.active(old), new: newRS)
        {
            syncRolloutStatus(all: all, new: newRS)
            return
        }
        if DeploymentRollout.isComplete(deployment, deployment.status) { cleanupHistory(old: old) }
        syncRolloutStatus(all: all, new: newRS)
    }

    /// Upstream `reconcileNewReplicaSet`.
    mutating func reconcileNewReplicaSet(all: [ReplicaSet], new newRS: ReplicaSet) -> Bool {
        let desired = DeploymentRollout.desired(deployment)
        let current = DeploymentRollout.replicas(newRS)
        if current == desired { return false }
        if current > desired { return scaleAndRecord(newRS, to: desired).scaled }
        return scaleAndRecord(newRS, to: DeploymentRollout.newReplicaSetReplicas(deployment, all: all, new: newRS)).scaled
    }

    /// Upstream `reconcileOldReplicaSets`: at most `all - minAvailable - newUnavailable` replicas go, unhealthy
    /// ones first, then available ones while more than `minAvailable` remain available.
    mutating func reconcileOldReplicaSets(all: [ReplicaSet], oldActive: [ReplicaSet], new newRS: ReplicaSet) -> Bool {
        guard DeploymentRollout.specReplicas(oldActive) > 0 else { return false }
        let minAvailable = DeploymentRollout.desired(deployment) - DeploymentRollout.maxUnavailable(deployment)
        let newUnavailable = DeploymentRollout.replicas(newRS) - (newRS.status.availableReplicas ?? 0)
        let maxScaledDown = DeploymentRollout.specReplicas(all) - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return false }
        guard let (cleaned, cleanedCount) = cleanupUnhealthyReplicas(oldActive, maxCleanup: maxScaledDown) else {
            return false
        }
        let scaledDown = scaleDownForRollingUpdate(all: cleaned + [newRS], old: cleaned, minAvailable: minAvailable)
        return cleanedCount + scaledDown > 0
    }

    /// Upstream `cleanupUnhealthyReplicas`: old ReplicaSets (oldest first) lose their unavailable replicas,
    /// `maxCleanup` in all. Nil when a ReplicaSet reports more available replicas than it has.
    private mutating func cleanupUnhealthyReplicas(_ old: [ReplicaSet], maxCleanup: Int32) -> ([ReplicaSet], Int32)? {
        var sets = old.sorted(by: Self.olderFirst)
        var total: Int32 = 0
        for index in sets.indices {
            if total >= maxCleanup { break }
            let rs = sets[index]
            let replicas = DeploymentRollout.replicas(rs)
            let available = rs.status.availableReplicas ?? 0
            if replicas == 0 || replicas == available { continue }
            let count = min(maxCleanup - total, replicas - available)
            guard count >= 0 else { return nil }
            sets[index] = scaleAndRecord(rs, to: replicas - count).rs
            total += count
        }
        return (sets, total)
    }

    /// Upstream `scaleDownOldReplicaSetsForRollingUpdate`: old ReplicaSets (oldest first) shrink while more
    /// than `minAvailable` replicas are available.
    private mutating func scaleDownForRollingUpdate(all: [ReplicaSet], old: [ReplicaSet], minAvailable: Int32) -> Int32 {
        let available = DeploymentRollout.availableReplicas(all)
        guard available > minAvailable else { return 0 }
        let target = available - minAvailable
        var total: Int32 = 0
        for rs in old.sorted(by: Self.olderFirst) {
            if total >= target { break }
            let replicas = DeploymentRollout.replicas(rs)
            if replicas == 0 { continue }
            let count = min(replicas, target - total)
            scaleAndRecord(rs, to: replicas - count)
            total += count
        }
        return total
    }

    // MARK: - Recreate

    /// Upstream `rolloutRecreate`: scale every old ReplicaSet to 0, wait until none of their pods runs, then
    /// create (or scale up) the new ReplicaSet to `replicas`.
    mutating func rolloutRecreate(_ sets: [ReplicaSet], pods: [Pod]) throws(Abort) {
        var (newRS, old) = try replicaSetsAndSyncRevision(sets, create: false)
        var all = old + [newRS].compactMap { $0 }
        var scaledDown = false
        for rs in DeploymentRollout.active(old) where scaleAndRecord(rs, to: 0).scaled {
            scaledDown = true
        }
        if scaledDown || Self.oldPodsRunning(new: newRS, old: old, pods: pods) {
            syncRolloutStatus(all: all, new: newRS)
            return
        }
        if newRS == nil {
            (newRS, old) = try replicaSetsAndSyncRevision(sets, create: true)
            all = old + [newRS].compactMap { $0 }
        }
        if let newRS { scaleAndRecord(newRS, to: DeploymentRollout.desired(deployment)) }
        if DeploymentRollout.isComplete(deployment, deployment.status) { cleanupHistory(old: old) }
        syncRolloutStatus(all: all, new: newRS)
    }

    /// Upstream `oldPodsRunning`: an old ReplicaSet reports pods, or a pod it controls is not terminal.
    static func oldPodsRunning(new newRS: ReplicaSet?, old: [ReplicaSet], pods: [Pod]) -> Bool {
        if DeploymentRollout.actualReplicas(old) > 0 { return true }
        let oldUIDs = Set(old.compactMap(\.metadata.uid))
        return pods.contains { pod in
            guard let owner = pod.metadata.controllerRef?.uid, oldUIDs.contains(owner),
                  owner != newRS?.metadata.uid
            else { return false }
            return !pod.isTerminal
        }
    }
}
