import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``CronJobReconciler``: starts each CronJob's Jobs at their scheduled times and keeps its status. The
/// clock and the default time zone are parameters, so tests can drive time.
struct CronJobController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }
    /// The zone of schedules without `timeZone`: the controller manager's, as upstream.
    var defaultZone: TimeZone = .current

    var name: String { "cronjob-controller" }
    var watchedKinds: [ResourceKind] { [.cronJob, .job] }

    func keys(for event: InformerEvent) async -> [String] {
        if event.kind == .cronJob { return [event.key] }
        return OwnerKeys.controllerKey(of: event.object, ownerKind: ResourceKind.cronJob.kind).map { [$0] } ?? []
    }

    func initialKeys() async -> [String] {
        client.informers.cronJobs.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let cronJob = client.cached(CronJob.self, namespace: namespace, name: name) else { return nil }
        let jobs = client.cachedList(Job.self, namespace: namespace)
        var created: [ObjectReference] = []
        var requeue: Duration?
        for action in CronJobReconciler.reconcile(cronJob, jobs: jobs, now: now(), defaultZone: defaultZone) {
            switch action {
            case .createJob(let job):
                do {
                    let stored = try await client.create(job, namespace: namespace)
                    created.append(CronJobReconciler.reference(to: stored))
                    await recorder.record(.to(cronJob), type: "Normal", reason: "SuccessfulCreate",
                                          message: "Created job \(stored.name)")
                } catch let status as Status where status.reason == .alreadyExists {
                    // Someone else created it; the next sync finds it among the Jobs.
                } catch {
                    await recorder.record(.to(cronJob), type: "Warning", reason: "FailedCreate",
                                          message: "Error creating job: \(error)")
                    throw error
                }
            case .deleteJob(let jobName):
                try await client.delete(.job, namespace: namespace, name: jobName, propagationPolicy: "Background")
                await recorder.record(.to(cronJob), type: "Normal", reason: "SuccessfulDelete",
                                      message: "Deleted job \(jobName)")
            case .updateStatus(var status):
                if !created.isEmpty { status.active = (status.active ?? []) + created }
                var updated = cronJob
                updated.status = status
                try await client.updateStatus(updated)
            case .event(let type, let reason, let message):
                await recorder.record(.to(cronJob), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }
}
