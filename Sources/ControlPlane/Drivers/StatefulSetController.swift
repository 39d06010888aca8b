import Foundation
import KubeAPI
import Wire

/// Drives ``StatefulSetReconciler``: reads a StatefulSet's pods and revisions from the informers, reconciles, and
/// applies the actions in order through the client, with the pod events Kubernetes' StatefulSet controller records
/// (`SuccessfulCreate` `create Pod web-0 in StatefulSet web successful`, `SuccessfulDelete`, and their `Failed`
/// forms).
struct StatefulSetController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "statefulset-controller" }
    var watchedKinds: [ResourceKind] { [.statefulSet, .pod, .controllerRevision] }
    var readKinds: [ResourceKind] { [.persistentVolumeClaim] }

    func keys(for event: InformerEvent) async -> [String] {
        if event.kind == .statefulSet { return [event.key] }
        return OwnerKeys.owners(of: event.object, in: client.informers.statefulSets) { $0.spec.selector }
    }

    func initialKeys() async -> [String] {
        client.informers.statefulSets.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let set = client.cached(StatefulSet.self, namespace: namespace, name: name) else { return nil }
        let snapshot = StatefulSetSnapshot(
            set: set, pods: client.cachedList(Pod.self, namespace: namespace),
            revisions: client.cachedList(ControllerRevision.self, namespace: namespace),
            claims: client.cachedList(PersistentVolumeClaim.self, namespace: namespace), now: now())
        var requeue: Duration?
        for action in StatefulSetReconciler.reconcile(snapshot) {
            switch action {
            case .createRevision(let revision):
                do { try await client.create(revision, namespace: namespace) } catch let status as Status
                    where status.reason == .alreadyExists {}
            case .updateRevision(let revision):
                try await client.update(revision)
            case .deleteRevision(let revisionName):
                try await client.delete(.controllerRevision, namespace: namespace, name: revisionName)
            case .createPod(let pod, let claims):
                guard await createClaims(claims, for: pod.name, of: set) else { continue }
                await write("create", pod: pod.name, of: set) { _ = try await client.create(pod, namespace: namespace) }
            case .deletePod(let podName):
                await write("delete", pod: podName, of: set) {
                    try await client.delete(.pod, namespace: namespace, name: podName)
                }
            case .updatePod(let pod):
                try await client.update(pod)
            case .updateClaim(let claim):
                try await client.update(claim)
            case .updateStatus(let status):
                try await updateStatus(status, of: set)
            case .event(let type, let reason, let message):
                await recorder.record(.to(set), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }

    /// Runs one pod write and records its event, as upstream's `recordPodEvent`: `Successful<Verb>` `<verb> Pod
    /// <pod> in StatefulSet <set> successful`, or `Failed<Verb>` `… failed error: <error>`.
    private func write(
        _ verb: String, pod: String, of set: StatefulSet, _ operation: () async throws -> Void
    ) async {
        let title = verb.prefix(1).uppercased() + verb.dropFirst()
        do {
            try await operation()
            await recorder.record(.to(set), type: "Normal", reason: "Successful\(title)",
                                  message: "\(verb) Pod \(pod) in StatefulSet \(set.name) successful")
        } catch {
            await recorder.record(.to(set), type: "Warning", reason: "Failed\(title)",
                                  message: "\(verb) Pod \(pod) in StatefulSet \(set.name) failed error: \(error)")
        }
    }

    /// Creates the claims a new pod mounts, as upstream's `createPersistentVolumeClaims`: a claim that exists is
    /// left as it is; each created one is recorded (`SuccessfulCreate` `create Claim www-web-0 Pod web-0 in
    /// StatefulSet web success`). Returns false when one could not be created (`FailedCreate`): the pod waits.
    private func createClaims(_ claims: [PersistentVolumeClaim], for pod: String, of set: StatefulSet) async -> Bool {
        for claim in claims {
            do {
                try await client.create(claim, namespace: set.metadata.namespace)
                await recorder.record(
                    .to(set), type: "Normal", reason: "SuccessfulCreate",
                    message: "create Claim \(claim.name) Pod \(pod) in StatefulSet \(set.name) success")
            } catch let status as Status where status.reason == .alreadyExists {
                continue
            } catch {
                await recorder.record(
                    .to(set), type: "Warning", reason: "FailedCreate",
                    message: "create Claim \(claim.name) for Pod \(pod) in StatefulSet \(set.name) failed error: "
                        + "\(error)")
                return false
            }
        }
        return true
    }

    /// Writes the status; one retry on conflict with the newest object.
    private func updateStatus(_ status: StatefulSetStatus, of set: StatefulSet) async throws {
        var updated = set
        updated.status = status
        do {
            try await client.updateStatus(updated)
        } catch let failure as Status where failure.reason == .conflict {
            guard var fresh = try await client.fresh(StatefulSet.self, namespace: set.metadata.namespace,
                                                     name: set.name) else { return }
            fresh.status = status
            try await client.updateStatus(fresh)
        }
    }
}
