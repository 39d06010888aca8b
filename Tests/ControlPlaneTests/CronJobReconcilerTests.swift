import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The CronJob controller's decisions, driven by a given clock.
@Suite struct CronJobReconcilerTests {
    static let utc = TimeZone(identifier: "UTC")!
    /// 2027-01-15T08:00:00Z, a minute boundary.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 60))

    static func cronJob(_ schedule: String = "* * * * *", _ edit: (inout CronJob) -> Void = { _ in }) -> CronJob {
        var cronJob = JobValidationTests.cronJob(schedule, edit)
        cronJob.metadata.uid = "cj-uid"
        cronJob.metadata.creationTimestamp = Timestamp.format(t0 - 30)
        return cronJob
    }

    static func reconcile(_ cronJob: CronJob, jobs: [Job] = [], at now: Date) -> [CronJobAction] {
        CronJobReconciler.reconcile(cronJob, jobs: jobs, now: now, defaultZone: utc)
    }

    static func created(_ actions: [CronJobAction]) -> [Job] {
        actions.compactMap { if case .createJob(let job) = $0 { job } else { nil } }
    }

    static func status(_ actions: [CronJobAction]) -> CronJobStatus? {
        actions.compactMap { if case .updateStatus(let status) = $0 { status } else { nil } }.last
    }

    /// A Job of `cronJob` as the API server would store it, finished as `condition` says.
    static func job(of cronJob: CronJob, at scheduled: Date, condition: String? = nil) -> Job {
        var job = CronJobReconciler.job(
            from: cronJob, name: CronJobReconciler.jobName(cronJob.name, scheduled: scheduled), scheduled: scheduled,
            zone: utc)
        job.metadata.uid = "uid-\(job.name)"
        job.status.startTime = Timestamp.format(scheduled)
        if let condition {
            job.status.conditions = [JobCondition(type: condition, status: "True")]
            if condition == "Complete" { job.status.completionTime = Timestamp.format(scheduled + 10) }
        }
        return job
    }

    @Test func startsTheJobOfTheLatestScheduledTime() {
        let cronJob = Self.cronJob()
        // Before the first minute boundary after creation: nothing, requeue for it.
        let early = Self.reconcile(cronJob, at: Self.t0 - 10)
        #expect(Self.created(early).isEmpty)
        #expect(early.contains(.requeue(after: .milliseconds(10_100))))
        let actions = Self.reconcile(cronJob, at: Self.t0 + 2)
        let jobs = Self.created(actions)
        #expect(jobs.map(\.name) == ["hello-\(Int(Self.t0.timeIntervalSince1970) / 60)"])
        #expect(jobs[0].metadata.ownerReferences?.first?.kind == "CronJob")
        #expect(jobs[0].metadata.ownerReferences?.first?.controller == true)
        #expect(jobs[0].metadata.annotations?[CronJob.scheduledTimestampAnnotation] == "2027-01-15T08:00:00Z")
        #expect(jobs[0].spec == cronJob.spec.jobTemplate.spec)
        #expect(Self.status(actions)?.lastScheduleTime == Timestamp.format(Self.t0))
        #expect(actions.contains(.requeue(after: .milliseconds(58_100))))
    }

    @Test func activeJobsAndTheirCompletion() {
        var cronJob = Self.cronJob()
        let running = Self.job(of: cronJob, at: Self.t0)
        cronJob.status.lastScheduleTime = Timestamp.format(Self.t0)
        // A running Job of ours that the status does not list yet joins it.
        let joined = Self.status(Self.reconcile(cronJob, jobs: [running], at: Self.t0 + 5))
        #expect(joined?.active?.map(\.name) == [running.name])
        cronJob.status = joined ?? cronJob.status
        let done = Self.job(of: cronJob, at: Self.t0, condition: "Complete")
        let actions = Self.reconcile(cronJob, jobs: [done], at: Self.t0 + 20)
        #expect(Self.status(actions)?.active == nil)
        #expect(Self.status(actions)?.lastSuccessfulTime == Timestamp.format(Self.t0 + 10))
        #expect(actions.contains(.event(type: "Normal", reason: "SawCompletedJob",
                                        message: "Saw completed job: \(done.name), condition: Complete")))
        // A listed Job that is gone is dropped.
        let missing = Self.reconcile(cronJob, jobs: [], at: Self.t0 + 20)
        #expect(Self.status(missing)?.active == nil)
        #expect(missing.contains { if case .event(_, "MissingJob", _) = $0 { true } else { false } })
    }

    @Test func concurrencyPolicies() {
        var forbid = Self.cronJob { $0.spec.concurrencyPolicy = "Forbid" }
        let running = Self.job(of: forbid, at: Self.t0)
        forbid.status.lastScheduleTime = Timestamp.format(Self.t0)
        forbid.status.active = [CronJobReconciler.reference(to: running)]
        let skipped = Self.reconcile(forbid, jobs: [running], at: Self.t0 + 61)
        #expect(Self.created(skipped).isEmpty)
        #expect(skipped.contains { if case .event(_, "JobAlreadyActive", _) = $0 { true } else { false } })

        var replace = forbid
        replace.spec.concurrencyPolicy = "Replace"
        let replaced = Self.reconcile(replace, jobs: [running], at: Self.t0 + 61)
        #expect(replaced.contains(.deleteJob(name: running.name)))
        #expect(Self.created(replaced).count == 1)
        #expect(Self.status(replaced)?.active == nil)

        var allow = forbid
        allow.spec.concurrencyPolicy = "Allow"
        #expect(Self.created(Self.reconcile(allow, jobs: [running], at: Self.t0 + 61)).count == 1)
    }

    @Test func suspendedStartingDeadlineAndMissedTimes() {
        let suspended = Self.cronJob { $0.spec.suspend = true }
        #expect(Self.created(Self.reconcile(suspended, at: Self.t0 + 600)).isEmpty)
        // Ten minutes late with a 30 s deadline: the latest time is still within it, so it runs.
        let late = Self.cronJob { $0.spec.startingDeadlineSeconds = 30 }
        #expect(Self.created(Self.reconcile(late, at: Self.t0 + 600 + 20)).count == 1)
        // Past the deadline of every missed time: nothing.
        #expect(Self.created(Self.reconcile(late, at: Self.t0 + 600 + 45)).isEmpty)
        // Without a deadline, only the latest missed time runs.
        let missed = Self.created(Self.reconcile(Self.cronJob(), at: Self.t0 + 600 + 45))
        #expect(missed.map(\.name) == ["hello-\(Int(Self.t0.timeIntervalSince1970) / 60 + 10)"])
    }

    @Test func historyLimits() {
        let cronJob = Self.cronJob { $0.spec.successfulJobsHistoryLimit = 1; $0.spec.failedJobsHistoryLimit = 0 }
        let jobs = [
            Self.job(of: cronJob, at: Self.t0, condition: "Complete"),
            Self.job(of: cronJob, at: Self.t0 + 60, condition: "Complete"),
            Self.job(of: cronJob, at: Self.t0 + 120, condition: "Failed"),
        ]
        let actions = Self.reconcile(cronJob, jobs: jobs, at: Self.t0 + 150)
        let deleted = actions.compactMap { if case .deleteJob(let name) = $0 { name } else { nil } }
        #expect(deleted == [jobs[0].name, jobs[2].name])
    }
}
