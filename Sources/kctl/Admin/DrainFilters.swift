import Foundation
import KubeAPI
import Wire

/// The drain flags that decide which pods may go (`--force`, `--ignore-daemonsets`, `--delete-emptydir-data`,
/// `--skip-wait-for-delete-timeout`).
struct DrainPolicy: Sendable, Equatable {
    var force = false
    var ignoreAllDaemonSets = false
    var deleteEmptyDirData = false
    /// Pods deleted longer ago than this many seconds are skipped; 0 never skips.
    var skipWaitForDeleteTimeoutSeconds = 0
}

/// What kubectl's drain decides for one pod (`drain.PodDeleteStatus`).
struct PodDeleteStatus: Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        case okay, skip, warning, error
    }

    var delete: Bool
    var reason: Reason
    var message = ""

    static let okay = PodDeleteStatus(delete: true, reason: .okay)
    static let skip = PodDeleteStatus(delete: false, reason: .skip)
    static func warning(delete: Bool, _ message: String) -> PodDeleteStatus {
        PodDeleteStatus(delete: delete, reason: .warning, message: message)
    }
    static func error(_ message: String) -> PodDeleteStatus {
        PodDeleteStatus(delete: false, reason: .error, message: message)
    }
}

/// The answer to `GET daemonsets/<name>` for the DaemonSet a pod belongs to.
enum DaemonSetLookup: Sendable, Equatable {
    case exists
    /// NotFound, with the server's message (`daemonsets.apps "x" not found`).
    case missing(String)
    /// Any other failure, with its message.
    case failed(String)
}

/// The pods of a node with what drain decided for each (`drain.PodDeleteList`), in list order.
struct DrainPodList: Sendable {
    var items: [(pod: JSONValue, status: PodDeleteStatus)]

    /// The pods to evict or delete.
    var pods: [JSONValue] { items.filter(\.status.delete).map(\.pod) }

    /// `ignoring DaemonSet-managed Pods: default/a, default/b; deleting Pods with local storage: default/c`, or "".
    var warnings: String {
        grouped(.warning).map { "\($0.message): \($0.pods.joined(separator: ", "))" }.joined(separator: "; ")
    }

    /// One message per kind of refusal: `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore):
    /// default/filebeat-ds-x`; a message that already starts with "cannot delete" is not prefixed again.
    var errors: [String] {
        grouped(.error).map { group in
            let message = group.message.isEmpty ? "unexpected error" : group.message
            let pods = group.pods.joined(separator: ", ")
            return message.lowercased().hasPrefix("cannot delete")
                ? "\(message): \(pods)" : "cannot delete \(message): \(pods)"
        }
    }

    /// Pods grouped by status message, groups in order of first appearance (kubectl iterates a Go map).
    private func grouped(_ reason: PodDeleteStatus.Reason) -> [(message: String, pods: [String])] {
        var groups: [(message: String, pods: [String])] = []
        for item in items where item.status.reason == reason {
            let fields = JSONFields(item.pod)
            let pod = "\(fields.namespace)/\(fields.name)"
            if let index = groups.firstIndex(where: { $0.message == item.status.message }) {
                groups[index].pods.append(pod)
            } else {
                groups.append((item.status.message, [pod]))
            }
        }
        return groups
    }
}

