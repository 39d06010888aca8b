/// An apps/v1 Deployment: declarative updates of ReplicaSets.
public struct Deployment: APIResource, Hashable {
    public static let resourceKind = ResourceKind.deployment

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: DeploymentSpec
    @OrEmpty public var status: DeploymentStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec = DeploymentSpec(),
        status: DeploymentStatus = DeploymentStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a Deployment.
public struct DeploymentSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Default 1.
    public var replicas: Int32?
    public var selector: LabelSelector?
    @OrEmpty public var template: PodTemplateSpec
    @OrEmpty public var strategy: DeploymentStrategy
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?

    public init() {}

    public init(
        replicas: Int32? = nil, selector: LabelSelector?, template: PodTemplateSpec,
        strategy: DeploymentStrategy = DeploymentStrategy(), minReadySeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
    }
}

/// `spec.strategy` of a Deployment.
public struct DeploymentStrategy: Codable, Sendable, Hashable, EmptyInitializable {
    /// `RollingUpdate` (default) or `Recreate`.
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init() {}

    public init(type: String?, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// `spec.strategy.rollingUpdate` of a Deployment.
public struct RollingUpdateDeployment: Codable, Sendable, Hashable {
    /// A count or a percentage of replicas; default `25%`.
    public var maxUnavailable: IntOrString?
    /// A count or a percentage of replicas; default `25%`.
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// `status` of a Deployment.
public struct DeploymentStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var conditions: [DeploymentCondition]?
    public var collisionCount: Int32?

    public init() {}
}

/// One entry of `status.conditions` of a Deployment: `Available`, `Progressing`, `ReplicaFailure`.
public struct DeploymentCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastUpdateTime: String?
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, lastUpdateTime: String? = nil, lastTransitionTime: String? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
