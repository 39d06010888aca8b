import Foundation
import KubeAPI
import Wire

/// Deployment conditions with upstream's reasons and update rules (`deploymentutil.SetDeploymentCondition`).
enum DeploymentConditions {
    static let available = "Available"
    static let progressing = "Progressing"
    static let replicaFailure = "ReplicaFailure"

    static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    static let newReplicaSetCreated = "NewReplicaSetCreated"
    static let foundNewReplicaSet = "FoundNewReplicaSet"
    static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    static let replicaSetUpdated = "ReplicaSetUpdated"
    static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    static let deploymentPaused = "DeploymentPaused"
    static let deploymentResumed = "DeploymentResumed"

    /// A condition stamped `now` for both its update and transition times.
    static func make(_ type: String, _ status: String, reason: String, message: String, now: Date)
        -> DeploymentCondition
    {
        let stamp = Timestamp.format(now)
        return DeploymentCondition(type: type, status: status, lastUpdateTime: stamp, lastTransitionTime: stamp,
                                   reason: reason, message: message)
    }

    /// The condition of `type`, if present.
    static func get(_ status: DeploymentStatus, _ type: String) -> DeploymentCondition? {
        status.conditions?.first { $0.type == type }
    }

    /// Upstream `SetDeploymentCondition`: nothing when status and reason are unchanged; otherwise the
    /// condition moves to the end, keeping its transition time when only the reason changed.
    static func set(_ status: inout DeploymentStatus, _ condition: DeploymentCondition) {
        var condition = condition
        if let current = get(status, condition.type), current.status == condition.status {
            if current.reason == condition.reason { return }
            condition.lastTransitionTime = current.lastTransitionTime
        }
        status.conditions = (status.conditions ?? []).filter { $0.type != condition.type } + [condition]
    }

    /// Removes the condition of `type`.
    static func remove(_ status: inout DeploymentStatus, _ type: String) {
        let kept = (status.conditions ?? []).filter { $0.type != type }
        status.conditions = kept.isEmpty ? nil : kept
    }

    /// Upstream `ReplicaSetToDeploymentCondition`.
    static func from(_ condition: ReplicaSetCondition) -> DeploymentCondition {
        DeploymentCondition(type: condition.type, status: condition.status,
                            lastUpdateTime: condition.lastTransitionTime,
                            lastTransitionTime: condition.lastTransitionTime, reason: condition.reason,
                            message: condition.message)
    }
}
