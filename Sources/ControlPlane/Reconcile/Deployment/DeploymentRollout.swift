import KubeAPI
import Wire

/// Rollout arithmetic of upstream `deploymentutil`: replicas, `maxSurge`/`maxUnavailable` resolution and the
/// size of the new ReplicaSet. Pure.
enum DeploymentRollout {
    /// `spec.replicas`, default 1.
    static func desired(_ d: Deployment) -> Int32 {
        d.spec.replicas ?? 1
    }

    /// The strategy is `RollingUpdate` (also when unset, its default).
    static func isRollingUpdate(_ d: Deployment) -> Bool {
        let type = d.spec.strategy.type ?? ""
        return type.isEmpty || type == "RollingUpdate"
    }

    /// The strategy is `Recreate`.
    static func isRecreate(_ d: Deployment) -> Bool {
        d.spec.strategy.type == "Recreate"
    }

    /// Wire's ``IntOrString/scaledValue(_:total:roundUp:)`` (upstream `GetScaledValueFromIntOrPercent`) in int32.
    static func scaled(_ value: IntOrString?, total: Int32, roundUp: Bool) -> Int32 {
        Int32(clamping: IntOrString.scaledValue(value, total: Int64(total), roundUp: roundUp))
    }

    /// Upstream `ResolveFenceposts`: surge rounds up, unavailable rounds down; when both come to 0,
    /// unavailable becomes 1.
    static func fenceposts(_ d: Deployment) -> (surge: Int32, unavailable: Int32) {
        let rolling = d.spec.strategy.rollingUpdate
        let total = desired(d)
        let surge = scaled(rolling?.maxSurge ?? .string("25%"), total: total, roundUp: true)
        var unavailable = scaled(rolling?.maxUnavailable ?? .string("25%"), total: total, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// Upstream `MaxSurge`: 0 unless RollingUpdate.
    static func maxSurge(_ d: Deployment) -> Int32 {
        isRollingUpdate(d) ? fenceposts(d).surge : 0
    }

    /// Upstream `MaxUnavailable`: 0 unless RollingUpdate with replicas; never more than the replicas.
    static func maxUnavailable(_ d: Deployment) -> Int32 {
        guard isRollingUpdate(d), desired(d) > 0 else { return 0 }
        return min(fenceposts(d).unavailable, desired(d))
    }

    /// `spec.replicas` of a ReplicaSet, default 1.
    static func replicas(_ rs: ReplicaSet) -> Int32 {
        rs.spec.replicas ?? 1
    }

    /// Upstream `GetReplicaCountForReplicaSets`: the sum of `spec.replicas`.
    static func specReplicas(_ sets: [ReplicaSet]) -> Int32 {
        sets.reduce(0) { $0 + replicas($1) }
    }

    /// Upstream `GetActualReplicaCountForReplicaSets`: the sum of `status.replicas`.
    static func actualReplicas(_ sets: [ReplicaSet]) -> Int32 {
        sets.reduce(0) { $0 + $1.status.replicas }
    }

    /// The sum of `status.readyReplicas`.
    static func readyReplicas(_ sets: [ReplicaSet]) -> Int32 {
        sets.reduce(0) { $0 + ($1.status.readyReplicas ?? 0) }
    }

    /// The sum of `status.availableReplicas`.
    static func availableReplicas(_ sets: [ReplicaSet]) -> Int32 {
        sets.reduce(0) { $0 + ($1.status.availableReplicas ?? 0) }
    }

    /// Upstream `FilterActiveReplicaSets`: those with `spec.replicas > 0`.
    static func active(_ sets: [ReplicaSet]) -> [ReplicaSet] {
        sets.filter { replicas($0) > 0 }
    }

    /// Upstream `NewRSNewReplicas`: how many replicas the new ReplicaSet may have now. RollingUpdate: up to
    /// `replicas + maxSurge` pods in all, never above `replicas`; Recreate: `replicas`.
    static func newReplicaSetReplicas(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet) -> Int32 {
        guard isRollingUpdate(d) else { return desired(d) }
        let surge = scaled(d.spec.strategy.rollingUpdate?.maxSurge ?? .string("25%"), total: desired(d), roundUp: true)
        let current = specReplicas(all)
        let maxTotal = desired(d) + surge
        if current >= maxTotal { return replicas(new) }
        let scaleUp = min(maxTotal - current, desired(d) - replicas(new))
        return replicas(new) + scaleUp
    }

    /// Upstream `DeploymentComplete`: every replica updated and available, and the generation observed.
    static func isComplete(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        let replicas = desired(d)
        return (status.updatedReplicas ?? 0) == replicas && (status.replicas ?? 0) == replicas
            && (status.availableReplicas ?? 0) == replicas
            && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
    }

    /// Upstream `DeploymentProgressing`: more updated, fewer old, more ready or more available replicas than
    /// the current status says.
    static func isProgressing(_ d: Deployment, _ status: DeploymentStatus) -> Bool {
        let old = d.status
        let oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
        let newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0)
        return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
            || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0)
            || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
    }

    /// Upstream `HasProgressDeadline`: set and not `MaxInt32`.
    static func progressDeadline(_ d: Deployment) -> Int32? {
        guard let seconds = d.spec.progressDeadlineSeconds, seconds != Int32.max else { return nil }
        return seconds
    }
}
