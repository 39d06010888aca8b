import Foundation
import Wire

/// Facts about DaemonSet pods the controller reads: readiness, availability, the node a pod is for, and the
/// "oldest first" order (upstream `podutil.IsPodReady`/`IsPodAvailable`, `util.GetTargetNodeName`,
/// `podByCreationTimestampAndPhase`). Pure.
enum DaemonPods {
    /// Label carrying the ControllerRevision hash of the template a pod was created from.
    static let revisionHashLabel = "controller-revision-hash"
    /// Legacy label carrying the DaemonSet's template generation.
    static let templateGenerationLabel = "pod-template-generation"
    /// Annotation on the DaemonSet holding its template generation.
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    /// The pod's `Ready` condition is `True`.
    static func isReady(_ pod: Pod) -> Bool {
        pod.status.condition("Ready")?.status == "True"
    }

    /// Ready, and ready for longer than `minReadySeconds`: `lastTransitionTime + minReadySeconds` strictly
    /// before `now`. With `minReadySeconds == 0` every ready pod is available.
    static func isAvailable(_ pod: Pod, minReadySeconds: Int32, now: Date) -> Bool {
        guard let ready = pod.status.condition("Ready"), ready.status == "True" else { return false }
        if minReadySeconds <= 0 { return true }
        guard let text = ready.lastTransitionTime, let since = Timestamp.parse(text) else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }

    /// Phase `Succeeded` or `Failed`.
    static func isTerminal(_ pod: Pod) -> Bool {
        pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
    }

    /// The pod carries a deletionTimestamp (it is terminating).
    static func isDeleting(_ pod: Pod) -> Bool {
        pod.metadata.deletionTimestamp != nil
    }

    /// The node a DaemonSet pod is for: `spec.nodeName`, or for an unscheduled pod the single value of the
    /// `matchFields` `metadata.name In [...]` requirement of its required node affinity; nil when neither exists
    /// (or the requirement holds several values).
    static func targetNodeName(_ pod: Pod) -> String? {
        if let name = pod.spec.nodeName, !name.isEmpty { return name }
        guard let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?
            .nodeSelectorTerms
        else { return nil }
        for term in terms {
            for requirement in term.matchFields ?? []
            where requirement.key == "metadata.name" && requirement.operator == "In" {
                let values = requirement.values ?? []
                return values.count == 1 ? values[0] : nil
            }
        }
        return nil
    }

    /// Upstream `podByCreationTimestampAndPhase`: scheduled pods first, then older creationTimestamp, then name.
    static func isOlder(_ lhs: Pod, than rhs: Pod) -> Bool {
        let lhsScheduled = !(lhs.spec.nodeName ?? "").isEmpty
        let rhsScheduled = !(rhs.spec.nodeName ?? "").isEmpty
        if lhsScheduled != rhsScheduled { return lhsScheduled }
        let lhsCreated = creationDate(lhs)
        let rhsCreated = creationDate(rhs)
        if lhsCreated == rhsCreated { return lhs.name < rhs.name }
        return lhsCreated < rhsCreated
    }

    /// `pods` sorted oldest first (see ``isOlder(_:than:)``).
    static func oldestFirst(_ pods: [Pod]) -> [Pod] {
        pods.count <= 1 ? pods : pods.sorted(by: isOlder)
    }

    /// Groups pods by target node (upstream `getNodesToDaemonPods`). Pods without a target node are left out;
    /// terminal pods that are already being deleted are left out unless `includeDeletedTerminal`.
    static func byNode(_ pods: [Pod], includeDeletedTerminal: Bool) -> [String: [Pod]] {
        var result: [String: [Pod]] = [:]
        for pod in pods {
            if !includeDeletedTerminal && isTerminal(pod) && isDeleting(pod) { continue }
            guard let node = targetNodeName(pod) else { continue }
            result[node, default: []].append(pod)
        }
        return result
    }

    /// The creation time; a missing or unreadable timestamp is the earliest time (Go's zero time).
    private static func creationDate(_ pod: Pod) -> Date {
        pod.metadata.creationTimestamp.flatMap(Timestamp.parse) ?? .distantPast
    }
}
