import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``DeploymentReconciler``: ReplicaSets per template (pod-template-hash), rollouts, scaling, status.
struct DeploymentController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "deployment-controller" }
    var watchedKinds: [ResourceKind] { [.deployment, .replicaSet] }
    var readKinds: [ResourceKind] { [.pod] }

    func keys(for event: InformerEvent) async -> [String] {
        if event.kind == .deployment { return [event.key] }
        return OwnerKeys.owners(of: event.object, in: client.informers.deployments) { $0.spec.selector }
    }

    func initialKeys() async -> [String] {
        client.informers.deployments.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let deployment = client.cached(Deployment.self, namespace: namespace, name: name) else { return nil }
        let replicaSets = client.cachedList(ReplicaSet.self, namespace: namespace)
        let pods = client.cachedList(Pod.self, namespace: namespace)
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
                try await client.delete(.replicaSet, namespace: namespace, name: replicaSetName)
            case .updateAnnotations(let annotations):
                current.metadata.annotations = annotations
                current = try await client.update(current)
            case .updateStatus(let status):
                current.status = status
                current = try await client.updateStatus(current)
            case .event(let type, let reason, let message):
                await recorder.record(.to(deployment), type: type, reason: reason, message: message)
            case .requeue(let delay):
                requeue = min(requeue ?? delay, delay)
            }
        }
        return requeue
    }
}
