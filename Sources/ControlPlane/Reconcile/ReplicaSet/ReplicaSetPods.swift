import Foundation
import KubeAPI
import Wire

/// Pod facts the ReplicaSet and Deployment controllers use beside Wire's shared ``Pod/isReady``,
/// ``Pod/isAvailable(minReadySeconds:now:)`` and ``Pod/isActive``. Pure.
enum ReplicaSetPods {
    /// When a ready pod that is not yet available will become available, if it ever will by waiting.
    static func availableAt(_ pod: Pod, minReadySeconds: Int32) -> Date? {
        guard minReadySeconds > 0, let since = pod.readySince else { return nil }
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
