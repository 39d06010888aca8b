import Foundation
import KubeAPI
import Wire

/// Deployment status and conditions (upstream `calculateStatus`, `syncDeploymentStatus`, `syncRolloutStatus`,
/// `checkPausedConditions`, `requeueStuckDeployment`).
extension DeploymentSync {
    /// Upstream `calculateStatus`: counts summed over the ReplicaSets, and the Available condition
    /// (`available >= replicas - maxUnavailable`). Zero counts are left out, as Go's `omitempty` does.
    func calculateStatus(all: [ReplicaSet], new newRS: ReplicaSet?) -> DeploymentStatus {
        let available = DeploymentRollout.availableReplicas(all)
        let unavailable = max(0, DeploymentRollout.specReplicas(all) - available)
        var status = DeploymentStatus()
        status.observedGeneration = Self.nonZero(deployment.metadata.generation ?? 0)
        status.replicas = Self.nonZero(DeploymentRollout.actualReplicas(all))
        status.updatedReplicas = Self.nonZero(newRS?.status.replicas ?? 0)
        status.readyReplicas = Self.nonZero(DeploymentRollout.readyReplicas(all))
        status.availableReplicas = Self.nonZero(available)
        status.unavailableReplicas = Self.nonZero(unavailable)
        status.collisionCount = deployment.status.collisionCount
        status.conditions = deployment.status.conditions
        let minimum = DeploymentRollout.desired(deployment) - DeploymentRollout.maxUnavailable(deployment)
        let condition = available >= minimum
            ? DeploymentConditions.make(DeploymentConditions.available, "True",
                                        reason: DeploymentConditions.minimumReplicasAvailable,
                                        message: "Deployment has minimum availability.", now: now)
            : DeploymentConditions.make(DeploymentConditions.available, "False",
                                        reason: DeploymentConditions.minimumReplicasUnavailable,
                                        message: "Deployment does not have minimum availability.", now: now)
        DeploymentConditions.set(&status, condition)
        return status
    }

    /// Upstream `syncDeploymentStatus`: the computed status, written when it changed.
    mutating func syncDeploymentStatus(all: [ReplicaSet], new newRS: ReplicaSet?) {
        record(calculateStatus(all: all, new: newRS), requeueIfStuck: false)
    }

