/// A storage.k8s.io/v1 CSIDriver: how Kubernetes should treat a CSI volume driver installed in the cluster (whether
/// volumes are attached, whether the driver wants pod information on mount...). Stored and served as Kubernetes does;
/// no CSI driver is called.
public struct CSIDriver: APIResource, Hashable {
    public static let resourceKind = ResourceKind.csiDriver

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: CSIDriverSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: CSIDriverSpec = CSIDriverSpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Kubernetes' `CSIDriverSpec`. Every optional flag has a default (see the API server's defaults).
public struct CSIDriverSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Whether volumes need attaching (a VolumeAttachment) before mounting; default true. Cannot change.
    public var attachRequired: Bool?
    /// Whether the driver gets the pod's name, namespace, uid and service account on mount; default false.
    public var podInfoOnMount: Bool?
    /// `Persistent` (the default) and/or `Ephemeral`. Cannot change.
    public var volumeLifecycleModes: [String]?
    /// Whether the scheduler considers the driver's reported capacity; default false.
    public var storageCapacity: Bool?
    /// `ReadWriteOnceWithFSType` (the default), `File` or `None`.
    public var fsGroupPolicy: String?
    /// Service account tokens the kubelet passes to the driver on mount.
    public var tokenRequests: [CSITokenRequest]?
    /// Whether the kubelet calls NodePublishVolume periodically; default false.
    public var requiresRepublish: Bool?
    /// Whether the driver supports the `-o context` mount option; default false.
    public var seLinuxMount: Bool?

    public init() {}

    public init(attachRequired: Bool? = nil, podInfoOnMount: Bool? = nil, volumeLifecycleModes: [String]? = nil) {
        self.attachRequired = attachRequired
        self.podInfoOnMount = podInfoOnMount
        self.volumeLifecycleModes = volumeLifecycleModes
    }
}

/// A token the kubelet requests for a CSI driver (Kubernetes' storage/v1 `TokenRequest`).
public struct CSITokenRequest: Codable, Sendable, Hashable {
    /// The token's audience; empty for the API server's.
    @OrEmpty public var audience: String
    public var expirationSeconds: Int64?

    public init(audience: String, expirationSeconds: Int64? = nil) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
    }
}
