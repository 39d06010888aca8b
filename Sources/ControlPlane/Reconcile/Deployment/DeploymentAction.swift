import KubeAPI
import Wire

/// One write (or wake-up) a Deployment sync asks its driver to perform, in the order returned.
///
/// A ReplicaSet appears in at most one create or update per sync (later changes are folded into the first),
/// and carries the resourceVersion it was read with.
enum DeploymentAction: Sendable, Equatable {
    /// Create this ReplicaSet (fixed name `<deployment>-<pod-template-hash>`).
    case createReplicaSet(ReplicaSet)
    /// Update this ReplicaSet: scale, annotations, minReadySeconds, adoption or release.
    case updateReplicaSet(ReplicaSet)
    /// Delete the old ReplicaSet of this name (history beyond `revisionHistoryLimit`).
    case deleteReplicaSet(name: String)
    /// Replace the Deployment's `metadata.annotations` with these (an ordinary update: the status subresource
    /// keeps metadata). Carries `deployment.kubernetes.io/revision`.
    case updateAnnotations([String: String])
    /// Write `status` through the status subresource.
    case updateStatus(DeploymentStatus)
    /// Record an event on the Deployment (`ScalingReplicaSet`, `SelectingAll`).
    case event(type: String, reason: String, message: String)
    /// Sync this Deployment again after the delay (progress deadline checks).
    case requeue(after: Duration)
}
