import Foundation
import KubeAPI
import Wire

/// Drives ``DisruptionBudgetStatus``: keeps each PodDisruptionBudget's status (healthy pods, the disruptions it
/// allows, the `DisruptionAllowed` condition) current as its pods come, go and change readiness, and as evictions
/// spend its disruptions.
struct DisruptionController: Controller {
    let client: ControllerClient
    var now: @Sendable () -> Date = { Date() }

    var name: String { "disruption-controller" }
    var watchedKinds: [ResourceKind] { [.podDisruptionBudget, .pod] }
    var readKinds: [ResourceKind] { [.replicaSet, .deployment, .statefulSet] }

    /// A budget change: that budget. A pod change: the budgets of its namespace whose selector picks it.
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .podDisruptionBudget:
            return [event.key]
        case .pod:
            guard let pod = event.object(as: Pod.self) else { return [] }
            return client.cachedList(PodDisruptionBudget.self, namespace: pod.namespace)
                .filter { !DisruptionBudgetStatus.selected($0, [pod]).isEmpty }
                .map(OwnerKeys.key(of:))
        default:
            return []
        }
    }

    func initialKeys() async -> [String] {
        client.cachedList(PodDisruptionBudget.self).map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard var budget = client.cached(PodDisruptionBudget.self, namespace: namespace, name: name),
            budget.metadata.deletionTimestamp == nil
        else { return nil }
        let pods = client.cachedList(Pod.self, namespace: namespace)
        let status = DisruptionBudgetStatus.compute(budget, pods: pods, scale: scale(of:), now: now())
        // An eviction in flight stops counting after the deletion timeout: look again then.
        let requeue: Duration? = (status.disruptedPods ?? [:]).isEmpty ? nil : .seconds(30)
        guard status != budget.status else { return requeue }
        budget.status = status
        try await client.updateStatus(budget)
        return requeue
    }

    /// The replicas a pod's controller wants: a ReplicaSet's (its Deployment's, when it has one) or a StatefulSet's.
    private func scale(of pod: Pod) -> Int32? {
        guard let owner = pod.metadata.controllerRef else { return nil }
        switch owner.kind {
        case "ReplicaSet":
            guard let set = client.cached(ReplicaSet.self, namespace: pod.namespace, name: owner.name),
                set.metadata.uid == owner.uid
            else { return nil }
            if let parent = set.metadata.controllerRef, parent.kind == "Deployment",
                let deployment = client.cached(Deployment.self, namespace: pod.namespace, name: parent.name)
            {
                return deployment.spec.replicas ?? 1
            }
            return set.spec.replicas ?? 1
        case "StatefulSet":
            guard let set = client.cached(StatefulSet.self, namespace: pod.namespace, name: owner.name),
                set.metadata.uid == owner.uid
            else { return nil }
            return set.spec.replicas ?? 1
        default:
            return nil
        }
    }
}
