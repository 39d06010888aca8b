/// A core/v1 Service: a stable virtual IP (or DNS name) in front of the pods its selector picks.
///
/// Named `ServiceObject`, not `Service`, so that it does not clash with ServiceLifecycle's `Service` protocol in
/// the modules that import both; its kind on the wire is `Service`.
public struct ServiceObject: APIResource, Hashable {
    public static let resourceKind = ResourceKind.service

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: ServiceSpec
    @OrEmpty public var status: ServiceStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec = ServiceSpec(), status: ServiceStatus = ServiceStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a Service.
public struct ServiceSpec: Codable, Sendable, Hashable, EmptyInitializable {
    public var ports: [ServicePort]?
    public var selector: [String: String]?
    /// An address from the service CIDR, or `None` for a headless service.
    public var clusterIP: String?
    public var clusterIPs: [String]?
    /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String?
    public var externalIPs: [String]?
    /// `None` (default) or `ClientIP`.
    public var sessionAffinity: String?
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    public var externalName: String?
    /// `Cluster` or `Local`.
    public var externalTrafficPolicy: String?
    public var healthCheckNodePort: Int32?
    public var publishNotReadyAddresses: Bool?
    public var sessionAffinityConfig: JSONValue?
    public var ipFamilies: [String]?
    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String?
    public var allocateLoadBalancerNodePorts: Bool?
    public var loadBalancerClass: String?
    /// `Cluster` or `Local`.
    public var internalTrafficPolicy: String?
    public var trafficDistribution: String?

    public init() {}

    public init(
        type: String? = nil, selector: [String: String]?, ports: [ServicePort]?, clusterIP: String? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
    }
}

/// One entry of a Service's `ports`.
public struct ServicePort: Codable, Sendable, Hashable {
    public var name: String?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var appProtocol: String?
    @OrEmpty public var port: Int32
    /// A number, or the name of a container port; defaults to `port`.
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(
        name: String? = nil, protocol: String? = nil, port: Int32, targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// `status` of a Service.
public struct ServiceStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// `{ingress: [{ip: ...}]}`; carried as sent.
    public var loadBalancer: JSONValue?
    /// Carried as sent.
    public var conditions: JSONValue?

    public init() {}
}
