/// A discovery.k8s.io/v1 EndpointSlice: a group of a Service's endpoints (at most 100 in Kubernetes), with the ports
/// they serve. The endpoints controller keeps one per selector Service, labelled
/// `kubernetes.io/service-name: <service>`; kubectl reads them to describe a Service.
public struct EndpointSlice: APIResource, Hashable {
    public static let resourceKind = ResourceKind.endpointSlice

    /// The label naming the Service a slice belongs to.
    public static let serviceNameLabel = "kubernetes.io/service-name"
    /// The label naming who manages a slice.
    public static let managedByLabel = "endpointslice.kubernetes.io/managed-by"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// `IPv4`, `IPv6` or `FQDN`: what the endpoints' addresses are.
    @OrEmpty public var addressType: String
    public var endpoints: [SliceEndpoint]?
    public var ports: [SlicePort]?

    public init(
        metadata: ObjectMeta = ObjectMeta(), addressType: String = "IPv4", endpoints: [SliceEndpoint]? = nil,
        ports: [SlicePort]? = nil
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }
}

/// One endpoint of an ``EndpointSlice`` (Kubernetes' `discovery/v1.Endpoint`): its addresses (one for a pod), its
/// conditions, and where it runs.
public struct SliceEndpoint: Codable, Sendable, Hashable {
    @OrEmpty public var addresses: [String]
    public var conditions: EndpointConditions?
    public var hostname: String?
    public var targetRef: ObjectReference?
    public var nodeName: String?
    public var zone: String?
    /// Topology hints, carried as sent.
    public var hints: JSONValue?

    public init(
        addresses: [String], conditions: EndpointConditions? = nil, hostname: String? = nil,
        targetRef: ObjectReference? = nil, nodeName: String? = nil, zone: String? = nil
    ) {
        self.addresses = addresses
        self.conditions = conditions
        self.hostname = hostname
        self.targetRef = targetRef
        self.nodeName = nodeName
        self.zone = zone
    }
}

/// The state of one endpoint: `ready` (may take new traffic), `serving` (ready, terminating or not),
/// `terminating`. Unset means unknown (consumers read an unset `ready` as ready).
public struct EndpointConditions: Codable, Sendable, Hashable {
    public var ready: Bool?
    public var serving: Bool?
    public var terminating: Bool?

    public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}

/// One port of an ``EndpointSlice`` (Kubernetes' `discovery/v1.EndpointPort`): the service port's name, the
/// endpoints' port number, the protocol.
public struct SlicePort: Codable, Sendable, Hashable {
    public var name: String?
    public var port: Int32?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var appProtocol: String?

    public init(name: String? = nil, port: Int32? = nil, protocol: String? = nil, appProtocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }
}
