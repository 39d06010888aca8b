import Foundation
import KubeAPI
import Logging
import Synchronization
import Wire

/// Drives ``DaemonSetReconciler``: reads the DaemonSet's world from the store, reconciles, and applies the actions
/// in order through the API server, emitting the pod-control events (`SuccessfulCreate`, `SuccessfulDelete`, ...).
struct DaemonSetController: Controller {
    let client: InternalClient
    let recorder: EventRecorder
    let now: @Sendable () -> Date
    let logger: Logger
    private let backoff = LockedValue(FailedPodBackoff())

    init(client: InternalClient, recorder: EventRecorder, now: @escaping @Sendable () -> Date = { Date() },
         logger: Logger) {
        self.client = client
        self.recorder = recorder
        self.now = now
        self.logger = logger
    }

    var name: String { "daemonset-controller" }
    var watchedKinds: [ResourceKind] { [.daemonSet, .pod, .node, .controllerRevision] }

    func keys(for event: StoreEvent) async -> [String] {
        switch event.key.kind {
        case ResourceKind.daemonSet.kind:
            return [OwnerKeys.key(of: event.object)]
        case ResourceKind.pod.kind, ResourceKind.controllerRevision.kind:
            if let owner = OwnerKeys.controllerKey(of: event.object, ownerKind: "DaemonSet") { return [owner] }
            if OwnerKeys.hasController(event.object) { return [] }
            let namespace = event.key.namespace
            let candidates = (try? client.api.store.list(kind: ResourceKind.daemonSet.kind, namespace: namespace).items)
            return OwnerKeys.selecting(event.object, among: candidates ?? [])
        default:
            return await initialKeys()
        }
    }

    func initialKeys() async -> [String] {
        let all = (try? client.api.store.list(kind: ResourceKind.daemonSet.kind, namespace: nil).items) ?? []
        return all.map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let daemonSet = try await client.get(DaemonSet.self, namespace: namespace, name: name) else {
            return nil
        }
        let snapshot = DaemonSetSnapshot(
            daemonSet: daemonSet, nodes: try await client.list(Node.self),
            pods: try await client.list(Pod.self, namespace: namespace),
            revisions: try await client.list(ControllerRevision.self, namespace: namespace), now: now())
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
                try await client.delete(kind: .controllerRevision, namespace: namespace, name: revisionName)
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
            try await client.delete(kind: .pod, namespace: daemonSet.metadata.namespace, name: name)
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
            try await client.update(updated, subresource: "status")
        } catch let failure as Status where failure.reason == .conflict {
            guard var fresh = try await client.get(DaemonSet.self, namespace: daemonSet.metadata.namespace,
                                                   name: daemonSet.name) else { return }
            fresh.status = status
            try await client.update(fresh, subresource: "status")
        }
    }
}
