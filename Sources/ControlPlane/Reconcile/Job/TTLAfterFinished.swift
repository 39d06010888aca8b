import Foundation
import KubeAPI
import Wire

/// The TTL-after-finished controller's rule (upstream `pkg/controller/ttlafterfinished`): a finished Job with
/// `ttlSecondsAfterFinished` is deleted that many seconds after it finished (its `Complete` or `Failed`
/// condition's transition). Pure.
enum TTLAfterFinished {
    /// What to do with `job` at `now`.
    enum Decision: Sendable, Equatable {
        /// Not finished, no TTL, or already being deleted.
        case keep
        /// Delete it now (with its pods, foreground).
        case delete
        /// Look again after this many seconds.
        case wait(TimeInterval)
    }

    static func decide(_ job: Job, now: Date) -> Decision {
        guard job.metadata.deletionTimestamp == nil, let ttl = job.spec.ttlSecondsAfterFinished,
            let finished = finishTime(job)
        else { return .keep }
        let expiry = finished.addingTimeInterval(TimeInterval(ttl))
        return expiry <= now ? .delete : .wait(expiry.timeIntervalSince(now))
    }

    /// When the Job finished: its true `Complete` or `Failed` condition's last transition.
    static func finishTime(_ job: Job) -> Date? {
        let terminal = (job.status.conditions ?? []).first {
            ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True"
        }
        return terminal?.lastTransitionTime.flatMap(Timestamp.parse)
    }
}
