import Foundation
import KubeAPI
import Wire

/// The state of one Job sync (see ``JobReconciler``): the status being computed and the actions decided so far.
struct JobSync {
    let job: Job
    let counts: JobReconciler.PodCounts
    let now: Date
    var status: JobStatus
    var actions: [JobAction] = []
    var requeue: Duration?

    private var nowText: String { Timestamp.format(now) }
    private var parallelism: Int { Int(max(0, job.spec.parallelism ?? 1)) }
    private var isIndexed: Bool { job.spec.completionMode == "Indexed" }

    init(job: Job, counts: JobReconciler.PodCounts, now: Date) {
        self.job = job
        self.counts = counts
        self.now = now
        self.status = job.status
    }

    mutating func run() {
        let succeededIndexes = self.succeededIndexes()
        status.succeeded = nonZero(max(Int(job.status.succeeded ?? 0),
                                       isIndexed ? succeededIndexes.count : counts.succeeded.count))
        let failures = PodFailurePolicyMatcher.evaluate(job.spec.podFailurePolicy, failed: counts.failed)
        status.failed = nonZero(max(Int(job.status.failed ?? 0), failures.counted))
        if isIndexed { status.completedIndexes = JobReconciler.intervals(succeededIndexes) }
        status.terminating = Int32(counts.terminating.count)
        if status.uncountedTerminatedPods == nil { status.uncountedTerminatedPods = UncountedTerminatedPods() }
        var active = counts.active
        if job.spec.suspend == true {
            suspend(&active)
        } else {
            resumeIfSuspended()
            if status.startTime == nil { status.startTime = nowText }
            let policyFailure = failures.failJobMessage.map { (reason: "PodFailurePolicy", message: $0) }
            if let failure = pendingFailure() ?? policyFailure ?? failureReason(active: active) {
                fail(failure, active: &active)
            } else if let rule = successPolicyRule(succeededIndexes) {
                complete(&active, reason: "SuccessPolicy", message: "Matched rules at index \(rule)")
            } else if hasCondition("SuccessCriteriaMet") || succeeded(succeededIndexes) {
                let reached = JobReconciler.completionsReached
                complete(&active, reason: reached.reason, message: reached.message)
            } else {
                manage(&active, succeededIndexes: succeededIndexes)
                scheduleDeadline()
            }
        }
        status.active = Int32(active.count) + Int32(actions.filter { if case .createPod = $0 { true } else { false } }.count)
        status.ready = Int32(active.filter(\.isReady).count)
        if status.active == 0 { status.active = nil }
    }

    // MARK: - Suspension

    private mutating func suspend(_ active: inout [Pod]) {
        deleteAll(&active)
        if !hasCondition("Suspended") {
            setCondition("Suspended", "True", reason: "JobSuspended", message: "Job suspended")
            // Suspending resets the clock of activeDeadlineSeconds.
            status.startTime = nil
            actions.append(.event(type: "Normal", reason: "Suspended", message: "Job suspended"))
        }
    }

    private mutating func resumeIfSuspended() {
        guard hasCondition("Suspended") else { return }
        setCondition("Suspended", "False", reason: "JobResumed", message: "Job resumed")
        status.startTime = nowText
        actions.append(.event(type: "Normal", reason: "Resumed", message: "Job resumed"))
    }

    // MARK: - Failure

    private func pendingFailure() -> (reason: String, message: String)? {
        guard let target = status.conditions?.first(where: { $0.type == "FailureTarget" && $0.status == "True" })
        else { return nil }
        return (target.reason ?? "", target.message ?? "")
    }

    /// `BackoffLimitExceeded` when more pods failed than `backoffLimit` allows (under `OnFailure`, container
    /// restarts of the active pods count as failures too); `DeadlineExceeded` once `activeDeadlineSeconds` passed.
    private func failureReason(active: [Pod]) -> (reason: String, message: String)? {
        let limit = Int(job.spec.backoffLimit ?? 6)
        var failures = Int(status.failed ?? 0)
        if job.spec.template.spec.restartPolicy == "OnFailure" {
            failures += active.reduce(0) { total, pod in
                total + (pod.status.containerStatuses ?? []).reduce(0) { $0 + Int($1.restartCount) }
                    + (pod.status.initContainerStatuses ?? []).reduce(0) { $0 + Int($1.restartCount) }
            }
        }
        if failures > limit { return JobReconciler.backoffLimitExceeded }
        if let deadline = deadline(), now >= deadline { return JobReconciler.deadlineExceeded }
        return nil
    }

    private mutating func fail(_ failure: (reason: String, message: String), active: inout [Pod]) {
        if !hasCondition("FailureTarget") {
            setCondition("FailureTarget", "True", reason: failure.reason, message: failure.message)
        }
        let stopping = !active.isEmpty || !counts.terminating.isEmpty
        deleteAll(&active)
        guard !stopping else { return }
        setCondition("Failed", "True", reason: failure.reason, message: failure.message)
        actions.append(.event(type: "Warning", reason: failure.reason, message: failure.message))
    }

    // MARK: - Success

    private func succeeded(_ succeededIndexes: Set<Int>) -> Bool {
        if isIndexed { return succeededIndexes.count >= Int(job.spec.completions ?? 0) }
        let succeeded = Int(status.succeeded ?? 0)
        guard let completions = job.spec.completions else { return succeeded > 0 && counts.active.isEmpty }
        return succeeded >= Int(completions)
    }

    /// The first success policy rule an Indexed Job meets, once (a met one is kept in `SuccessCriteriaMet`).
    private func successPolicyRule(_ succeededIndexes: Set<Int>) -> Int? {
        guard isIndexed, let policy = job.spec.successPolicy else { return nil }
        if let met = status.conditions?.first(where: { $0.type == "SuccessCriteriaMet" && $0.status == "True" }) {
            guard met.reason == "SuccessPolicy" else { return nil }
            return Int((met.message ?? "").split(separator: " ").last ?? "") ?? 0
        }
        return SuccessPolicyMatcher.match(policy, succeeded: succeededIndexes, completions: Int(job.spec.completions ?? 0))
    }

