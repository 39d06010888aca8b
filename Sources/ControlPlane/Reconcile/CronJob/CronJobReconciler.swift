import Foundation
import KubeAPI
import Wire

/// The CronJob controller's decision logic (upstream `pkg/controller/cronjob/cronjob_controllerv2.go`,
/// `syncCronJob` and `cleanupFinishedJobs`), as a pure function of the CronJob, its Jobs and the time.
///
/// One sync: bring `status.active` in line with the Jobs (finished ones leave it, `lastSuccessfulTime` follows the
/// latest completion, missing ones are dropped); delete the oldest finished Jobs beyond the history limits; then,
/// unless suspended, find the most recent scheduled time not yet run (since `lastScheduleTime`, or creation, and
/// within `startingDeadlineSeconds`) and start its Job `<name>-<minutes since the epoch>` as the concurrency policy
/// allows (`Forbid` skips while a Job runs, `Replace` deletes the running ones first); requeue for the next time.
enum CronJobReconciler {
    /// Upstream warns when more start times than this were missed.
    static let tooManyMissed = 100

    /// One sync of `cronJob`.
    /// - Parameters:
    ///   - jobs: every Job in the CronJob's namespace.
    ///   - now: the current time.
    ///   - defaultZone: the zone of a schedule without `timeZone` (the controller manager's).
    static func reconcile(_ cronJob: CronJob, jobs: [Job], now: Date, defaultZone: TimeZone) -> [CronJobAction] {
        guard cronJob.metadata.deletionTimestamp == nil else { return [] }
        let uid = cronJob.metadata.uid ?? ""
        let owned = jobs.filter { $0.metadata.controllerRef?.uid == uid && $0.namespace == cronJob.namespace }
        var actions: [CronJobAction] = []
        var status = cronJob.status
        reconcileActive(&status, owned: owned, actions: &actions)
        actions += cleanupFinished(cronJob, owned: owned)
        func finish(requeue: Duration?) -> [CronJobAction] {
            var result = actions.filter { if case .event = $0 { false } else { true } }
            if status != cronJob.status { result.append(.updateStatus(status)) }
            result += actions.filter { if case .event = $0 { true } else { false } }
            if let requeue { result.append(.requeue(after: requeue)) }
            return result
        }
        if cronJob.spec.suspend == true { return finish(requeue: nil) }
        let schedule: CronSchedule
        do {
            schedule = try CronSchedule.parse(cronJob.spec.schedule)
        } catch {
            actions.append(.event(type: "Warning", reason: "UnparseableSchedule",
                                  message: "unparseable schedule: \(GoQuote.quote(cronJob.spec.schedule)) : \(error)"))
            return finish(requeue: nil)
        }
        var zone = defaultZone
        if let name = cronJob.spec.timeZone {
            guard let named = TimeZone(identifier: name) else {
                actions.append(.event(type: "Warning", reason: "UnknownTimeZone", message: "invalid timeZone: \(GoQuote.quote(name))"))
                return finish(requeue: nil)
            }
            zone = named
        }
        let next = schedule.next(after: now, in: zone)
        let requeue = next.map { Duration.milliseconds(Int64($0.timeIntervalSince(now) * 1000) + 100) }
        let (scheduled, missed) = mostRecentScheduleTime(cronJob, schedule: schedule, zone: zone, now: now)
        guard let scheduled else { return finish(requeue: requeue) }
        if missed > tooManyMissed {
            actions.append(.event(
                type: "Warning", reason: "TooManyMissedTimes",
                message: "too many missed start times: \(missed). Set or decrease .spec.startingDeadlineSeconds or check clock skew"))
        }
        if let deadline = cronJob.spec.startingDeadlineSeconds,
            scheduled.addingTimeInterval(TimeInterval(deadline)) < now
        {
            actions.append(.event(type: "Warning", reason: "MissSchedule",
                                  message: "Missed scheduled time to start a job: \(rfc3339(scheduled, in: zone))"))
            return finish(requeue: requeue)
        }
        let jobName = self.jobName(cronJob.name, scheduled: scheduled)
        let alreadyRun = owned.contains { $0.name == jobName }
            || (status.active ?? []).contains { $0.name == jobName }
            || status.lastScheduleTime.flatMap(Timestamp.parse).map { $0 >= scheduled } == true
        if alreadyRun {
            // A Job created by a sync whose status write failed: record its time now.
            if status.lastScheduleTime.flatMap(Timestamp.parse).map({ $0 < scheduled }) ?? true {
                status.lastScheduleTime = Timestamp.format(scheduled)
            }
            return finish(requeue: requeue)
        }
        let running = status.active ?? []
        switch cronJob.spec.concurrencyPolicy ?? "Allow" {
        case "Forbid" where !running.isEmpty:
            actions.append(.event(
                type: "Normal", reason: "JobAlreadyActive",
                message: "Not starting job because prior execution is running and concurrency policy is Forbid"))
            return finish(requeue: requeue)
        case "Replace":
            for ref in running { actions.append(.deleteJob(name: ref.name ?? "")) }
            status.active = nil
        default:
            break
        }
        actions.append(.createJob(job(from: cronJob, name: jobName, scheduled: scheduled, zone: zone)))
        status.lastScheduleTime = Timestamp.format(scheduled)
        return finish(requeue: requeue)
    }

