import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``JobReconciler``: runs each Job's pods to completion and keeps its status and conditions current.
struct JobController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "job-controller" }
    var watchedKinds: [ResourceKind] { [.job, .pod] }

    func keys(for event: InformerEvent) async -> [String] {
        if event.kind == .job { return [event.key] }
        return OwnerKeys.owners(of: event.object, in: client.informers.jobs) { $0.spec.selector }
    }

    func initialKeys() async -> [String] {
        client.informers.jobs.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let job = client.cached(Job.self, namespace: namespace, name: name) else { return nil }
        let pods = client.cachedList(Pod.self, namespace: namespace)
        var requeue: Duration?
        for action in JobReconciler.reconcile(job, pods: pods, now: now()) {
            switch action {
            case .createPod(let pod):
                do {
                    let created = try await client.create(pod, namespace: namespace)
                    await recorder.record(.to(job), type: "Normal", reason: "SuccessfulCreate",
                                          message: "Created pod: \(created.name)")
                } catch {
                    await recorder.record(.to(job), type: "Warning", reason: "FailedCreate",
                                          message: "Error creating: \(error)")
                }
            case .deletePod(let podName):
                try await client.delete(.pod, namespace: namespace, name: podName)
                await recorder.record(.to(job), type: "Normal", reason: "SuccessfulDelete",
                                      message: "Deleted pod: \(podName)")
            case .updatePod(let pod):
                try await client.update(pod)
            case .updateStatus(let status):
                var updated = job
                updated.status = status
                try await client.updateStatus(updated)
            case .event(let type, let reason, let message):
                await recorder.record(.to(job), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }
}
