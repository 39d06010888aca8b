import KubeAPI
import Wire

/// One write (or wake-up) a CronJob sync asks its driver to perform, in the order returned.
enum CronJobAction: Sendable, Equatable {
    /// Create this Job. The driver emits `SuccessfulCreate` (`Created job <name>`) and adds the created Job to the
    /// `status.active` of the next ``updateStatus(_:)`` (its uid is known only then); a Job that already exists is
    /// left alone.
    case createJob(Job)
    /// Delete the Job of this name with its pods (background). The driver emits `SuccessfulDelete`
    /// (`Deleted job <name>`).
    case deleteJob(name: String)
    /// Write `status` through the status subresource.
    case updateStatus(CronJobStatus)
    /// Record an event on the CronJob.
    case event(type: String, reason: String, message: String)
    /// Sync the CronJob again after the delay (its next scheduled time).
    case requeue(after: Duration)
}
