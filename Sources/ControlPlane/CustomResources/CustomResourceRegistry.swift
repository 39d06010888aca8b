import KubeAPI
import Synchronization
import Wire

/// The custom kinds an API server serves: one ``CustomResourceType`` per stored, established
/// CustomResourceDefinition, read from the store (so a definition serves its kind from the moment its write is
/// acknowledged, and again after a restart) and rebuilt only when a definition changed.
///
/// A definition whose kind is already taken (by a built-in kind, or by an earlier definition) is not served: the
/// store keys objects by kind, so two kinds of one name cannot both be kept.
final class CustomResourceRegistry: Sendable {
    private struct Snapshot {
        /// Each definition's name and resourceVersion, as last compiled.
        var fingerprint: [String: String] = [:]
        var types: [CustomResourceType] = []
    }

    private let store: any ObjectStorage
    private let snapshot = Mutex(Snapshot())

    init(store: any ObjectStorage) {
        self.store = store
    }

    /// The served custom kinds, in the definitions' name order.
    var types: [CustomResourceType] {
        let definitions = (try? store.list(kind: ResourceKind.customResourceDefinition.kind, namespace: nil).items) ?? []
        var fingerprint: [String: String] = [:]
        for definition in definitions {
            fingerprint[definition[path: ["metadata", "name"]]?.stringValue ?? ""] =
                definition[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        }
        return snapshot.withLock { snapshot in
            if snapshot.fingerprint == fingerprint { return snapshot.types }
            snapshot.fingerprint = fingerprint
            snapshot.types = Self.compile(definitions)
            return snapshot.types
        }
    }

    /// The types of `definitions`: established ones that serve a version, each kind name once.
    static func compile(_ definitions: [JSONValue]) -> [CustomResourceType] {
        var taken = Set(ResourceKind.all.map(\.kind))
        var types: [CustomResourceType] = []
        for json in definitions {
            guard let definition = try? json.decode(as: CustomResourceDefinition.self),
                definition.metadata.deletionTimestamp == nil,
                definition.status.conditions?.contains(where: { $0.type == "Established" && $0.status == "True" }) == true,
                let type = CustomResourceType(definition: definition), taken.insert(type.kind.kind).inserted
            else { continue }
            types.append(type)
        }
        return types
    }

    /// The type serving `kind` (matched by kind name and group).
    func type(for kind: ResourceKind) -> CustomResourceType? {
        guard !kind.isBuiltIn else { return nil }
        return types.first { $0.kind.kind == kind.kind && $0.kind.group == kind.group }
    }

    /// The custom kind a request names: its kind (`Widget`), or any name a user types (`widgets`,
    /// `widgets.example.com`, a short name).
    func kind(named name: String) -> ResourceKind? {
        let all = types
        return all.first { $0.kind.kind == name }?.kind ?? all.first { $0.kind.matches(name: name) }?.kind
    }
}
