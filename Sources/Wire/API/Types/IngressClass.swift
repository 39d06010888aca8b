/// A networking.k8s.io/v1 IngressClass: a class of Ingresses and the controller that implements it
/// (`k8s.io/ingress-nginx`). Stored and served as Kubernetes does; no controller runs for it.
public struct IngressClass: APIResource, Hashable {
    public static let resourceKind = ResourceKind.ingressClass

    /// The annotation that makes a class the default for Ingresses that name none (`"true"`).
    public static let defaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: IngressClassSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: IngressClassSpec = IngressClassSpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// Kubernetes' `IngressClassSpec`.
public struct IngressClassSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// The controller's name, a domain-prefixed path (`example.com/ingress-controller`). Cannot change.
    public var controller: String?
    /// An object with the controller's configuration for the class.
    public var parameters: IngressClassParametersReference?

    public init() {}

    public init(controller: String?, parameters: IngressClassParametersReference? = nil) {
        self.controller = controller
        self.parameters = parameters
    }
}

/// The object holding an IngressClass's parameters: cluster-scoped, or in `namespace` when `scope` is `Namespace`.
public struct IngressClassParametersReference: Codable, Sendable, Hashable {
    public var apiGroup: String?
    @OrEmpty public var kind: String
    @OrEmpty public var name: String
    /// `Cluster` (the default) or `Namespace`.
    public var scope: String?
    public var namespace: String?

    public init(apiGroup: String? = nil, kind: String, name: String, scope: String? = nil, namespace: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.scope = scope
        self.namespace = namespace
    }
}
