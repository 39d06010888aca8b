/// A core/v1 PersistentVolumeClaim: a namespaced request for storage (a size, access modes, a class) that binds to
/// one PersistentVolume. Stored and served as Kubernetes does; the control plane binds claims to statically
/// provisioned volumes but provisions nothing itself.
public struct PersistentVolumeClaim: APIResource, Hashable {
    public static let resourceKind = ResourceKind.persistentVolumeClaim

    /// The claim is waiting for a volume.
    public static let pending = "Pending"
    /// The claim is bound to a volume.
    public static let bound = "Bound"
    /// The claim's volume is gone.
    public static let lost = "Lost"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: PersistentVolumeClaimSpec
    @OrEmpty public var status: PersistentVolumeClaimStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeClaimSpec = PersistentVolumeClaimSpec(),
        status: PersistentVolumeClaimStatus = PersistentVolumeClaimStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a claim asks for (Kubernetes' `PersistentVolumeClaimSpec`; also the spec of a StatefulSet's
/// `volumeClaimTemplates`).
public struct PersistentVolumeClaimSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany`, `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// Only volumes whose labels match may bind.
    public var selector: LabelSelector?
    /// `requests.storage` is the size asked for.
    public var resources: VolumeResourceRequirements?
    /// The volume bound to (set by the binder, or by the user to ask for one volume).
    public var volumeName: String?
    /// The StorageClass; `""` asks for a volume without a class.
    public var storageClassName: String?
    /// `Filesystem` (the default) or `Block`.
    public var volumeMode: String?
    public var dataSource: TypedLocalObjectReference?
    public var dataSourceRef: TypedObjectReference?
    public var volumeAttributesClassName: String?

    public init() {}

    public init(
        accessModes: [String]? = nil, resources: VolumeResourceRequirements? = nil, storageClassName: String? = nil,
        volumeName: String? = nil, selector: LabelSelector? = nil, volumeMode: String? = nil
    ) {
        self.accessModes = accessModes
        self.resources = resources
        self.storageClassName = storageClassName
        self.volumeName = volumeName
        self.selector = selector
        self.volumeMode = volumeMode
    }
}

/// Kubernetes' `VolumeResourceRequirements`: quantities by resource name (`storage: 1Gi`).
public struct VolumeResourceRequirements: Codable, Sendable, Hashable {
    public var limits: [String: String]?
    public var requests: [String: String]?

    public init(limits: [String: String]? = nil, requests: [String: String]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// What the binder and the resizer report about a claim (Kubernetes' `PersistentVolumeClaimStatus`).
public struct PersistentVolumeClaimStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// `Pending`, `Bound` or `Lost`.
    public var phase: String?
    /// The access modes of the bound volume.
    public var accessModes: [String]?
    /// The size of the bound volume.
    public var capacity: [String: String]?
    public var conditions: [PersistentVolumeClaimCondition]?
    public var allocatedResources: [String: String]?
    public var allocatedResourceStatuses: [String: String]?
    public var currentVolumeAttributesClassName: String?
    public var modifyVolumeStatus: ModifyVolumeStatus?

    public init() {}

    public init(phase: String?, accessModes: [String]? = nil, capacity: [String: String]? = nil) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
    }
}

/// One condition of a claim (`Resizing`, `FileSystemResizePending`, ...).
public struct PersistentVolumeClaimCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastProbeTime: String?
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// The state of a claim's pending VolumeAttributesClass change.
public struct ModifyVolumeStatus: Codable, Sendable, Hashable {
    public var targetVolumeAttributesClassName: String?
    @OrEmpty public var status: String

    public init(targetVolumeAttributesClassName: String? = nil, status: String) {
        self.targetVolumeAttributesClassName = targetVolumeAttributesClassName
        self.status = status
    }
}

/// A reference to an object of a kind in the same namespace (Kubernetes' `TypedLocalObjectReference`): a claim's
/// data source, an Ingress backend's resource.
public struct TypedLocalObjectReference: Codable, Sendable, Hashable {
    /// The kind's group; unset for the core group.
    public var apiGroup: String?
    @OrEmpty public var kind: String
    @OrEmpty public var name: String

    public init(apiGroup: String? = nil, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// A reference to an object of a kind, possibly in another namespace (Kubernetes' `TypedObjectReference`).
public struct TypedObjectReference: Codable, Sendable, Hashable {
    public var apiGroup: String?
    @OrEmpty public var kind: String
    @OrEmpty public var name: String
    public var namespace: String?

    public init(apiGroup: String? = nil, kind: String, name: String, namespace: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}
