import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// The eviction subresource (`POST pods/NAME/eviction`, `kubectl drain`): deletes the pod unless that would
    /// break the PodDisruptionBudget that covers it, answering 429 then, as Kubernetes' `EvictionREST` does.
    ///
    /// `request` is the pod's deletion (name, namespace and delete options); the caller was authorized to `create`
    /// `pods/eviction`. A pod that is pending, finished or already being deleted goes without a look at budgets. A
    /// pod covered by more than one budget cannot be evicted. With one budget that allows a disruption, the eviction
    /// spends it (status `disruptionsAllowed` down by one, the pod in `disruptedPods`) before the pod is deleted; an
    /// unready pod may go without spending one when the budget is met (`IfHealthyBudget`) or always (`AlwaysAllow`).
    func evict(_ request: Request, namespace: String) async throws -> JSONValue {
        let name = try name(of: request)
        let podKey = ObjectKey(kind: ResourceKind.pod.kind, namespace: namespace, name: name)
        guard let stored = try store.get(podKey) else { throw Status.notFound(.pod, name: name) }
        let pod = try stored.decode(as: Pod.self)
        if Self.evictionIgnoresBudgets(pod) { return try evictionDeleting(request, namespace: namespace) }
        try retryingLostRaces(.podDisruptionBudget, name, expected: nil) {
            let budgets = try store.list(kind: ResourceKind.podDisruptionBudget.kind, namespace: namespace).items
                .map { try $0.decode(as: PodDisruptionBudget.self) }
                .filter { !DisruptionBudgetStatus.selected($0, [pod]).isEmpty }
            guard budgets.count <= 1 else {
                throw Status.internalError(
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
            }
            guard var budget = budgets.first else { return }
            switch try Self.evictionVerdict(pod: pod, budget: budget) {
            case .deleteWithoutSpending:
                return
            case .spend:
                budget.status.disruptionsAllowed -= 1
                var disrupted = budget.status.disruptedPods ?? [:]
                disrupted[name] = Timestamp.format(now())
                budget.status.disruptedPods = disrupted
                if request.dryRun == true { return }
                let key = ObjectKey(kind: ResourceKind.podDisruptionBudget.kind, namespace: namespace, name: budget.name)
                _ = try store.update(
                    key, object: try JSONValue(encoding: budget),
                    expectedResourceVersion: Int64(budget.metadata.resourceVersion ?? ""))
            }
        }
        return try evictionDeleting(request, namespace: namespace)
    }

    /// What an eviction does with the one budget that covers a pod that counts.
    enum EvictionVerdict: Equatable {
        case spend
        case deleteWithoutSpending
    }

    /// The budget's verdict, or the 429 that refuses the eviction. Pure.
    static func evictionVerdict(pod: Pod, budget: PodDisruptionBudget) throws -> EvictionVerdict {
        let status = budget.status
        if (status.observedGeneration ?? 0) < (budget.metadata.generation ?? 0) {
            throw tooManyRequests("The disruption budget \(budget.name) is still being processed by the server.")
        }
        if !pod.isReady {
            let policy = budget.spec.unhealthyPodEvictionPolicy ?? "IfHealthyBudget"
            if policy == "AlwaysAllow" || status.currentHealthy >= status.desiredHealthy { return .deleteWithoutSpending }
        }
        guard status.disruptionsAllowed > 0 else {
            throw tooManyRequests(
                "The disruption budget \(budget.name) needs \(status.desiredHealthy) healthy pods and has "
                    + "\(status.currentHealthy) currently")
        }
        return .spend
    }

    /// Pods an eviction deletes without looking at budgets: not yet running, finished, or already going.
    static func evictionIgnoresBudgets(_ pod: Pod) -> Bool {
        pod.metadata.deletionTimestamp != nil || ["Pending", "Succeeded", "Failed"].contains(pod.status.phase ?? "Pending")
    }

    /// Kubernetes' 429 for an eviction that would violate a budget, with the budget's reason as its cause.
    static func tooManyRequests(_ cause: String) -> Status {
        Status(
            code: 429, reason: .tooManyRequests,
            message: "Cannot evict pod as it would violate the pod's disruption budget.",
            details: StatusDetails(causes: [StatusCause(reason: "DisruptionBudget", message: cause, field: nil)]))
    }

    /// Deletes the evicted pod (with the eviction's delete options) and answers Kubernetes' Success status.
    private func evictionDeleting(_ request: Request, namespace: String) throws -> JSONValue {
        _ = try delete(.pod, namespace, request)
        var status = Status.success()
        status.code = 201
        return try JSONValue(encoding: status)
    }
}

extension APIServer {
    /// The pod deletion an eviction request stands for: its name and namespace, the delete options the REST door
    /// already read into the request, or those of the Eviction object's `deleteOptions` (the frame protocol).
    static func evictionDeletion(_ request: Request) -> Request {
        var deletion = request
        deletion.verb = .delete
        deletion.subresource = nil
        if let options = request.object?["deleteOptions"] {
            if deletion.gracePeriodSeconds == nil { deletion.gracePeriodSeconds = options["gracePeriodSeconds"]?.intValue }
            if deletion.propagationPolicy == nil { deletion.propagationPolicy = options["propagationPolicy"]?.stringValue }
            if deletion.dryRun == nil, let dryRun = options["dryRun"]?.arrayValue { deletion.dryRun = dryRun.contains("All") }
        }
        deletion.object = nil
        return deletion
    }
}
