import KubeAPI
import Wire

/// What the garbage collector needs to know about one object: its identity and its owner references.
struct GCObject: Sendable, Hashable {
    var kind: String
    /// Empty for cluster-scoped objects.
    var namespace: String
    var name: String
    var uid: String
    var ownerReferences: [OwnerReference]
    /// Already being deleted (`metadata.deletionTimestamp` set).
    var deleting: Bool

    init(
        kind: String, namespace: String = "", name: String, uid: String, ownerReferences: [OwnerReference] = [],
        deleting: Bool = false
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.ownerReferences = ownerReferences
        self.deleting = deleting
    }

    /// From an object's metadata; `nil` when it has no name or uid (not yet stored).
    init?(kind: String, metadata: ObjectMeta) {
        guard let name = metadata.name, !name.isEmpty, let uid = metadata.uid, !uid.isEmpty else { return nil }
        self.init(
            kind: kind, namespace: metadata.namespace ?? "", name: name, uid: uid,
            ownerReferences: metadata.ownerReferences ?? [], deleting: metadata.deletionTimestamp != nil)
    }

    /// Whether one of the owner references points at `ownerUID`.
    func isOwned(by ownerUID: String) -> Bool {
        ownerReferences.contains { $0.uid == ownerUID }
    }
}
