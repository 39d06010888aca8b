import KubeAPI
import Wire

/// Maps changed objects to the keys of the controllers that own them. Pure.
enum OwnerKeys {
    /// `namespace/name` of the object's controller if it is of `ownerKind`.
    static func controllerKey(of object: any APIResource, ownerKind: String) -> String? {
        guard let owner = object.metadata.controllerRef, owner.kind == ownerKind else { return nil }
        return NamespacedKey.make(namespace: object.namespace, name: owner.name)
    }

    /// Whether the object has a controller at all.
    static func hasController(_ object: any APIResource) -> Bool { object.metadata.controllerRef != nil }

    /// `namespace/name` of the object itself.
    static func key(of object: any APIResource) -> String {
        NamespacedKey.make(namespace: object.namespace, name: object.name)
    }

    /// The keys of the objects among `candidates` whose `selector` selects `object` (orphan adoption).
    static func selecting<Owner: APIResource>(
        _ object: any APIResource, among candidates: [Owner], selector: (Owner) -> LabelSelector?
    ) -> [String] {
        candidates.compactMap { candidate in
            guard let compiled = try? selector(candidate)?.selector(), !compiled.isEmpty,
                compiled.matches(object.labels)
            else { return nil }
            return key(of: candidate)
        }
    }

    /// The keys a change of a pod (or another owned object) means for a controller of `Owner`s: its controller's
    /// key, or, for an orphan, the owners in its namespace whose selector picks it.
    static func owners<Owner: APIResource>(
        of object: any APIResource, in informer: Informer<Owner>, selector: (Owner) -> LabelSelector?
    ) -> [String] {
        if let owner = controllerKey(of: object, ownerKind: Owner.resourceKind.kind) { return [owner] }
        if hasController(object) { return [] }
        return selecting(object, among: informer.list(namespace: object.namespace), selector: selector)
    }
}
