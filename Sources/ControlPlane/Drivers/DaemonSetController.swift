import Foundation
import KubeAPI
import Logging
import Synchronization
import Wire

/// Drives ``DaemonSetReconciler``: reads the DaemonSet's world from the informers, reconciles, and applies the
/// actions in order through the client, emitting the pod-control events (`SuccessfulCreate`, `SuccessfulDelete`, ...).
struct DaemonSetController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    let now: @Sendable () -> Date
    let logger: Logger
    private let backoff = LockedValue(FailedPodBackoff())

    init(client: ControllerClient, recorder: EventRecorder, now: @escaping @Sendable () -> Date = { Date() },
         logger: Logger) {
        self.client = client
        self.recorder = recorder
        self.now = now
        self.logger = logger
    }

    var name: String { "daemonset-controller" }
    var watchedKinds: [ResourceKind] { [.daemonSet, .pod, .node, .controllerRevision] }

    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .daemonSet:
            return [event.key]
        case .pod, .controllerRevision:
            return OwnerKeys.owners(of: event.object, in: client.informers.daemonSets) { $0.spec.selector }
        default:
            return await initialKeys()
        }
    }

    func initialKeys() async -> [String] {
        client.informers.daemonSets.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let daemonSet = client.cached(DaemonSet.self, namespace: namespace, name: name) else { return nil }
        let snapshot = DaemonSetSnapshot(
            daemonSet: daemonSet, nodes: client.cachedList(Node.self),
            pods: client.cachedList(Pod.self, namespace: namespace),
            revisions: client.cachedList(ControllerRevision.self, namespace: namespace), now: now())
        let actions = backoff.withLock { DaemonSetReconciler.reconcile(snapshot, backoff: &$0) }
        var requeue: Duration?
        for action in actions {
            switch action {
            case .createRevision(let revision):
                do { try await client.create(revision, namespace: namespace) } catch let status as Status
                    where status.reason == .alreadyExists {}
            case .updateRevision(let revision):
                try await client.update(revision)
            case .deleteRevision(let revisionName):
                try await client.delete(.controllerRevision, namespace: namespace, name: revisionName)
            case .createPod(let pod):
                await createPod(pod, for: daemonSet)
            case .deletePod(let podName):
                await deletePod(podName, for: daemonSet)
            case .updatePod(let pod):
                try await client.update(pod)
            case .updateStatus(let status):
                try await updateStatus(status, of: daemonSet)
            case .event(let type, let reason, let message):
                await recorder.record(.to(daemonSet), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }

    private func createPod(_ pod: Pod, for daemonSet: DaemonSet) async {
        do {
            let created = try await client.create(pod, namespace: daemonSet.metadata.namespace)
            await recorder.record(.to(daemonSet), type: "Normal", reason: "SuccessfulCreate",
                                  message: "Created pod: \(created.name)")
        } catch {
            await recorder.record(.to(daemonSet), type: "Warning", reason: "FailedCreate",
                                  message: "Error creating: \(error)")
        }
    }

    private func deletePod(_ name: String, for daemonSet: DaemonSet) async {
        do {
            try await client.delete(.pod, namespace: daemonSet.metadata.namespace, name: name)
            await recorder.record(.to(daemonSet), type: "Normal", reason: "SuccessfulDelete",
                                  message: "Deleted pod: \(name)")
        } catch {
            await recorder.record(.to(daemonSet), type: "Warning", reason: "FailedDelete",
                                  message: "Error deleting: \(error)")
        }
    }

    /// Writes the status; one retry on conflict with the newest object, as the upstream controller does.
    private func updateStatus(_ status: DaemonSetStatus, of daemonSet: DaemonSet) async throws {
        var updated = daemonSet
        updated.status = status
        do {
            try await client.updateStatus(updated)
        } catch let failure as Status where failure.reason == .conflict {
            guard var fresh = try await client.fresh(DaemonSet.self, namespace: daemonSet.metadata.namespace,
                                                     name: daemonSet.name) else { return }
            fresh.status = status
            try await client.updateStatus(fresh)
        }
    }
}
