import Foundation
import KubeAPI
import Wire

/// The Job controller's decision logic (upstream `pkg/controller/job/job_controller.go`, `syncJob` and
/// `manageJob`), as a pure function from what the controller sees to what it writes. Pods are counted by phase
/// (no tracking finalizer); the counters never go down.
///
/// One sync: claim the pods (adopt matching orphans, release owned pods that no longer match); count active,
/// ready, terminating, succeeded and failed pods; then, in upstream's order:
/// - a suspended Job loses its active pods (`Suspended` condition), a resumed one restarts its clock;
/// - too many failures (`backoffLimit`, counting restarts under `OnFailure`) or a passed `activeDeadlineSeconds`
///   add `FailureTarget` and stop the active pods; once none is left, `Failed` (reason `BackoffLimitExceeded` or
///   `DeadlineExceeded`);
/// - enough successes add `SuccessCriteriaMet` and stop any pods left; once none is left, `Complete` and
///   `completionTime`;
/// - otherwise pods are created up to `parallelism` while completions remain (an Indexed Job's for its pending
///   indexes), after the exponential backoff that follows failures (10 s doubling, at most 6 min), or deleted down
///   to it.
enum JobReconciler {
    /// The largest number of pods one sync creates or deletes.
    static let burst = 500
    /// Upstream's pod failure backoff: 10 s, doubled per failure, at most 6 minutes.
    static let initialBackoff: TimeInterval = 10
    static let maxBackoff: TimeInterval = 360

    static let backoffLimitExceeded = (reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit")
    static let deadlineExceeded = (reason: "DeadlineExceeded", message: "Job was active longer than specified deadline")
    static let completionsReached = (reason: "CompletionsReached", message: "Reached expected number of succeeded pods")

    /// The pods of a Job, by state.
    struct PodCounts {
        var active: [Pod] = []
        var terminating: [Pod] = []
        var succeeded: [Pod] = []
        var failed: [Pod] = []
    }

    /// One sync of `job`.
    /// - Parameters:
    ///   - job: the Job as read (defaults applied).
    ///   - pods: every pod in the Job's namespace.
    ///   - now: the current time (deadlines, backoff, condition and status times).
    static func reconcile(_ job: Job, pods: [Pod], now: Date) -> [JobAction] {
        guard job.metadata.deletionTimestamp == nil, let selector = try? job.spec.selector.selector() else { return [] }
        var actions: [JobAction] = []
        let owned = claim(job, pods: pods, selector: selector, actions: &actions)
        let counts = count(owned)
        if job.isFinished {
            // A finished Job keeps no running pods (a pod created before the end may still show up).
            return actions + counts.active.prefix(burst).map { .deletePod(name: $0.name) }
        }
        var sync = JobSync(job: job, counts: counts, now: now)
        sync.run()
        // Events after the status write: a write that fails (a conflict) retries the sync without them.
        let events = sync.actions.filter { if case .event = $0 { true } else { false } }
        actions += sync.actions.filter { if case .event = $0 { false } else { true } }
        if sync.status != job.status { actions.append(.updateStatus(sync.status)) }
        actions += events
        if let delay = sync.requeue { actions.append(.requeue(after: delay)) }
        return actions
    }

    /// Every pod this Job owns after adoption and release (terminal ones included: they are counted).
    static func claim(_ job: Job, pods: [Pod], selector: Selector, actions: inout [JobAction]) -> [Pod] {
        let uid = job.metadata.uid ?? ""
        let ref = ControllerRefClaim.controllerRef(kind: .job, meta: job.metadata)
        var owned: [Pod] = []
        for pod in pods where pod.namespace == job.namespace {
            switch ControllerRefClaim.decide(ownerUID: uid, ownerDeleting: false, meta: pod.metadata,
                                             matches: selector.matches(pod.labels)) {
            case .keep:
                owned.append(pod)
            case .adopt:
                var adopted = pod
                adopted.metadata = ControllerRefClaim.adopting(pod.metadata, ref: ref)
                actions.append(.updatePod(adopted))
                owned.append(adopted)
            case .release:
                var released = pod
                released.metadata = ControllerRefClaim.releasing(pod.metadata, ownerUID: uid)
                actions.append(.updatePod(released))
            case .ignore:
                break
            }
        }
        return owned
    }

    static func count(_ pods: [Pod]) -> PodCounts {
        var counts = PodCounts()
        for pod in pods {
            switch pod.status.phase {
            case "Succeeded": counts.succeeded.append(pod)
            case "Failed": counts.failed.append(pod)
            default:
                if pod.metadata.deletionTimestamp != nil {
                    counts.terminating.append(pod)
                } else {
                    counts.active.append(pod)
                }
            }
        }
        return counts
    }

    /// `0-2,4,6-7`: sorted indexes as upstream writes `completedIndexes`.
    static func intervals(_ indexes: Set<Int>) -> String {
        var parts: [String] = []
        var sorted = indexes.sorted()[...]
        while let first = sorted.first {
            var last = first
            sorted = sorted.dropFirst()
            while sorted.first == last + 1 {
                last += 1
                sorted = sorted.dropFirst()
            }
            parts.append(first == last ? String(first) : "\(first)-\(last)")
        }
        return parts.joined(separator: ",")
    }

    /// When the last failed pod finished: its containers' latest `finishedAt`, else its `Ready` condition's change.
    static func finishTime(_ pod: Pod) -> Date? {
        let statuses = (pod.status.containerStatuses ?? []) + (pod.status.initContainerStatuses ?? [])
        let finished = statuses.compactMap { $0.state?.terminated?.finishedAt.flatMap(Timestamp.parse) }
        if let latest = finished.max() { return latest }
        return pod.status.condition("Ready")?.lastTransitionTime.flatMap(Timestamp.parse)
    }
}
