import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``DeploymentReconciler``: ReplicaSets per template (pod-template-hash), rollouts, scaling, status.
struct DeploymentController: Controller {
    let client: InternalClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "deployment-controller" }
    var watchedKinds: [ResourceKind] { [.deployment, .replicaSet] }

    func keys(for event: StoreEvent) async -> [String] {
        if event.key.kind == ResourceKind.deployment.kind { return [OwnerKeys.key(of: event.object)] }
        if let owner = OwnerKeys.controllerKey(of: event.object, ownerKind: "Deployment") { return [owner] }
        if OwnerKeys.hasController(event.object) { return [] }
        let candidates = try? client.api.store.list(kind: ResourceKind.deployment.kind, namespace: event.key.namespace)
        return OwnerKeys.selecting(event.object, among: candidates?.items ?? [])
    }

    func initialKeys() async -> [String] {
        ((try? client.api.store.list(kind: ResourceKind.deployment.kind, namespace: nil).items) ?? [])
            .map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let deployment = try await client.get(Deployment.self, namespace: namespace, name: name) else {
            return nil
        }
        let replicaSets = try await client.list(ReplicaSet.self, namespace: namespace)
        let pods = try await client.list(Pod.self, namespace: namespace)
        var current = deployment
        var requeue: Duration?
        for action in DeploymentReconciler.reconcile(deployment, replicaSets: replicaSets, pods: pods, now: now()) {
            switch action {
            case .createReplicaSet(let replicaSet):
                do { try await client.create(replicaSet, namespace: namespace) } catch let status as Status
                    where status.reason == .alreadyExists {}
            case .updateReplicaSet(let replicaSet):
                try await client.update(replicaSet)
            case .deleteReplicaSet(let replicaSetName):
                try await client.delete(kind: .replicaSet, namespace: namespace, name: replicaSetName)
            case .updateAnnotations(let annotations):
                current.metadata.annotations = annotations
                current = try await client.update(current)
            case .updateStatus(let status):
                current.status = status
                current = try await client.update(current, subresource: "status")
            case .event(let type, let reason, let message):
                await recorder.record(.to(deployment), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }
}
