/// An apps/v1 ReplicaSet: a fixed number of identical pods.
public struct ReplicaSet: APIResource, Hashable {
    public static let resourceKind = ResourceKind.replicaSet

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: ReplicaSetSpec
    @OrEmpty public var status: ReplicaSetStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: ReplicaSetSpec = ReplicaSetSpec(),
        status: ReplicaSetStatus = ReplicaSetStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a ReplicaSet.
public struct ReplicaSetSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Default 1.
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: LabelSelector?
    @OrEmpty public var template: PodTemplateSpec

    public init() {}

    public init(replicas: Int32? = nil, minReadySeconds: Int32? = nil, selector: LabelSelector?, template: PodTemplateSpec) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }
}

/// `status` of a ReplicaSet.
public struct ReplicaSetStatus: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var replicas: Int32
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicaSetCondition]?

    public init() {}
}

/// One entry of `status.conditions` of a ReplicaSet (`ReplicaFailure`).
public struct ReplicaSetCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, lastTransitionTime: String? = nil, reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
