/// An apps/v1 StatefulSet: pods with stable names (`<name>-<ordinal>`), created, scaled and updated in order.
public struct StatefulSet: APIResource, Hashable {
    public static let resourceKind = ResourceKind.statefulSet

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: StatefulSetSpec
    @OrEmpty public var status: StatefulSetStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: StatefulSetSpec = StatefulSetSpec(),
        status: StatefulSetStatus = StatefulSetStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a StatefulSet.
public struct StatefulSetSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Default 1.
    public var replicas: Int32?
    public var selector: LabelSelector?
    @OrEmpty public var template: PodTemplateSpec
    /// PersistentVolumeClaim templates: each pod gets a claim `<template>-<set>-<ordinal>` made from each, mounted
    /// as the volume named after the template.
    public var volumeClaimTemplates: [PersistentVolumeClaim]?
    /// The headless Service that gives the pods their DNS names (`<pod>.<serviceName>`); always written.
    @OrEmpty public var serviceName: String
    /// `OrderedReady` (default) or `Parallel`.
    public var podManagementPolicy: String?
    @OrEmpty public var updateStrategy: StatefulSetUpdateStrategy
    public var revisionHistoryLimit: Int32?
    public var minReadySeconds: Int32?
    public var persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy?
    public var ordinals: StatefulSetOrdinals?

    public init() {}

    public init(
        replicas: Int32? = nil, selector: LabelSelector?, template: PodTemplateSpec, serviceName: String = "",
        podManagementPolicy: String? = nil,
        updateStrategy: StatefulSetUpdateStrategy = StatefulSetUpdateStrategy(), minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil, ordinals: StatefulSetOrdinals? = nil,
        volumeClaimTemplates: [PersistentVolumeClaim]? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.ordinals = ordinals
        self.volumeClaimTemplates = volumeClaimTemplates
    }
}

/// `spec.updateStrategy` of a StatefulSet.
public struct StatefulSetUpdateStrategy: Codable, Sendable, Hashable, EmptyInitializable {
    /// `RollingUpdate` (default) or `OnDelete`.
    public var type: String?
    public var rollingUpdate: RollingUpdateStatefulSetStrategy?

    public init() {}

    public init(type: String?, rollingUpdate: RollingUpdateStatefulSetStrategy? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// `spec.updateStrategy.rollingUpdate` of a StatefulSet.
public struct RollingUpdateStatefulSetStrategy: Codable, Sendable, Hashable {
    /// Pods with an ordinal below the partition keep the current revision; default 0.
    public var partition: Int32?
    /// A count or a percentage (Kubernetes' `MaxUnavailableStatefulSet` feature, off by default); default 1.
    public var maxUnavailable: IntOrString?

    public init(partition: Int32? = nil, maxUnavailable: IntOrString? = nil) {
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }
}

/// `spec.persistentVolumeClaimRetentionPolicy` of a StatefulSet: `Retain` (default) or `Delete` for each.
public struct StatefulSetPersistentVolumeClaimRetentionPolicy: Codable, Sendable, Hashable {
    public var whenDeleted: String?
    public var whenScaled: String?

    public init(whenDeleted: String? = nil, whenScaled: String? = nil) {
        self.whenDeleted = whenDeleted
        self.whenScaled = whenScaled
    }
}

/// `spec.ordinals` of a StatefulSet: the first pod's ordinal.
public struct StatefulSetOrdinals: Codable, Sendable, Hashable {
    @OrEmpty public var start: Int32

    public init(start: Int32 = 0) {
        self.start = start
    }
}

/// `status` of a StatefulSet.
public struct StatefulSetStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var observedGeneration: Int64?
    /// Pods created by the controller (always written).
    @OrEmpty public var replicas: Int32
    public var readyReplicas: Int32?
    /// Pods at `currentRevision`.
    public var currentReplicas: Int32?
    /// Pods at `updateRevision`.
    public var updatedReplicas: Int32?
    public var currentRevision: String?
    public var updateRevision: String?
    public var collisionCount: Int32?
    public var conditions: [StatefulSetCondition]?
    /// Ready for at least `minReadySeconds` (always written).
    @OrEmpty public var availableReplicas: Int32

    public init() {}
}

/// One entry of `status.conditions` of a StatefulSet.
public struct StatefulSetCondition: Codable, Sendable, Hashable {
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

extension StatefulSet {
    /// `spec.replicas`, 1 when unset.
    public var desiredReplicas: Int { Int(spec.replicas ?? 1) }

    /// `spec.ordinals.start`, 0 when unset.
    public var startOrdinal: Int { Int(spec.ordinals?.start ?? 0) }

    /// `OrderedReady` unless `Parallel`.
    public var isParallel: Bool { spec.podManagementPolicy == "Parallel" }

    /// The strategy type is `RollingUpdate` (the default when absent).
    public var isRollingUpdate: Bool { (spec.updateStrategy.type ?? "RollingUpdate") == "RollingUpdate" }

    /// `spec.updateStrategy.rollingUpdate.partition`, 0 when unset.
    public var partition: Int { Int(spec.updateStrategy.rollingUpdate?.partition ?? 0) }
}
