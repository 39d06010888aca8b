/// A networking.k8s.io/v1 NetworkPolicy: which traffic may reach (ingress) and leave (egress) the pods it selects.
/// Stored and served as Kubernetes does; no network plugin enforces it here.
public struct NetworkPolicy: APIResource, Hashable {
    public static let resourceKind = ResourceKind.networkPolicy

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: NetworkPolicySpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NetworkPolicySpec = NetworkPolicySpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Kubernetes' `NetworkPolicySpec`.
public struct NetworkPolicySpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// The pods the policy applies to, in its namespace; empty selects every pod.
    @OrEmpty public var podSelector: LabelSelector
    /// Traffic allowed in; each rule is ORed.
    public var ingress: [NetworkPolicyIngressRule]?
    /// Traffic allowed out; each rule is ORed.
    public var egress: [NetworkPolicyEgressRule]?
    /// `Ingress` and/or `Egress`; derived from the rules when unset.
    public var policyTypes: [String]?

    public init() {}

    public init(
        podSelector: LabelSelector, ingress: [NetworkPolicyIngressRule]? = nil,
        egress: [NetworkPolicyEgressRule]? = nil, policyTypes: [String]? = nil
    ) {
        self.podSelector = podSelector
        self.ingress = ingress
        self.egress = egress
        self.policyTypes = policyTypes
    }
}

extension LabelSelector: EmptyInitializable {
    public init() { self.init(matchLabels: nil) }
}

/// Traffic allowed in: from any of `from` (every source when empty) to any of `ports` (every port when empty).
public struct NetworkPolicyIngressRule: Codable, Sendable, Hashable {
    public var ports: [NetworkPolicyPort]?
    public var from: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, from: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.from = from
    }
}

/// Traffic allowed out: to any of `to` (every destination when empty) on any of `ports`.
public struct NetworkPolicyEgressRule: Codable, Sendable, Hashable {
    public var ports: [NetworkPolicyPort]?
    public var to: [NetworkPolicyPeer]?

    public init(ports: [NetworkPolicyPort]? = nil, to: [NetworkPolicyPeer]? = nil) {
        self.ports = ports
        self.to = to
    }
}

/// A port (or a range `port`...`endPort`) and protocol of a rule.
public struct NetworkPolicyPort: Codable, Sendable, Hashable {
    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String?
    /// A number or a named container port; unset means every port.
    public var port: IntOrString?
    public var endPort: Int32?

    public init(protocol: String? = nil, port: IntOrString? = nil, endPort: Int32? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}

/// A source or destination of a rule: pods (by pod and/or namespace selector) or an IP block.
public struct NetworkPolicyPeer: Codable, Sendable, Hashable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var ipBlock: IPBlock?

    public init(podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

/// A CIDR, minus the CIDRs of `except`.
public struct IPBlock: Codable, Sendable, Hashable {
    @OrEmpty public var cidr: String
    public var except: [String]?

    public init(cidr: String, except: [String]? = nil) {
        self.cidr = cidr
        self.except = except
    }
}
