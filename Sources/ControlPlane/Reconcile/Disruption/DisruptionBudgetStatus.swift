import Foundation
import KubeAPI
import Wire

/// The disruption controller's computation of a PodDisruptionBudget's status (upstream `DisruptionController`'s
/// `trySync`). Pure: pods, the scale of their controllers and the time come from the caller.
///
/// - The budget's pods: its namespace's pods that its selector picks (an empty selector picks every pod; no selector
///   picks none).
/// - `minAvailable: N`: N healthy pods wanted, out of the pods there are. A percentage, or `maxUnavailable`, is read
///   against the scale of the pods' controllers (ReplicaSets, StatefulSets; a pod without one of those makes the
///   budget fail safe: no disruption allowed), rounding up.
/// - Healthy pods: Ready, not being deleted, and not evicted in the last two minutes (`disruptedPods`).
/// - `disruptionsAllowed = max(0, currentHealthy - desiredHealthy)`, with the `DisruptionAllowed` condition
///   (SufficientPods / InsufficientPods) whose transition time moves only when its status changes.
enum DisruptionBudgetStatus {
    /// How long an eviction keeps a pod out of the healthy count while it is deleted.
    static let deletionTimeout: TimeInterval = 120

    /// The scale a pod's controller wants: nil when the pod has no controller with a scale.
    typealias ControllerScale = (Pod) -> Int32?

    static func compute(
        _ budget: PodDisruptionBudget, pods namespacePods: [Pod], scale: ControllerScale, now: Date
    ) -> PodDisruptionBudgetStatus {
        let pods = selected(budget, namespacePods)
        var status = budget.status
        status.observedGeneration = budget.metadata.generation
        let disrupted = stillDisrupted(budget.status.disruptedPods ?? [:], pods: pods, now: now)
        status.disruptedPods = disrupted.isEmpty ? nil : disrupted
        let healthy = pods.filter { $0.metadata.deletionTimestamp == nil && disrupted[$0.name] == nil && $0.isReady }
        status.currentHealthy = Int32(healthy.count)
        if let (expected, desired) = expectedAndDesired(budget.spec, pods: pods, scale: scale) {
            status.expectedPods = expected
            status.desiredHealthy = desired
            status.disruptionsAllowed = max(0, status.currentHealthy - desired)
        } else {
            status.expectedPods = Int32(pods.count)
            status.desiredHealthy = 0
            status.disruptionsAllowed = 0
        }
        status.conditions = [
            condition(
                allowed: status.disruptionsAllowed > 0, generation: budget.metadata.generation,
                previous: budget.status.conditions, now: now)
        ]
        return status
    }

    /// The budget's pods (see the type's description).
    static func selected(_ budget: PodDisruptionBudget, _ pods: [Pod]) -> [Pod] {
        guard let selector = try? budget.spec.selector?.selector() else { return [] }
        return pods.filter { selector.matches($0.labels) }
    }

    /// (expectedPods, desiredHealthy), or nil when the expected count cannot be known (fail safe).
    static func expectedAndDesired(
        _ spec: PodDisruptionBudgetSpec, pods: [Pod], scale: ControllerScale
    ) -> (Int32, Int32)? {
        if let maxUnavailable = spec.maxUnavailable {
            guard let expected = expectedScale(pods, scale: scale) else { return nil }
            let unavailable = IntOrString.scaledValue(maxUnavailable, total: Int64(expected), roundUp: true)
            return (expected, max(0, expected - Int32(clamping: unavailable)))
        }
        switch spec.minAvailable {
        case .int(let number)?:
            return (Int32(pods.count), Int32(clamping: number))
        case .string?:
            guard let expected = expectedScale(pods, scale: scale) else { return nil }
            let desired = IntOrString.scaledValue(spec.minAvailable, total: Int64(expected), roundUp: true)
            return (expected, Int32(clamping: desired))
        case nil:
            return (Int32(pods.count), 0)
        }
    }

    /// The sum of the scales of the pods' controllers (each controller counted once), nil if some pod has none.
    static func expectedScale(_ pods: [Pod], scale: ControllerScale) -> Int32? {
        var seen: Set<String> = []
        var total: Int32 = 0
        for pod in pods {
            guard let owner = pod.metadata.controllerRef, let replicas = scale(pod) else { return nil }
            if seen.insert(owner.uid).inserted { total += replicas }
        }
        return total
    }

    /// The evictions still in flight: pods that exist, are not being deleted yet, and were evicted within the
    /// deletion timeout.
    static func stillDisrupted(_ disrupted: [String: String], pods: [Pod], now: Date) -> [String: String] {
        let live = Dictionary(pods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return disrupted.filter { name, time in
            guard let pod = live[name], pod.metadata.deletionTimestamp == nil, let at = Timestamp.parse(time) else {
                return false
            }
            return at.addingTimeInterval(deletionTimeout) > now
        }
    }

    /// The `DisruptionAllowed` condition, keeping the previous transition time when the status is unchanged.
    static func condition(allowed: Bool, generation: Int64?, previous: [JSONValue]?, now: Date) -> JSONValue {
        let status = allowed ? "True" : "False"
        let old = (previous ?? []).first { $0["type"]?.stringValue == "DisruptionAllowed" }
        let time = old?["status"]?.stringValue == status
            ? (old?["lastTransitionTime"] ?? .string(Timestamp.format(now))) : .string(Timestamp.format(now))
        var condition: JSONValue = [
            "type": "DisruptionAllowed", "status": .string(status),
            "reason": .string(allowed ? "SufficientPods" : "InsufficientPods"), "message": "", "lastTransitionTime": time,
        ]
        if let generation { condition["observedGeneration"] = .int(generation) }
        return condition
    }
}
