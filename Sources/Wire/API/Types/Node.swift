/// A core/v1 Node: a machine (here, a kubeletd agent) that runs pods.
public struct Node: APIResource, Hashable {
    public static let resourceKind = ResourceKind.node

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: NodeSpec
    @OrEmpty public var status: NodeStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NodeSpec = NodeSpec(), status: NodeStatus = NodeStatus()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a Node.
public struct NodeSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// `10.244.1.0/24`
    public var podCIDR: String?
    public var podCIDRs: [String]?
    public var providerID: String?
    /// Set by `cordon`: no new pods are scheduled here.
    public var unschedulable: Bool?
    public var taints: [Taint]?
    /// Deprecated; carried as sent.
    public var configSource: JSONValue?
    /// Deprecated; carried as sent.
    public var externalID: String?

    public init() {}

    public init(
        podCIDR: String? = nil, podCIDRs: [String]? = nil, providerID: String? = nil, unschedulable: Bool? = nil,
        taints: [Taint]? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// A node taint: pods that do not tolerate it are kept off (`NoSchedule`, `PreferNoSchedule`) or evicted
/// (`NoExecute`).
public struct Taint: Codable, Sendable, Hashable {
    @OrEmpty public var key: String
    public var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    @OrEmpty public var effect: String
    /// When a `NoExecute` taint was added (RFC 3339).
    public var timeAdded: String?

    public init(key: String, value: String? = nil, effect: String, timeAdded: String? = nil) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }
}

/// `status` of a Node, as the kubelet reports it.
public struct NodeStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// Quantities: `cpu: "2"`, `memory: 4Gi`, `pods: "110"`.
    public var capacity: [String: String]?
    public var allocatable: [String: String]?
    /// Deprecated; carried as sent.
    public var phase: String?
    public var conditions: [NodeCondition]?
    public var addresses: [NodeAddress]?
    /// `{kubeletEndpoint: {Port: 10250}}`; carried as sent.
    public var daemonEndpoints: JSONValue?
    public var nodeInfo: NodeSystemInfo?
    /// Carried as sent.
    public var images: JSONValue?
    public var volumesInUse: [String]?
    /// Carried as sent.
    public var volumesAttached: JSONValue?
    /// Carried as sent.
    public var config: JSONValue?
    /// Carried as sent.
    public var runtimeHandlers: JSONValue?
    /// Carried as sent.
    public var features: JSONValue?

    public init() {}

    public init(
        capacity: [String: String]? = nil, allocatable: [String: String]? = nil, conditions: [NodeCondition]? = nil,
        addresses: [NodeAddress]? = nil, daemonEndpoints: JSONValue? = nil, nodeInfo: NodeSystemInfo? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.addresses = addresses
        self.daemonEndpoints = daemonEndpoints
        self.nodeInfo = nodeInfo
    }

    /// The condition of the given type (`Ready`), if reported.
    public func condition(_ type: String) -> NodeCondition? {
        conditions?.first { $0.type == type }
    }
}

/// One entry of `status.conditions` of a Node: `Ready`, `MemoryPressure`, `DiskPressure`, `PIDPressure`,
/// `NetworkUnavailable`.
public struct NodeCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    /// `True`, `False` or `Unknown`.
    @OrEmpty public var status: String
    public var lastHeartbeatTime: String?
    public var lastTransitionTime: String?
    /// `KubeletReady`, `NodeStatusUnknown`...
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, lastHeartbeatTime: String? = nil, lastTransitionTime: String? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// One entry of `status.addresses`: `InternalIP`, `ExternalIP`, `Hostname`...
public struct NodeAddress: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var address: String

    public init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}

/// `status.nodeInfo`: versions and identifiers of the node's software.
public struct NodeSystemInfo: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var machineID: String
    @OrEmpty public var systemUUID: String
    /// Changes on every boot: a new bootID is a new incarnation of the node.
    @OrEmpty public var bootID: String
    @OrEmpty public var kernelVersion: String
    @OrEmpty public var osImage: String
    @OrEmpty public var containerRuntimeVersion: String
    @OrEmpty public var kubeletVersion: String
    @OrEmpty public var kubeProxyVersion: String
    @OrEmpty public var operatingSystem: String
    @OrEmpty public var architecture: String
    /// Carried as sent.
    public var swap: JSONValue?

    public init() {}

    public init(
        machineID: String = "", systemUUID: String = "", bootID: String = "", kernelVersion: String = "",
        osImage: String = "", containerRuntimeVersion: String = "", kubeletVersion: String = "",
        kubeProxyVersion: String = "", operatingSystem: String = "linux", architecture: String = "amd64"
    ) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}