    /// `SuccessCriteriaMet`, the remaining pods stopped, then (once none is left) `Complete` and `completionTime`.
    private mutating func complete(_ active: inout [Pod], reason: String, message: String) {
        if !hasCondition("SuccessCriteriaMet") {
            setCondition("SuccessCriteriaMet", "True", reason: reason, message: message)
        }
        let stopping = !active.isEmpty || !counts.terminating.isEmpty
        deleteAll(&active)
        guard !stopping else { return }
        setCondition("Complete", "True", reason: reason, message: message)
        status.completionTime = nowText
        actions.append(.event(type: "Normal", reason: "Completed", message: "Job completed"))
    }

    // MARK: - Pods

    private func succeededIndexes() -> Set<Int> {
        guard isIndexed else { return [] }
        let completions = Int(job.spec.completions ?? 0)
        var indexes = Set(counts.succeeded.compactMap { JobPodFactory.index(of: $0, completions: completions) })
        for part in (job.status.completedIndexes ?? "").split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if let low = bounds.first, let high = bounds.last, low <= high, high < completions {
                indexes.formUnion(low...high)
            }
        }
        return indexes
    }

    /// Creates the missing pods (after the failure backoff) or deletes the excess.
    private mutating func manage(_ active: inout [Pod], succeededIndexes: Set<Int>) {
        let replacementWaits = job.spec.podReplacementPolicy == "Failed"
        let occupying = active.count + (replacementWaits ? counts.terminating.count : 0)
        let wanted: Int
        if isIndexed {
            wanted = min(parallelism, max(0, Int(job.spec.completions ?? 0) - succeededIndexes.count))
        } else if let completions = job.spec.completions {
            wanted = min(parallelism, max(0, Int(completions) - Int(status.succeeded ?? 0)))
        } else {
            // After a first success, whatever runs is left to finish and nothing new starts.
            wanted = (status.succeeded ?? 0) > 0 ? active.count : parallelism
        }
        if occupying > wanted {
            let victims = PodDeletionOrder.victims(active, count: min(occupying - wanted, JobReconciler.burst),
                                                   related: active)
            for victim in victims { actions.append(.deletePod(name: victim.name)) }
            active.removeAll { pod in victims.contains { $0.name == pod.name } }
            return
        }
        let missing = min(wanted - occupying, JobReconciler.burst)
        guard missing > 0 else { return }
        if let wait = backoffRemaining(), wait > 0 {
            requeueAfter(wait)
            return
        }
        if isIndexed {
            let completions = Int(job.spec.completions ?? 0)
            let taken = Set((active + (replacementWaits ? counts.terminating : []))
                .compactMap { JobPodFactory.index(of: $0, completions: completions) })
            let pending = (0..<completions).filter { !succeededIndexes.contains($0) && !taken.contains($0) }
            for index in pending.prefix(missing) {
                actions.append(.createPod(JobPodFactory.pod(for: job, index: index)))
            }
        } else {
            let pod = JobPodFactory.pod(for: job)
            actions += Array(repeating: .createPod(pod), count: missing)
        }
    }

    /// Seconds until a replacement pod may start: 10 s after the last failure, doubled per failure since the last
    /// success (at most 6 min); nil without failures.
    private func backoffRemaining() -> TimeInterval? {
        let lastSuccess = counts.succeeded.compactMap(JobReconciler.finishTime).max()
        let failures = counts.failed.compactMap(JobReconciler.finishTime).filter { lastSuccess == nil || $0 > lastSuccess! }
        guard let lastFailure = failures.max() else { return nil }
        let delay = min(JobReconciler.initialBackoff * pow(2, Double(failures.count - 1)), JobReconciler.maxBackoff)
        return lastFailure.addingTimeInterval(delay).timeIntervalSince(now)
    }

    // MARK: - Helpers

    private func deadline() -> Date? {
        guard let seconds = job.spec.activeDeadlineSeconds, let start = status.startTime.flatMap(Timestamp.parse)
        else { return nil }
        return start.addingTimeInterval(TimeInterval(seconds))
    }

    private mutating func scheduleDeadline() {
        guard let deadline = deadline() else { return }
        requeueAfter(deadline.timeIntervalSince(now))
    }

    private mutating func requeueAfter(_ seconds: TimeInterval) {
        let delay = Duration.milliseconds(Int64(max(0, seconds) * 1000) + 100)
        requeue = min(requeue ?? delay, delay)
    }

    private mutating func deleteAll(_ active: inout [Pod]) {
        for pod in active.prefix(JobReconciler.burst) { actions.append(.deletePod(name: pod.name)) }
        active.removeAll()
    }

    private func hasCondition(_ type: String) -> Bool {
        (status.conditions ?? []).contains { $0.type == type && $0.status == "True" }
    }

    /// Adds or changes the condition `type`; a condition whose status changes gets new times.
    private mutating func setCondition(_ type: String, _ value: String, reason: String, message: String) {
        var conditions = status.conditions ?? []
        let condition = JobCondition(
            type: type, status: value, lastProbeTime: nowText, lastTransitionTime: nowText, reason: reason,
            message: message)
        if let index = conditions.firstIndex(where: { $0.type == type }) {
            if conditions[index].status == value { return }
            conditions[index] = condition
        } else {
            conditions.append(condition)
        }
        status.conditions = conditions
    }

    private func nonZero(_ value: Int) -> Int32? { value == 0 ? nil : Int32(value) }
}
