import KubeAPI
import Synchronization
import Wire

/// The committed objects in memory, a write-through mirror of the SQLite table, so that reads (`get`, `list`, the
/// initial list of a watch, and the reads inside a write transaction) neither wait for the serial database queue nor
/// parse stored JSON.
///
/// It is not an informer cache: ``ObjectStore`` applies a transaction's events here right after the commit, still
/// inside the write serialisation and before the call returns, so every read sees every acknowledged write
/// (read-your-writes holds, and controllers need no expectations). A failed transaction never reaches it.
final class ObjectCache: Sendable {
    private struct State {
        /// kind → namespace (`""` when cluster-scoped) → name → object.
        var objects: [String: [String: [String: JSONValue]]] = [:]
        /// The resourceVersion of the last applied commit.
        var resourceVersion: Int64
    }

    private let state: Mutex<State>

    /// Starts with `objects`, as loaded from the database at `resourceVersion`.
    init(objects: some Sequence<(key: ObjectKey, object: JSONValue)>, resourceVersion: Int64) {
        var initial = State(resourceVersion: resourceVersion)
        for (key, object) in objects {
            initial.objects[key.kind, default: [:]][key.namespace, default: [:]][key.name] = object
        }
        state = Mutex(initial)
    }

    /// The resourceVersion of the last applied commit.
    var resourceVersion: Int64 { state.withLock { $0.resourceVersion } }

    /// The object for `key`, or `nil`.
    func get(_ key: ObjectKey) -> JSONValue? {
        state.withLock { $0.objects[key.kind]?[key.namespace]?[key.name] }
    }

    /// The objects of `kind` in `namespace` (all namespaces when `nil`), sorted by namespace then name as the
    /// database orders them, and the resourceVersion the list is consistent with.
    func list(kind: String, namespace: String?) -> (items: [(key: ObjectKey, object: JSONValue)], resourceVersion: Int64) {
        state.withLock { state in
            (Self.list(kind: kind, namespace: namespace, in: state), state.resourceVersion)
        }
    }

    /// Runs `body` with a consistent list of `kind` in `namespace` while no commit can be applied, so that e.g. a
    /// watch can subscribe without missing or repeating a change.
    func withList<T>(
        kind: String, namespace: String?,
        _ body: (_ items: [(key: ObjectKey, object: JSONValue)], _ resourceVersion: Int64) throws -> T
    ) rethrows -> T {
        try state.withLock { state in
            try body(Self.list(kind: kind, namespace: namespace, in: state), state.resourceVersion)
        }
    }

    /// Applies a committed transaction's events (in resourceVersion order), then runs `publish` with them before
    /// any other read or commit can interleave.
    func apply(_ events: [StoreEvent], then publish: ([StoreEvent]) -> Void) {
        state.withLock { state in
            for event in events {
                let key = event.key
                switch event.type {
                case .deleted:
                    state.objects[key.kind]?[key.namespace]?[key.name] = nil
                    if state.objects[key.kind]?[key.namespace]?.isEmpty == true {
                        state.objects[key.kind]?[key.namespace] = nil
                    }
                default:
                    state.objects[key.kind, default: [:]][key.namespace, default: [:]][key.name] = event.object
                }
                state.resourceVersion = max(state.resourceVersion, event.resourceVersion)
            }
            publish(events)
        }
    }

    private static func list(kind: String, namespace: String?, in state: State) -> [(key: ObjectKey, object: JSONValue)] {
        guard let byNamespace = state.objects[kind] else { return [] }
        let namespaces = namespace.map { [$0] } ?? byNamespace.keys.sorted(by: Self.databaseOrder)
        var items: [(key: ObjectKey, object: JSONValue)] = []
        for namespace in namespaces {
            guard let byName = byNamespace[namespace] else { continue }
            for name in byName.keys.sorted(by: Self.databaseOrder) {
                items.append((ObjectKey(kind: kind, namespace: namespace, name: name), byName[name]!))
            }
        }
        return items
    }

    /// SQLite's BINARY collation: byte order of the UTF-8 text.
    private static func databaseOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
