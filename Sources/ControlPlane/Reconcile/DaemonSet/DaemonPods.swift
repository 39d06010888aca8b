import Foundation
import KubeAPI
import Wire

/// Facts about DaemonSet pods the controller reads: its labels, the node a pod is for, and the "oldest first"
/// order (upstream `util.GetTargetNodeName`, `podByCreationTimestampAndPhase`); readiness and availability are
/// Wire's shared ``Pod/isReady`` and ``Pod/isAvailable(minReadySeconds:now:)``. Pure.
enum DaemonPods {
    /// Label carrying the ControllerRevision hash of the template a pod was created from.
    static let revisionHashLabel = DaemonPodIdentity.revisionHashLabel
    /// Legacy label carrying the DaemonSet's template generation.
    static let templateGenerationLabel = "pod-template-generation"
    /// Annotation on the DaemonSet holding its template generation.
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    /// The pod carries a deletionTimestamp (it is terminating).
    static func isDeleting(_ pod: Pod) -> Bool {
        pod.metadata.deletionTimestamp != nil
    }

    /// The node a DaemonSet pod is for: Wire's ``DaemonPodIdentity/targetNodeName(of:)``, which kctl's chaos
    /// checker reads too.
    static func targetNodeName(_ pod: Pod) -> String? { DaemonPodIdentity.targetNodeName(of: pod) }

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
            if !includeDeletedTerminal && pod.isTerminal && isDeleting(pod) { continue }
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
