/// A core/v1 PersistentVolume: a cluster-scoped piece of storage (a host path, a local disk, an NFS export, a CSI
/// volume...) that one claim at a time can bind. Stored and served as Kubernetes does; no volume is attached or
/// mounted for it.
public struct PersistentVolume: APIResource, Hashable {
    public static let resourceKind = ResourceKind.persistentVolume

    /// Created, not yet available (Kubernetes' initial phase).
    public static let pending = "Pending"
    /// Free for a claim to bind.
    public static let available = "Available"
    /// Bound to a claim.
    public static let bound = "Bound"
    /// Its claim was deleted; not yet reclaimed.
    public static let released = "Released"
    /// Reclaiming failed.
    public static let failed = "Failed"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: PersistentVolumeSpec
    @OrEmpty public var status: PersistentVolumeStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeSpec = PersistentVolumeSpec(),
        status: PersistentVolumeStatus = PersistentVolumeStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a volume is and offers (Kubernetes' `PersistentVolumeSpec`, its volume source inlined). Each source is carried
/// as sent; exactly one is set.
public struct PersistentVolumeSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// `storage: 10Gi`.
    public var capacity: [String: String]?
    public var gcePersistentDisk: JSONValue?
    public var awsElasticBlockStore: JSONValue?
    public var hostPath: JSONValue?
    public var glusterfs: JSONValue?
    public var nfs: JSONValue?
    public var rbd: JSONValue?
    public var iscsi: JSONValue?
    public var cinder: JSONValue?
    public var cephfs: JSONValue?
    public var fc: JSONValue?
    public var flocker: JSONValue?
    public var flexVolume: JSONValue?
    public var azureFile: JSONValue?
    public var vsphereVolume: JSONValue?
    public var quobyte: JSONValue?
    public var azureDisk: JSONValue?
    public var photonPersistentDisk: JSONValue?
    public var portworxVolume: JSONValue?
    public var scaleIO: JSONValue?
    public var local: JSONValue?
    public var storageos: JSONValue?
    public var csi: JSONValue?
    /// `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany`, `ReadWriteOncePod`.
    public var accessModes: [String]?
    /// The claim bound to it (or reserved for it).
    public var claimRef: ObjectReference?
    /// `Retain` (the default), `Delete` or `Recycle`.
    public var persistentVolumeReclaimPolicy: String?
    /// The StorageClass it belongs to; empty for none.
    public var storageClassName: String?
    public var mountOptions: [String]?
    /// `Filesystem` (the default) or `Block`.
    public var volumeMode: String?
    /// The nodes it can be reached from.
    public var nodeAffinity: VolumeNodeAffinity?
    public var volumeAttributesClassName: String?

    /// The names of the volume source fields, in Kubernetes' order.
    public static let sourceFields = [
        "gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder",
        "cephfs", "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
        "photonPersistentDisk", "portworxVolume", "scaleIO", "local", "storageos", "csi",
    ]

    public init() {}

    public init(
        capacity: [String: String]? = nil, accessModes: [String]? = nil, hostPath: JSONValue? = nil,
        storageClassName: String? = nil, claimRef: ObjectReference? = nil
    ) {
        self.capacity = capacity
        self.accessModes = accessModes
        self.hostPath = hostPath
        self.storageClassName = storageClassName
        self.claimRef = claimRef
    }

    /// The source fields that are set, with their values, in Kubernetes' order.
    public var sources: [(name: String, value: JSONValue)] {
        let all: [(String, JSONValue?)] = [
            ("gcePersistentDisk", gcePersistentDisk), ("awsElasticBlockStore", awsElasticBlockStore),
            ("hostPath", hostPath), ("glusterfs", glusterfs), ("nfs", nfs), ("rbd", rbd), ("iscsi", iscsi),
            ("cinder", cinder), ("cephfs", cephfs), ("fc", fc), ("flocker", flocker), ("flexVolume", flexVolume),
            ("azureFile", azureFile), ("vsphereVolume", vsphereVolume), ("quobyte", quobyte), ("azureDisk", azureDisk),
            ("photonPersistentDisk", photonPersistentDisk), ("portworxVolume", portworxVolume), ("scaleIO", scaleIO),
            ("local", local), ("storageos", storageos), ("csi", csi),
        ]
        return all.compactMap { name, value in
            guard let value, value != .null else { return nil }
            return (name, value)
        }
    }
}

/// The nodes a volume can be reached from (Kubernetes' `VolumeNodeAffinity`).
public struct VolumeNodeAffinity: Codable, Sendable, Hashable {
    public var required: NodeSelector?

    public init(required: NodeSelector? = nil) {
        self.required = required
    }
}

/// Where a volume is in its life (Kubernetes' `PersistentVolumeStatus`).
public struct PersistentVolumeStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// `Pending`, `Available`, `Bound`, `Released` or `Failed`.
    public var phase: String?
    public var message: String?
    public var reason: String?
    /// When `phase` last changed.
    public var lastPhaseTransitionTime: String?

    public init() {}

    public init(phase: String?, lastPhaseTransitionTime: String? = nil) {
        self.phase = phase
        self.lastPhaseTransitionTime = lastPhaseTransitionTime
    }
}
