import KubeAPI
import Wire

/// The nodes, pods and DaemonSets a chaos run watches, kept current from lists and watch events. Pure.
struct ClusterView: Sendable {
    /// The kinds a view holds.
    static let kinds: [ResourceKind] = [.node, .pod, .daemonSet]

    private var nodes: [String: Node] = [:]
    private var pods: [String: Pod] = [:]
    private var daemonSets: [String: DaemonSet] = [:]

    /// Replaces everything of `kind` with a list's items; returns the list's resourceVersion (to watch from).
    @discardableResult
    mutating func replace(_ kind: ResourceKind, list: JSONValue?) throws -> String? {
        let items = list?["items"]?.arrayValue ?? []
        switch kind {
        case .node: nodes = try Self.keyed(items, as: Node.self)
        case .pod: pods = try Self.keyed(items, as: Pod.self)
        case .daemonSet: daemonSets = try Self.keyed(items, as: DaemonSet.self)
        default: break
        }
        return list?[path: ["metadata", "resourceVersion"]]?.stringValue
    }

    /// Applies one watch event of `kind` (bookmarks change nothing).
    mutating func apply(_ kind: ResourceKind, _ event: WatchEvent) throws {
        guard event.type != .bookmark else { return }
        let deleted = event.type == .deleted
        switch kind {
        case .node: try Self.apply(event.object, deleted: deleted, to: &nodes)
        case .pod: try Self.apply(event.object, deleted: deleted, to: &pods)
        case .daemonSet: try Self.apply(event.object, deleted: deleted, to: &daemonSets)
        default: break
        }
    }

    /// The view at `time`, each kind sorted by namespace and name.
    func snapshot(time: Duration, probes: ProbeObservation? = nil) -> ChaosSnapshot {
        ChaosSnapshot(
            time: time, nodes: Self.sorted(nodes), pods: Self.sorted(pods), daemonSets: Self.sorted(daemonSets),
            probes: probes)
    }

    // MARK: - Internals

    private static func keyed<T: APIResource>(_ items: [JSONValue], as type: T.Type) throws -> [String: T] {
        var result: [String: T] = [:]
        for item in items {
            let object = try item.decode(as: T.self)
            result[NamespacedKey.of(object.metadata)] = object
        }
        return result
    }

    private static func apply<T: APIResource>(_ object: JSONValue, deleted: Bool, to table: inout [String: T]) throws {
        let decoded = try object.decode(as: T.self)
        let key = NamespacedKey.of(decoded.metadata)
        if deleted {
            table[key] = nil
        } else {
            table[key] = decoded
        }
    }

    private static func sorted<T>(_ table: [String: T]) -> [T] {
        table.sorted { $0.key < $1.key }.map(\.value)
    }
}
