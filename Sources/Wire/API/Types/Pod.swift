/// A core/v1 Pod.
public struct Pod: APIResource, Hashable {
    public static let resourceKind = ResourceKind.pod

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: PodSpec
    @OrEmpty public var status: PodStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec(), status: PodStatus = PodStatus()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A pod template (`spec.template` of a DaemonSet, Deployment or ReplicaSet): the metadata and spec of the
/// pods a controller creates.
public struct PodTemplateSpec: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: PodSpec

    public init() {}

    public init(metadata: ObjectMeta, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}
