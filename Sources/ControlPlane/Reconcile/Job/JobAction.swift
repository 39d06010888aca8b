import KubeAPI
import Wire

/// One write (or wake-up) a Job sync asks its driver to perform, in the order returned.
enum JobAction: Sendable, Equatable {
    /// Create this pod (`generateName`, labels, the controller ownerReference, the spec). The driver emits
    /// `SuccessfulCreate` (`Created pod: <name>`) with the name the server gave it.
    case createPod(Pod)
    /// Delete the pod of this name. The driver emits `SuccessfulDelete` (`Deleted pod: <name>`).
    case deletePod(name: String)
    /// Update a pod's metadata: adoption (controller ownerReference added) or release (ours removed).
    case updatePod(Pod)
    /// Write `status` through the status subresource.
    case updateStatus(JobStatus)
    /// Record an event on the Job.
    case event(type: String, reason: String, message: String)
    /// Sync the Job again after the delay (its active deadline, the backoff before a replacement pod).
    case requeue(after: Duration)
}
