/// A networking.k8s.io/v1 Ingress: HTTP routes (host and path) from outside the cluster to Services, for the ingress
/// controller of its class. Stored and served as Kubernetes does; no ingress controller routes traffic here.
public struct Ingress: APIResource, Hashable {
    public static let resourceKind = ResourceKind.ingress

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: IngressSpec
    @OrEmpty public var status: IngressStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: IngressSpec = IngressSpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Kubernetes' `IngressSpec`.
public struct IngressSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// The IngressClass that implements it.
    public var ingressClassName: String?
    /// Where requests no rule matches go.
    public var defaultBackend: IngressBackend?
    public var tls: [IngressTLS]?
    public var rules: [IngressRule]?

    public init() {}

    public init(
        ingressClassName: String? = nil, defaultBackend: IngressBackend? = nil, tls: [IngressTLS]? = nil,
        rules: [IngressRule]? = nil
    ) {
        self.ingressClassName = ingressClassName
        self.defaultBackend = defaultBackend
        self.tls = tls
        self.rules = rules
    }
}

/// Hosts served over TLS with the certificate in `secretName`.
public struct IngressTLS: Codable, Sendable, Hashable {
    public var hosts: [String]?
    public var secretName: String?

    public init(hosts: [String]? = nil, secretName: String? = nil) {
        self.hosts = hosts
        self.secretName = secretName
    }
}

/// The routes of one host (every host when `host` is empty).
public struct IngressRule: Codable, Sendable, Hashable {
    public var host: String?
    public var http: HTTPIngressRuleValue?

    public init(host: String? = nil, http: HTTPIngressRuleValue? = nil) {
        self.host = host
        self.http = http
    }
}

/// The HTTP paths of a rule.
public struct HTTPIngressRuleValue: Codable, Sendable, Hashable {
    @OrEmpty public var paths: [HTTPIngressPath]

    public init(paths: [HTTPIngressPath]) {
        self.paths = paths
    }
}

/// A path and where its requests go.
public struct HTTPIngressPath: Codable, Sendable, Hashable {
    public var path: String?
    /// `Exact`, `Prefix` or `ImplementationSpecific`; required.
    public var pathType: String?
    @OrEmpty public var backend: IngressBackend

    public init(path: String? = nil, pathType: String? = nil, backend: IngressBackend) {
        self.path = path
        self.pathType = pathType
        self.backend = backend
    }
}

/// Where requests go: a Service port, or another resource (exactly one).
public struct IngressBackend: Codable, Sendable, Hashable, EmptyInitializable {
    public var service: IngressServiceBackend?
    public var resource: TypedLocalObjectReference?

    public init() {}

    public init(service: IngressServiceBackend? = nil, resource: TypedLocalObjectReference? = nil) {
        self.service = service
        self.resource = resource
    }
}

/// A Service in the Ingress's namespace and one of its ports.
public struct IngressServiceBackend: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    public var port: ServiceBackendPort?

    public init(name: String, port: ServiceBackendPort? = nil) {
        self.name = name
        self.port = port
    }
}

/// A Service port, by name or by number (exactly one).
public struct ServiceBackendPort: Codable, Sendable, Hashable {
    public var name: String?
    public var number: Int32?

    public init(name: String? = nil, number: Int32? = nil) {
        self.name = name
        self.number = number
    }
}

/// What the ingress controller reports: the load balancer's addresses.
public struct IngressStatus: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var loadBalancer: IngressLoadBalancerStatus

    public init() {}
}

/// The addresses of an Ingress's load balancer.
public struct IngressLoadBalancerStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var ingress: [IngressLoadBalancerIngress]?

    public init() {}

    public init(ingress: [IngressLoadBalancerIngress]?) {
        self.ingress = ingress
    }
}

/// One address of an Ingress's load balancer.
public struct IngressLoadBalancerIngress: Codable, Sendable, Hashable {
    public var ip: String?
    public var hostname: String?
    public var ports: [IngressPortStatus]?

    public init(ip: String? = nil, hostname: String? = nil) {
        self.ip = ip
        self.hostname = hostname
    }
}

/// The state of one port of a load balancer address.
public struct IngressPortStatus: Codable, Sendable, Hashable {
    @OrEmpty public var port: Int32
    @OrEmpty public var `protocol`: String
    public var error: String?

    public init(port: Int32, protocol: String, error: String? = nil) {
        self.port = port
        self.protocol = `protocol`
        self.error = error
    }
}
