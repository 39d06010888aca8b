import KubeAPI
import Wire

/// Maps changed objects to the keys of the controllers that own them. Pure.
enum OwnerKeys {
    /// `namespace/name` of the object's controller if it is of `ownerKind`.
    static func controllerKey(of object: JSONValue, ownerKind: String) -> String? {
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        for reference in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        where reference["controller"]?.boolValue == true && reference["kind"]?.stringValue == ownerKind {
            if let name = reference["name"]?.stringValue { return NamespacedKey.make(namespace: namespace, name: name) }
        }
        return nil
    }

    /// Whether the object has a controller at all.
    static func hasController(_ object: JSONValue) -> Bool {
        (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains { $0["controller"]?.boolValue == true }
    }

    /// `namespace/name` of the object itself.
    static func key(of object: JSONValue) -> String { NamespacedKey.of(object) }

    /// The keys of the objects among `candidates` whose selector selects `object` (orphan adoption).
    static func selecting(_ object: JSONValue, among candidates: [JSONValue]) -> [String] {
        let labels = object[path: ["metadata", "labels"]]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        return candidates.compactMap { candidate in
            guard let selector = try? candidate[path: ["spec", "selector"]]?.decode(as: LabelSelector.self),
                let compiled = try? selector.selector(), !compiled.isEmpty, compiled.matches(labels)
            else { return nil }
            return key(of: candidate)
        }
    }
}