/// kubectl drain's pod filters (`k8s.io/kubectl/pkg/drain/filters.go`), in order: deleted long ago, DaemonSet,
/// mirror, local storage, unreplicated. A pod's status is that of the first filter refusing it, else of the last
/// filter (so an earlier warning can be dropped, as upstream). Pure.
enum DrainFilters {
    static let daemonSetFatal = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
    static let daemonSetWarning = "ignoring DaemonSet-managed Pods"
    static let localStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)"
    static let localStorageWarning = "deleting Pods with local storage"
    static let unmanagedFatal = "cannot delete Pods that declare no controller (use --force to override)"
    static let unmanagedWarning = "deleting Pods that declare no controller"
    static let mirrorAnnotation = "kubernetes.io/config.mirror"

    /// Decides every pod of a node. `daemonSets` answers for `namespace/name` of each DaemonSet a pod names as
    /// its controller (see ``daemonSetKeys(_:)``); `now` is the current time.
    static func evaluate(_ pods: [JSONValue], policy: DrainPolicy, daemonSets: [String: DaemonSetLookup], now: Date)
        -> DrainPodList
    {
        DrainPodList(items: pods.map { ($0, status(of: $0, policy: policy, daemonSets: daemonSets, now: now)) })
    }

    /// The `namespace/name` keys of the DaemonSets whose lookups ``evaluate(_:policy:daemonSets:now:)`` needs.
    static func daemonSetKeys(_ pods: [JSONValue]) -> [String] {
        var keys: [String] = []
        for pod in pods where !finished(pod) {
            guard let owner = controller(of: pod), owner["kind"]?.stringValue == "DaemonSet" else { continue }
            let key = "\(JSONFields(pod).namespace)/\(owner["name"]?.stringValue ?? "")"
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    static func status(of pod: JSONValue, policy: DrainPolicy, daemonSets: [String: DaemonSetLookup], now: Date)
        -> PodDeleteStatus
    {
        let filters: [(JSONValue) -> PodDeleteStatus] = [
            { skipDeleted($0, policy: policy, now: now) },
            { daemonSet($0, policy: policy, daemonSets: daemonSets) },
            mirror,
            { localStorage($0, policy: policy) },
            { unreplicated($0, policy: policy) },
        ]
        var result = PodDeleteStatus.okay
        for filter in filters {
            result = filter(pod)
            if !result.delete { break }
        }
        return result
    }

    /// Whether a pod deleted more than `seconds` ago should be skipped (`shouldSkipPod`).
    static func shouldSkip(_ pod: JSONValue, seconds: Int, now: Date) -> Bool {
        guard seconds > 0, let text = JSONFields(pod).string("metadata", "deletionTimestamp"),
            let deleted = Timestamp.parse(text)
        else { return false }
        return Int(now.timeIntervalSince(deleted)) > seconds
    }

    private static func skipDeleted(_ pod: JSONValue, policy: DrainPolicy, now: Date) -> PodDeleteStatus {
        shouldSkip(pod, seconds: policy.skipWaitForDeleteTimeoutSeconds, now: now) ? .skip : .okay
    }

    private static func daemonSet(_ pod: JSONValue, policy: DrainPolicy, daemonSets: [String: DaemonSetLookup])
        -> PodDeleteStatus
    {
        guard let owner = controller(of: pod), owner["kind"]?.stringValue == "DaemonSet" else { return .okay }
        if finished(pod) { return .okay }
        let key = "\(JSONFields(pod).namespace)/\(owner["name"]?.stringValue ?? "")"
        switch daemonSets[key] ?? .exists {
        case .missing(let message):
            return policy.force ? .warning(delete: true, message) : .error(message)
        case .failed(let message):
            return .error(message)
        case .exists:
            return policy.ignoreAllDaemonSets ? .warning(delete: false, daemonSetWarning) : .error(daemonSetFatal)
        }
    }

    private static func mirror(_ pod: JSONValue) -> PodDeleteStatus {
        JSONFields(pod).value("metadata", "annotations", mirrorAnnotation) != nil ? .skip : .okay
    }

    private static func localStorage(_ pod: JSONValue, policy: DrainPolicy) -> PodDeleteStatus {
        let volumes = JSONFields(pod).array("spec", "volumes")
        guard volumes.contains(where: { $0["emptyDir"] != nil && $0["emptyDir"] != .null }) else { return .okay }
        if finished(pod) { return .okay }
        return policy.deleteEmptyDirData ? .warning(delete: true, localStorageWarning) : .error(localStorageFatal)
    }

    private static func unreplicated(_ pod: JSONValue, policy: DrainPolicy) -> PodDeleteStatus {
        if finished(pod) || controller(of: pod) != nil { return .okay }
        return policy.force ? .warning(delete: true, unmanagedWarning) : .error(unmanagedFatal)
    }

    /// The owner reference marked `controller: true`.
    static func controller(of pod: JSONValue) -> JSONValue? {
        JSONFields(pod).array("metadata", "ownerReferences").first { $0["controller"]?.boolValue == true }
    }

    private static func finished(_ pod: JSONValue) -> Bool {
        let phase = JSONFields(pod).string("status", "phase")
        return phase == "Succeeded" || phase == "Failed"
    }
}
