import KubeAPI
import Synchronization
import Wire

/// The controllers' typed view of stored objects, decoded once per resourceVersion.
///
/// Controllers re-list their world on every sync (so they need no expectations); decoding every listed object into
/// its Swift type each time made a sync cost grow with the cluster. An object's JSON never changes without a new
/// resourceVersion, so a typed value decoded for one resourceVersion is reused until the object changes. Lists of
/// a whole kind (or a whole namespace of it) drop the entries of objects that are gone.
final class DecodedObjectMemo: Sendable {
    private struct Entry {
        let resourceVersion: String
        let value: any Sendable
    }

    /// kind → namespace → name → entry.
    private let entries = Mutex<[String: [String: [String: Entry]]]>([:])

    init() {}

    /// `object` as `R`, from the memo when this resourceVersion was decoded before.
    func decode<R: APIResource>(_ object: JSONValue, as type: R.Type) throws -> R {
        let metadata = object["metadata"]
        guard let resourceVersion = metadata?["resourceVersion"]?.stringValue,
            let name = metadata?["name"]?.stringValue
        else { return try object.decode(as: R.self) }
        let kind = R.resourceKind.kind
        let namespace = metadata?["namespace"]?.stringValue ?? ""
        let cached = entries.withLock { $0[kind]?[namespace]?[name] }
        if let cached, cached.resourceVersion == resourceVersion, let value = cached.value as? R { return value }
        let value = try object.decode(as: R.self)
        entries.withLock { $0[kind, default: [:]][namespace, default: [:]][name] = Entry(
            resourceVersion: resourceVersion, value: value) }
        return value
    }

    /// Decodes a complete list of `R` in `namespace` (every namespace when nil) and forgets the memo's other
    /// objects of that scope: they no longer exist.
    func decodeList<R: APIResource>(_ objects: [JSONValue], as type: R.Type, namespace: String?) throws -> [R] {
        let values = try objects.map { try decode($0, as: R.self) }
        var present: [String: Set<String>] = [:]
        for object in objects {
            let metadata = object["metadata"]
            present[metadata?["namespace"]?.stringValue ?? "", default: []]
                .insert(metadata?["name"]?.stringValue ?? "")
        }
        entries.withLock { entries in
            guard var byNamespace = entries[R.resourceKind.kind] else { return }
            var changed = false
            for scope in byNamespace.keys where namespace == nil || scope == namespace {
                let listed = present[scope] ?? []
                // Every listed object was just memoised: only a scope holding more than the list has gone objects.
                guard let held = byNamespace[scope], held.count > listed.count else { continue }
                byNamespace[scope] = held.filter { name, _ in listed.contains(name) }
                changed = true
            }
            if changed { entries[R.resourceKind.kind] = byNamespace }
        }
        return values
    }

    /// How many decoded objects the memo holds (tests).
    var count: Int { entries.withLock { $0.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } } }
}
