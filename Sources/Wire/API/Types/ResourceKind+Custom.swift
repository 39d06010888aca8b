import Synchronization

extension ResourceKind {
    /// apiextensions.k8s.io/v1 CustomResourceDefinitions (`crd`, `crds`).
    public static let customResourceDefinition = ResourceKind(
        kind: "CustomResourceDefinition", plural: "customresourcedefinitions", singular: "customresourcedefinition",
        group: "apiextensions.k8s.io", version: "v1", namespaced: false, shortNames: ["crd", "crds"])

    /// A kind a CustomResourceDefinition declares (not one of ``all``): its names as the definition gives them.
    public static func custom(
        kind: String, plural: String, singular: String, group: String, version: String, namespaced: Bool,
        shortNames: [String]
    ) -> ResourceKind {
        ResourceKind(
            kind: kind, plural: plural, singular: singular, group: group, version: version, namespaced: namespaced,
            shortNames: shortNames)
    }

    /// Whether this is one of the kinds built into the API (``all``), not a custom one.
    public var isBuiltIn: Bool { ResourceKind.all.contains(self) }

    /// Custom kinds a client learned from the server's discovery (kctl: custom resources), consulted by
    /// ``lookUp(kind:)`` and ``lookUp(name:)`` after the built-in kinds. Empty in the API server, which keeps its
    /// own registry per server.
    public static let discovered = DiscoveredKinds()

    /// ``forKind(_:)``, then the discovered custom kinds.
    public static func lookUp(kind: String) -> ResourceKind? {
        forKind(kind) ?? discovered.kinds.first { $0.kind == kind }
    }

    /// ``resolve(_:)``, then the discovered custom kinds, matched as kubectl matches names.
    public static func lookUp(name: String) -> ResourceKind? {
        resolve(name) ?? discovered.kinds.first { $0.matches(name: name) }
    }

    /// Whether a user's `name` names this kind: its plural, singular, kind or short names, alone or qualified by
    /// the group (`widgets.example.com`), case-insensitively.
    public func matches(name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == plural || lowered == singular || lowered == kind.lowercased() || shortNames.contains(lowered)
            || lowered == groupResource || lowered == printName || lowered == "\(kind.lowercased()).\(group)"
    }
}

/// A thread-safe list of custom kinds learned at run time (``ResourceKind/discovered``), with the discovery
/// categories each belongs to.
public final class DiscoveredKinds: Sendable {
    private let state = Mutex<(kinds: [ResourceKind], categories: [ResourceKind: [String]])>(([], [:]))

    public init() {}

    /// The kinds learned so far.
    public var kinds: [ResourceKind] { state.withLock { $0.kinds } }

    /// The learned kinds in `category` (`all`: what `get all` lists), each once, in the order learned.
    public func kinds(inCategory category: String) -> [ResourceKind] {
        state.withLock { state in
            var seen = Set<String>()
            return state.kinds.filter { kind in
                state.categories[kind]?.contains(category) == true && seen.insert("\(kind.kind).\(kind.group)").inserted
            }
        }
    }

    /// Replaces the learned kinds (and their categories).
    public func set(_ kinds: [ResourceKind], categories: [ResourceKind: [String]] = [:]) {
        state.withLock { $0 = (kinds, categories) }
    }
}
