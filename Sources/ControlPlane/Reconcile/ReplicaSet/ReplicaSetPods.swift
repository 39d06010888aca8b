import Foundation
import Wire

/// Pod predicates the ReplicaSet and Deployment controllers use (upstream `controller.IsPodActive`,
/// `podutil.IsPodReady`, `podutil.IsPodAvailable`). Pure.
enum ReplicaSetPods {
    /// Not `Succeeded`, not `Failed`, and not being deleted.
    static func isActive(_ pod: Pod) -> Bool {
        !isTerminal(pod) && pod.metadata.deletionTimestamp == nil
    }

    /// Phase `Succeeded` or `Failed`.
    static func isTerminal(_ pod: Pod) -> Bool {
        pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
    }

    /// The `Ready` condition is `True`.
    static func isReady(_ pod: Pod) -> Bool {
        pod.status.condition("Ready")?.status == "True"
    }

    /// When the pod last became ready (the Ready condition's lastTransitionTime), if it is ready and says so.
    static func readySince(_ pod: Pod) -> Date? {
        guard isReady(pod), let text = pod.status.condition("Ready")?.lastTransitionTime else { return nil }
        return Timestamp.parse(text)
    }

    /// Ready, and (with `minReadySeconds > 0`) ready since strictly more than `minReadySeconds` before `now`.
    static func isAvailable(_ pod: Pod, minReadySeconds: Int32, now: Date) -> Bool {
        guard isReady(pod) else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = readySince(pod) else { return false }
        return since.addingTimeInterval(TimeInterval(minReadySeconds)) < now
    }

    /// When a ready pod that is not yet available will become available, if it ever will by waiting.
    static func availableAt(_ pod: Pod, minReadySeconds: Int32) -> Date? {
        guard minReadySeconds > 0, let since = readySince(pod) else { return nil }
        return since.addingTimeInterval(TimeInterval(minReadySeconds))
    }

    /// The creation time, or the distant past when missing or unparsable (Go's zero time).
    static func created(_ meta: ObjectMeta) -> Date {
        meta.creationTimestamp.flatMap(Timestamp.parse) ?? .distantPast
    }

    /// The highest restart count among the pod's containers and init containers.
    static func maxRestarts(_ pod: Pod) -> Int32 {
        let statuses = (pod.status.containerStatuses ?? []) + (pod.status.initContainerStatuses ?? [])
        return statuses.map(\.restartCount).max() ?? 0
    }
}
