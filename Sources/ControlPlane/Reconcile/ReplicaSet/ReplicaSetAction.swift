import KubeAPI
import Wire

/// One write (or wake-up) a ReplicaSet sync asks its driver to perform, in the order returned.
enum ReplicaSetAction: Sendable, Equatable {
    /// Create this pod (it carries `generateName`, labels, the controller ownerReference and the spec).
    /// The driver emits `SuccessfulCreate` (`Created pod: <name>`) with the name the server gave it.
    case createPod(Pod)
    /// Delete the pod of this name. The driver emits `SuccessfulDelete` (`Deleted pod: <name>`).
    case deletePod(name: String)
    /// Update the pod's metadata: adoption (controller ownerReference added) or release (ours removed).
    /// The pod carries the resourceVersion it was read with.
    case updatePod(Pod)
    /// Write `status` through the status subresource.
    case updateStatus(ReplicaSetStatus)
    /// Record an event on the ReplicaSet.
    case event(type: String, reason: String, message: String)
    /// Sync this ReplicaSet again after the delay (a pod becomes available after minReadySeconds).
    case requeue(after: Duration)
}