    /// `<cronjob>-<scheduled time in minutes since the epoch>`.
    static func jobName(_ cronJobName: String, scheduled: Date) -> String {
        "\(cronJobName)-\(Int64(scheduled.timeIntervalSince1970) / 60)"
    }

    /// The Job for one scheduled time: the template's labels, annotations and spec, the scheduled-timestamp
    /// annotation, and the CronJob as controller owner.
    static func job(from cronJob: CronJob, name: String, scheduled: Date, zone: TimeZone) -> Job {
        let template = cronJob.spec.jobTemplate
        var annotations = template.metadata.annotations ?? [:]
        annotations[CronJob.scheduledTimestampAnnotation] = rfc3339(scheduled, in: zone)
        let meta = ObjectMeta(
            name: name, namespace: cronJob.metadata.namespace, labels: template.metadata.labels,
            annotations: annotations,
            ownerReferences: [ControllerRefClaim.controllerRef(kind: .cronJob, meta: cronJob.metadata)])
        return Job(metadata: meta, spec: template.spec)
    }

    /// The latest scheduled time at or before `now` after the earliest time considered (`lastScheduleTime`, else
    /// the creation time; no earlier than `now - startingDeadlineSeconds`), and how many were missed.
    static func mostRecentScheduleTime(
        _ cronJob: CronJob, schedule: CronSchedule, zone: TimeZone, now: Date
    ) -> (Date?, Int) {
        guard var earliest = (cronJob.status.lastScheduleTime ?? cronJob.metadata.creationTimestamp)
            .flatMap(Timestamp.parse)
        else { return (nil, 0) }
        if let deadline = cronJob.spec.startingDeadlineSeconds {
            earliest = max(earliest, now.addingTimeInterval(-TimeInterval(deadline)))
        }
        var latest: Date?
        var missed = 0
        var cursor = earliest
        while missed < 100_000, let next = schedule.next(after: cursor, in: zone), next <= now {
            latest = next
            missed += 1
            cursor = next
        }
        return (latest, missed)
    }

    /// Finished Jobs leave `active` (`SawCompletedJob`), unknown running ones join it, missing ones are dropped
    /// (`MissingJob`); `lastSuccessfulTime` is the latest completion.
    static func reconcileActive(_ status: inout CronJobStatus, owned: [Job], actions: inout [CronJobAction]) {
        var active = status.active ?? []
        for job in owned {
            let listed = active.contains { $0.uid == job.metadata.uid }
            if job.isFinished {
                if listed {
                    active.removeAll { $0.uid == job.metadata.uid }
                    let condition = job.hasCondition("Complete") ? "Complete" : "Failed"
                    actions.append(.event(type: "Normal", reason: "SawCompletedJob",
                                          message: "Saw completed job: \(job.name), condition: \(condition)"))
                }
                if job.hasCondition("Complete"), let completed = job.status.completionTime.flatMap(Timestamp.parse),
                    status.lastSuccessfulTime.flatMap(Timestamp.parse).map({ $0 < completed }) ?? true
                {
                    status.lastSuccessfulTime = Timestamp.format(completed)
                }
            } else if !listed && job.metadata.deletionTimestamp == nil {
                active.append(reference(to: job))
            }
        }
        for ref in active where !owned.contains(where: { $0.metadata.uid == ref.uid }) {
            actions.append(.event(type: "Normal", reason: "MissingJob", message: "Active job went missing: \(ref.name ?? "")"))
        }
        active.removeAll { ref in !owned.contains { $0.metadata.uid == ref.uid } }
        status.active = active.isEmpty ? nil : active
    }

    /// Deletes the oldest finished Jobs beyond `successfulJobsHistoryLimit` and `failedJobsHistoryLimit`.
    static func cleanupFinished(_ cronJob: CronJob, owned: [Job]) -> [CronJobAction] {
        func oldestBeyond(_ limit: Int32?, _ jobs: [Job]) -> [Job] {
            guard let limit, jobs.count > Int(limit) else { return [] }
            let sorted = jobs.sorted { a, b in
                let ta = a.status.startTime ?? a.metadata.creationTimestamp ?? ""
                let tb = b.status.startTime ?? b.metadata.creationTimestamp ?? ""
                return ta == tb ? a.name < b.name : ta < tb
            }
            return Array(sorted.prefix(jobs.count - Int(limit)))
        }
        let live = owned.filter { $0.metadata.deletionTimestamp == nil }
        let succeeded = live.filter { $0.hasCondition("Complete") }
        let failed = live.filter { $0.hasCondition("Failed") }
        return (oldestBeyond(cronJob.spec.successfulJobsHistoryLimit, succeeded)
            + oldestBeyond(cronJob.spec.failedJobsHistoryLimit, failed)).map { .deleteJob(name: $0.name) }
    }

    /// An `active` entry for `job`.
    static func reference(to job: Job) -> ObjectReference {
        ObjectReference(
            kind: "Job", namespace: job.metadata.namespace, name: job.name, uid: job.metadata.uid,
            apiVersion: "batch/v1", resourceVersion: job.metadata.resourceVersion)
    }

    /// Go's `time.RFC3339` in `zone`: `2026-01-02T03:04:00Z`, or with the zone's offset.
    static func rfc3339(_ date: Date, in zone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