    /// Upstream `syncRolloutStatus`: the computed status plus the Progressing condition (complete,
    /// progressing, or timed out against `progressDeadlineSeconds`) and any ReplicaFailure of a ReplicaSet.
    mutating func syncRolloutStatus(all: [ReplicaSet], new newRS: ReplicaSet?) {
        var status = calculateStatus(all: all, new: newRS)
        let hasDeadline = DeploymentRollout.progressDeadline(deployment) != nil
        if !hasDeadline { DeploymentConditions.remove(&status, DeploymentConditions.progressing) }
        let current = DeploymentConditions.get(deployment.status, DeploymentConditions.progressing)
        let finished = (status.replicas ?? 0) == (status.updatedReplicas ?? 0)
            && current?.reason == DeploymentConditions.newReplicaSetAvailable
        let subject = newRS.map { "ReplicaSet \(GoQuote.quote($0.name))" }
            ?? "Deployment \(GoQuote.quote(deployment.name))"
        if hasDeadline && !finished {
            if DeploymentRollout.isComplete(deployment, status) {
                DeploymentConditions.set(&status, DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", reason: DeploymentConditions.newReplicaSetAvailable,
                    message: "\(subject) has successfully progressed.", now: now))
            } else if DeploymentRollout.isProgressing(deployment, status) {
                var condition = DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", reason: DeploymentConditions.replicaSetUpdated,
                    message: "\(subject) is progressing.", now: now)
                if let current {
                    if current.status == "True" { condition.lastTransitionTime = current.lastTransitionTime }
                    DeploymentConditions.remove(&status, DeploymentConditions.progressing)
                }
                DeploymentConditions.set(&status, condition)
            } else if timedOut(status) {
                DeploymentConditions.set(&status, DeploymentConditions.make(
                    DeploymentConditions.progressing, "False", reason: DeploymentConditions.progressDeadlineExceeded,
                    message: "\(subject) has timed out progressing.", now: now))
            }
        }
        if let failure = Self.replicaFailure(all: all, new: newRS) {
            DeploymentConditions.set(&status, failure)
        } else {
            DeploymentConditions.remove(&status, DeploymentConditions.replicaFailure)
        }
        record(status, requeueIfStuck: true)
    }

    /// Upstream `checkPausedConditions`: Progressing `Unknown` with `DeploymentPaused` / `DeploymentResumed`
    /// when `paused` flips (not over a timed-out rollout).
    mutating func checkPausedConditions() {
        guard DeploymentRollout.progressDeadline(deployment) != nil else { return }
        let current = DeploymentConditions.get(deployment.status, DeploymentConditions.progressing)
        if current?.reason == DeploymentConditions.progressDeadlineExceeded { return }
        let pausedRecorded = current?.reason == DeploymentConditions.deploymentPaused
        let paused = deployment.spec.paused == true
        if paused && !pausedRecorded {
            DeploymentConditions.set(&deployment.status, DeploymentConditions.make(
                DeploymentConditions.progressing, "Unknown", reason: DeploymentConditions.deploymentPaused,
                message: "Deployment is paused", now: now))
        } else if !paused && pausedRecorded {
            DeploymentConditions.set(&deployment.status, DeploymentConditions.make(
                DeploymentConditions.progressing, "Unknown", reason: DeploymentConditions.deploymentResumed,
                message: "Deployment is resumed", now: now))
        }
    }

    /// Upstream `DeploymentTimedOut`: the Progressing condition has not moved for `progressDeadlineSeconds`.
    func timedOut(_ status: DeploymentStatus) -> Bool {
        guard let seconds = DeploymentRollout.progressDeadline(deployment),
              let condition = DeploymentConditions.get(status, DeploymentConditions.progressing)
        else { return false }
        if condition.reason == DeploymentConditions.newReplicaSetAvailable { return false }
        if condition.reason == DeploymentConditions.progressDeadlineExceeded { return true }
        guard let from = condition.lastUpdateTime.flatMap(Timestamp.parse) else { return false }
        return from.addingTimeInterval(TimeInterval(seconds)) < now
    }

    /// Keeps `status` for writing when it differs from what was read; when nothing new is to be said (upstream
    /// compares with the Deployment as it already updated it), schedules the progress-deadline check.
    private mutating func record(_ status: DeploymentStatus, requeueIfStuck: Bool) {
        if status != Self.normalized(original.status) { pendingStatus = status }
        if requeueIfStuck && status == Self.normalized(deployment.status) {
            pendingRequeue = stuckRequeue(status)
        }
    }

    /// Upstream `requeueStuckDeployment`: when the rollout is neither complete nor timed out, look again when
    /// its deadline passes (at least a second from now).
    private func stuckRequeue(_ status: DeploymentStatus) -> Duration? {
        guard let seconds = DeploymentRollout.progressDeadline(deployment),
              let current = DeploymentConditions.get(deployment.status, DeploymentConditions.progressing),
              !DeploymentRollout.isComplete(deployment, status),
              current.reason != DeploymentConditions.progressDeadlineExceeded,
              let from = current.lastUpdateTime.flatMap(Timestamp.parse)
        else { return nil }
        let remaining = max(0, from.addingTimeInterval(TimeInterval(seconds)).timeIntervalSince(now))
        return .milliseconds(Int64((remaining * 1000).rounded(.up))) + .seconds(1)
    }

    /// Upstream `getReplicaFailures`: the new ReplicaSet's ReplicaFailure condition, else an old one's.
    static func replicaFailure(all: [ReplicaSet], new newRS: ReplicaSet?) -> DeploymentCondition? {
        let candidates = [newRS].compactMap { $0 } + all
        for rs in candidates {
            if let failure = rs.status.conditions?.first(where: { $0.type == DeploymentConditions.replicaFailure }) {
                return DeploymentConditions.from(failure)
            }
        }
        return nil
    }

    /// A status with Go's zero values as nil, for comparison with a computed one.
    static func normalized(_ status: DeploymentStatus) -> DeploymentStatus {
        var status = status
        status.observedGeneration = status.observedGeneration.flatMap { $0 == 0 ? nil : $0 }
        status.replicas = status.replicas.flatMap(nonZero)
        status.updatedReplicas = status.updatedReplicas.flatMap(nonZero)
        status.readyReplicas = status.readyReplicas.flatMap(nonZero)
        status.availableReplicas = status.availableReplicas.flatMap(nonZero)
        status.unavailableReplicas = status.unavailableReplicas.flatMap(nonZero)
        status.terminatingReplicas = status.terminatingReplicas.flatMap(nonZero)
        if status.conditions?.isEmpty == true { status.conditions = nil }
        return status
    }

    static func nonZero(_ value: Int32) -> Int32? {
        value == 0 ? nil : value
    }

    static func nonZero(_ value: Int64) -> Int64? {
        value == 0 ? nil : value
    }
}
