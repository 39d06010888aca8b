import Foundation
import KubeAPI
import Wire

/// Which pod and container `kctl logs` and `kctl exec` talk to, as kubectl picks them. Pure.
enum PodSelection {
    /// The annotation naming a pod's default container (kubectl's `kubectl.kubernetes.io/default-container`).
    static let defaultContainerAnnotation = "kubectl.kubernetes.io/default-container"

    /// `NAME`, `pod/NAME` or `TYPE/NAME`: the kind and the name. Kinds other than pods are resolved to one of their
    /// pods by their selector.
    ///
    /// - Throws: kubectl's message for an unknown type.
    static func target(_ argument: String) throws -> (kind: ResourceKind, name: String) {
        guard let slash = argument.firstIndex(of: "/") else { return (.pod, argument) }
        let type = String(argument[..<slash])
        let name = String(argument[argument.index(after: slash)...])
        guard let kind = ResourceKind.resolve(type) else {
            throw LogsExecError("the server doesn't have a resource type \"\(type)\"")
        }
        guard !name.isEmpty else { throw LogsExecError("arguments in resource/name form must have a single resource and name") }
        return (kind, name)
    }

    /// The label selector of a workload (`spec.selector`), as the string a list takes.
    ///
    /// - Throws: when the kind has no pod selector (kubectl: `cannot attach to *v1.Node: selector for ... not
    ///   implemented`).
    static func selector(of object: JSONValue, kind: ResourceKind) throws -> String {
        switch kind {
        case .daemonSet, .deployment, .replicaSet, .job:
            let selector = try (object[path: ["spec", "selector"]] ?? .null).decode(as: LabelSelector?.self)
            let text = try selector.selector().description
            guard !text.isEmpty else { throw LogsExecError("\(kind.groupResource) \"\(objectName(object))\" has no selector") }
            return text
        case .service:
            let labels = object[path: ["spec", "selector"]]?.objectValue ?? [:]
            guard !labels.isEmpty else {
                throw LogsExecError("invalid service '\(objectName(object))': Service is defined without a selector")
            }
            return labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ",")
        default:
            throw LogsExecError("cannot attach to \(kind.kind): selector for \(kind.kind) not implemented")
        }
    }

    private static func objectName(_ object: JSONValue) -> String {
        object[path: ["metadata", "name"]]?.stringValue ?? ""
    }

    /// The order kubectl picks pods in.
    enum Ranking {
        /// `kubectl logs` (`podutils.ByLogging`): assigned, Running, ready, ready for longer, more restarts, older.
        case logging
        /// `kubectl exec` (`sort.Reverse(ActivePods)`): the same but fewer restarts first.
        case mostActive
    }

    /// The pod kubectl would pick among `pods`, and kubectl's stderr line when there were several
    /// (`Found 3 pods, using pod/x`, only for logs).
    static func first(of pods: [Pod], ranking: Ranking) -> (pod: Pod, notice: String?)? {
        let sorted = pods.sorted { better($0, than: $1, ranking: ranking) }
        guard let first = sorted.first else { return nil }
        let notice = ranking == .logging && pods.count > 1 ? "Found \(pods.count) pods, using pod/\(first.name)" : nil
        return (first, notice)
    }

    /// Whether `a` comes before `b`.
    static func better(_ a: Pod, than b: Pod, ranking: Ranking) -> Bool {
        let nodeA = a.spec.nodeName ?? "", nodeB = b.spec.nodeName ?? ""
        if nodeA != nodeB && (nodeA.isEmpty || nodeB.isEmpty) { return !nodeA.isEmpty }
        let phaseRank = ["Running": 0, "Unknown": 1, "Pending": 2]
        let phaseA = phaseRank[a.status.phase ?? ""] ?? 3, phaseB = phaseRank[b.status.phase ?? ""] ?? 3
        if phaseA != phaseB { return phaseA < phaseB }
        let readyA = a.isReady, readyB = b.isReady
        if readyA != readyB { return readyA }
        if readyA && readyB, a.readySince != b.readySince {
            // Ready for longer first; an unknown time last.
            guard let sinceA = a.readySince else { return false }
            guard let sinceB = b.readySince else { return true }
            return sinceA < sinceB
        }
        let restartsA = maxRestarts(a), restartsB = maxRestarts(b)
        if restartsA != restartsB { return ranking == .logging ? restartsA > restartsB : restartsA < restartsB }
        let createdA = created(a), createdB = created(b)
        if createdA != createdB {
            guard let timeA = createdA else { return false }
            guard let timeB = createdB else { return true }
            return timeA < timeB
        }
        return false
    }

    private static func maxRestarts(_ pod: Pod) -> Int32 {
        (pod.status.containerStatuses ?? []).map(\.restartCount).max() ?? 0
    }

    private static func created(_ pod: Pod) -> Date? { pod.metadata.creationTimestamp.flatMap(Timestamp.parse) }

    // MARK: - Containers

    /// The container to use when none was named, with kubectl's stderr lines: the pod's default-container
    /// annotation when it names one of its containers, else the first container, announced
    /// (`Defaulted container "a" out of: a, b, init (init)`) when the pod has others.
    static func defaultContainer(of pod: Pod) -> (container: String, notices: [String]) {
        var notices: [String] = []
        if let annotated = pod.metadata.annotations?[defaultContainerAnnotation], !annotated.isEmpty {
            if allContainerNames(pod).contains(annotated) { return (annotated, []) }
            notices.append("Default container name \(GoQuote.quote(annotated)) not found in pod \(pod.name)")
        }
        let first = pod.spec.containers.first?.name ?? ""
        let others = pod.spec.containers.count > 1 || !(pod.spec.initContainers ?? []).isEmpty
            || !(pod.spec.ephemeralContainers ?? []).isEmpty
        if others {
            notices.append("Defaulted container \(GoQuote.quote(first)) out of: \(allContainerList(pod))")
        }
        return (first, notices)
    }

    /// `a, b, debugger (ephem), init (init)`: kubectl's list of a pod's containers.
    static func allContainerList(_ pod: Pod) -> String {
        (pod.spec.containers.map(\.name) + ephemeralNames(pod).map { "\($0) (ephem)" }
            + (pod.spec.initContainers ?? []).map { "\($0.name) (init)" }).joined(separator: ", ")
    }

    /// Every container name: init containers, app containers, ephemeral ones (the order of `--all-containers`).
    static func allContainerNames(_ pod: Pod) -> [String] {
        (pod.spec.initContainers ?? []).map(\.name) + pod.spec.containers.map(\.name) + ephemeralNames(pod)
    }

    private static func ephemeralNames(_ pod: Pod) -> [String] {
        (pod.spec.ephemeralContainers ?? []).compactMap { $0["name"]?.stringValue }
    }
}
