/// An apps/v1 DaemonSet: one pod per eligible node.
public struct DaemonSet: APIResource, Hashable {
    public static let resourceKind = ResourceKind.daemonSet

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: DaemonSetSpec
    @OrEmpty public var status: DaemonSetStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: DaemonSetSpec = DaemonSetSpec(),
        status: DaemonSetStatus = DaemonSetStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a DaemonSet.
public struct DaemonSetSpec: Codable, Sendable, Hashable, EmptyInitializable {
    public var selector: LabelSelector?
    @OrEmpty public var template: PodTemplateSpec
    @OrEmpty public var updateStrategy: DaemonSetUpdateStrategy
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?

    public init() {}

    public init(
        selector: LabelSelector?, template: PodTemplateSpec,
        updateStrategy: DaemonSetUpdateStrategy = DaemonSetUpdateStrategy(), minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil
    ) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }
}

/// `spec.updateStrategy` of a DaemonSet.
public struct DaemonSetUpdateStrategy: Codable, Sendable, Hashable, EmptyInitializable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    public var rollingUpdate: RollingUpdateDaemonSet?

    public init() {}

    public init(type: String?, rollingUpdate: RollingUpdateDaemonSet? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// `spec.updateStrategy.rollingUpdate` of a DaemonSet.
public struct RollingUpdateDaemonSet: Codable, Sendable, Hashable {
    /// A count or a percentage of desired pods; default 1.
    public var maxUnavailable: IntOrString?
    /// A count or a percentage of desired pods; default 0.
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// `status` of a DaemonSet (see the reference, section 3, for how each count is computed).
public struct DaemonSetStatus: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var currentNumberScheduled: Int32
    @OrEmpty public var numberMisscheduled: Int32
    @OrEmpty public var desiredNumberScheduled: Int32
    @OrEmpty public var numberReady: Int32
    public var observedGeneration: Int64?
    public var updatedNumberScheduled: Int32?
    public var numberAvailable: Int32?
    public var numberUnavailable: Int32?
    public var collisionCount: Int32?
    public var conditions: [DaemonSetCondition]?

    public init() {}
}

/// One entry of `status.conditions` of a DaemonSet.
public struct DaemonSetCondition: Codable, Sendable, Hashable {
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
