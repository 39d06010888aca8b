import Foundation
import KubeAPI
import Wire

/// Scaling ReplicaSets (upstream `scaleReplicaSet`, `scale`, `cleanupDeployment`).
extension DeploymentSync {
    /// Upstream `scaleReplicaSetAndRecordEvent`: scales `rs` to `newScale` unless it already has that size.
    /// Returns whether the size changed and the ReplicaSet as written.
    @discardableResult
    mutating func scaleAndRecord(_ rs: ReplicaSet, to newScale: Int32) -> (scaled: Bool, rs: ReplicaSet) {
        let current = DeploymentRollout.replicas(rs)
        if current == newScale { return (false, rs) }
        return scaleReplicaSet(rs, to: newScale, up: current < newScale)
    }

    /// Upstream `scaleReplicaSet`: writes the size and the replicas annotations when either differs, and
    /// records `ScalingReplicaSet` when the size changed.
    @discardableResult
    mutating func scaleReplicaSet(_ rs: ReplicaSet, to newScale: Int32, up: Bool) -> (scaled: Bool, rs: ReplicaSet) {
        let desired = DeploymentRollout.desired(deployment)
        let maxTotal = desired + DeploymentRollout.maxSurge(deployment)
        let oldScale = DeploymentRollout.replicas(rs)
        let sizeChanged = oldScale != newScale
        guard sizeChanged || DeploymentAnnotations.replicasNeedUpdate(rs, desired: desired, max: maxTotal) else {
            return (false, rs)
        }
        var updated = rs
        updated.spec.replicas = newScale
        DeploymentAnnotations.setReplicas(&updated, desired: desired, max: maxTotal)
        write(updated)
        guard sizeChanged else { return (false, updated) }
        let verb = up ? "Scaled up" : "Scaled down"
        event("Normal", "ScalingReplicaSet", "\(verb) replica set \(updated.name) from \(oldScale) to \(newScale)")
        return (true, updated)
    }

    /// Upstream `scale` (a scaling event, or a paused Deployment): a single active (or the latest)
    /// ReplicaSet takes all replicas; a saturated new ReplicaSet empties the old ones; otherwise, for
    /// RollingUpdate, replicas are added or removed in proportion to each active ReplicaSet's size.
    mutating func scale(new newRS: ReplicaSet?, old: [ReplicaSet]) {
        let desired = DeploymentRollout.desired(deployment)
        if let target = Self.activeOrLatest(new: newRS, old: old) {
            if DeploymentRollout.replicas(target) != desired { scaleAndRecord(target, to: desired) }
            return
        }
        if isSaturated(newRS) {
            for rs in DeploymentRollout.active(old) { scaleAndRecord(rs, to: 0) }
            return
        }
        guard DeploymentRollout.isRollingUpdate(deployment) else { return }
        var sets = DeploymentRollout.active(old + [newRS].compactMap { $0 })
        let allowed = desired > 0 ? desired + DeploymentRollout.maxSurge(deployment) : 0
        let toAdd = allowed - DeploymentRollout.specReplicas(sets)
        if toAdd > 0 {
            sets.sort { DeploymentRollout.replicas($0) != DeploymentRollout.replicas($1)
                ? DeploymentRollout.replicas($0) > DeploymentRollout.replicas($1) : Self.olderFirst($1, $0) }
        } else if toAdd < 0 {
            sets.sort { DeploymentRollout.replicas($0) != DeploymentRollout.replicas($1)
                ? DeploymentRollout.replicas($0) > DeploymentRollout.replicas($1) : Self.olderFirst($0, $1) }
        }
        var added: Int32 = 0
        var sizes: [Int32] = []
        for rs in sets {
            let share = toAdd != 0 ? proportion(rs, toAdd: toAdd, added: added) : 0
            sizes.append(DeploymentRollout.replicas(rs) + share)
            added += share
        }
        for (index, rs) in sets.enumerated() {
            var size = sizes[index]
            if index == 0 && toAdd != 0 { size = max(0, size + toAdd - added) }
            scaleReplicaSet(rs, to: size, up: toAdd > 0)
        }
    }

    /// Upstream `FindActiveOrLatest`: the only active ReplicaSet, or the newest when none is active; nil when
    /// several are active.
    static func activeOrLatest(new newRS: ReplicaSet?, old: [ReplicaSet]) -> ReplicaSet? {
        if newRS == nil && old.isEmpty { return nil }
        let newestFirst = old.sorted { olderFirst($1, $0) }
        let active = DeploymentRollout.active(newestFirst + [newRS].compactMap { $0 })
        switch active.count {
        case 0: return newRS ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// Upstream `IsSaturated`: the new ReplicaSet is meant for, has, and runs available, all the replicas.
    func isSaturated(_ rs: ReplicaSet?) -> Bool {
        guard let rs, let annotated = DeploymentAnnotations.desiredReplicas(of: rs) else { return false }
        let desired = DeploymentRollout.desired(deployment)
        return DeploymentRollout.replicas(rs) == desired && annotated == desired
            && (rs.status.availableReplicas ?? 0) == desired
    }

    /// Upstream `GetReplicaSetProportion`: this ReplicaSet's share of `toAdd`, bounded by what is left.
    func proportion(_ rs: ReplicaSet, toAdd: Int32, added: Int32) -> Int32 {
        if DeploymentRollout.replicas(rs) == 0 || toAdd == 0 || toAdd == added { return 0 }
        let fraction = fraction(rs)
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// Upstream `getReplicaSetFraction`: how much this ReplicaSet grows or shrinks when the Deployment's
    /// maximum size goes from its `max-replicas` annotation to `replicas + maxSurge`.
    private func fraction(_ rs: ReplicaSet) -> Int32 {
        let replicas = DeploymentRollout.replicas(rs)
        let desired = DeploymentRollout.desired(deployment)
        if desired == 0 { return -replicas }
        let maxTotal = desired + DeploymentRollout.maxSurge(deployment)
        var before = DeploymentAnnotations.maxReplicas(of: rs) ?? 0
        if before == 0 {
            before = deployment.status.replicas ?? 0
            if before == 0 { return 0 }
        }
        let size = Double(replicas) * Double(maxTotal) / Double(before)
        return Int32(size.rounded(.toNearestOrAwayFromZero)) - replicas
    }

    /// Upstream `cleanupDeployment`: deletes the oldest revisions beyond `revisionHistoryLimit`, only those
    /// fully scaled down, observed, and not already being deleted.
    mutating func cleanupHistory(old: [ReplicaSet]) {
        guard let limit = deployment.spec.revisionHistoryLimit else { return }
        let cleanable = old.filter { $0.metadata.deletionTimestamp == nil }
        let excess = cleanable.count - Int(max(0, limit))
        guard excess > 0 else { return }
        let byRevision = cleanable.sorted { a, b in
            let revisionA = DeploymentAnnotations.revision(of: a) ?? 0
            let revisionB = DeploymentAnnotations.revision(of: b) ?? 0
            return revisionA != revisionB ? revisionA < revisionB : Self.olderFirst(a, b)
        }
        for rs in byRevision.prefix(excess) {
            let observed = (rs.metadata.generation ?? 0) <= (rs.status.observedGeneration ?? 0)
            guard rs.status.replicas == 0, DeploymentRollout.replicas(rs) == 0, observed else { continue }
            actions.append(.deleteReplicaSet(name: rs.name))
        }
    }
}
