/// Standard object metadata (`metadata`), with Kubernetes' JSON field names.
///
/// Timestamps are RFC 3339 strings (`2026-11-24T21:45:12Z`), as on the wire; see ``Timestamp`` to read and write them.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: String?
    public var deletionTimestamp: String?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    /// Carried as sent; never interpreted (server-side apply bookkeeping).
    public var managedFields: JSONValue?
    public var selfLink: String?

    public init(
        name: String? = nil,
        generateName: String? = nil,
        namespace: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }

    /// The ownerReference with `controller: true`, if any.
    public var controllerRef: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

/// An entry of `metadata.ownerReferences`.
public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
                blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// List metadata (`metadata` of a `...List`).
public struct ListMeta: Codable, Sendable, Hashable {
    public var resourceVersion: String?
    public var `continue`: String?

    public init(resourceVersion: String? = nil) {
        self.resourceVersion = resourceVersion
    }
}
