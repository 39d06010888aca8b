/// An admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration: webhooks the API server would call to
/// validate writes. kcluster stores and serves them as Kubernetes does but never calls them (README says so).
public struct ValidatingWebhookConfiguration: APIResource, Hashable {
    public static let resourceKind = ResourceKind.validatingWebhookConfiguration

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var webhooks: [ValidatingWebhook]?

    public init(metadata: ObjectMeta = ObjectMeta(), webhooks: [ValidatingWebhook]? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.webhooks = webhooks
    }
}

/// An admissionregistration.k8s.io/v1 MutatingWebhookConfiguration: webhooks the API server would call to mutate
/// writes. Stored and served, never called.
public struct MutatingWebhookConfiguration: APIResource, Hashable {
    public static let resourceKind = ResourceKind.mutatingWebhookConfiguration

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var webhooks: [MutatingWebhook]?

    public init(metadata: ObjectMeta = ObjectMeta(), webhooks: [MutatingWebhook]? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.webhooks = webhooks
    }
}

/// What the webhooks of both configurations have: the fields defaulting and validation read.
public protocol AdmissionWebhook: Codable, Sendable, Hashable {
    var name: String { get }
    var clientConfig: WebhookClientConfig { get set }
    var rules: [RuleWithOperations]? { get set }
    var failurePolicy: String? { get set }
    var matchPolicy: String? { get set }
    var namespaceSelector: LabelSelector? { get set }
    var objectSelector: LabelSelector? { get set }
    var sideEffects: String? { get set }
    var timeoutSeconds: Int32? { get set }
    var admissionReviewVersions: [String]? { get set }
}

/// One webhook of a ValidatingWebhookConfiguration.
public struct ValidatingWebhook: AdmissionWebhook {
    /// A fully qualified name, such as `pod-policy.example.com`.
    @OrEmpty public var name: String
    @OrEmpty public var clientConfig: WebhookClientConfig
    public var rules: [RuleWithOperations]?
    /// `Fail` (the default) or `Ignore`: what a call that fails does to the request.
    public var failurePolicy: String?
    /// `Equivalent` (the default) or `Exact`.
    public var matchPolicy: String?
    public var namespaceSelector: LabelSelector?
    public var objectSelector: LabelSelector?
    /// `None` or `NoneOnDryRun` (required in v1).
    public var sideEffects: String?
    /// 10 by default, 1 to 30.
    public var timeoutSeconds: Int32?
    /// The AdmissionReview versions the webhook accepts, preferred first (required in v1).
    public var admissionReviewVersions: [String]?
    /// CEL conditions, carried as written.
    public var matchConditions: [JSONValue]?

    public init(name: String, clientConfig: WebhookClientConfig = WebhookClientConfig()) {
        self.name = name
        self.clientConfig = clientConfig
    }
}

/// One webhook of a MutatingWebhookConfiguration: a validating webhook's fields and `reinvocationPolicy`.
public struct MutatingWebhook: AdmissionWebhook {
    /// A fully qualified name, such as `pod-policy.example.com`.
    @OrEmpty public var name: String
    @OrEmpty public var clientConfig: WebhookClientConfig
    public var rules: [RuleWithOperations]?
    /// `Fail` (the default) or `Ignore`: what a call that fails does to the request.
    public var failurePolicy: String?
    /// `Equivalent` (the default) or `Exact`.
    public var matchPolicy: String?
    public var namespaceSelector: LabelSelector?
    public var objectSelector: LabelSelector?
    /// `None` or `NoneOnDryRun` (required in v1).
    public var sideEffects: String?
    /// 10 by default, 1 to 30.
    public var timeoutSeconds: Int32?
    /// The AdmissionReview versions the webhook accepts, preferred first (required in v1).
    public var admissionReviewVersions: [String]?
    /// CEL conditions, carried as written.
    public var matchConditions: [JSONValue]?
    /// `Never` (the default) or `IfNeeded`: whether it is called again after later mutations.
    public var reinvocationPolicy: String?

    public init(name: String, clientConfig: WebhookClientConfig = WebhookClientConfig()) {
        self.name = name
        self.clientConfig = clientConfig
    }
}

/// Where a webhook is: a URL, or a Service in the cluster, with the CA bundle that signs its certificate.
public struct WebhookClientConfig: Codable, Sendable, Hashable, EmptyInitializable {
    public var url: String?
    public var service: WebhookServiceReference?
    /// PEM certificates, base64 in JSON.
    public var caBundle: String?

    public init() {}
}

/// A Service a webhook (or an APIService) is reached at.
public struct WebhookServiceReference: Codable, Sendable, Hashable {
    @OrEmpty public var namespace: String
    @OrEmpty public var name: String
    public var path: String?
    /// 443 by default.
    public var port: Int32?

    public init(namespace: String, name: String, path: String? = nil, port: Int32? = nil) {
        self.namespace = namespace
        self.name = name
        self.path = path
        self.port = port
    }
}

/// The operations and resources a webhook is called for.
public struct RuleWithOperations: Codable, Sendable, Hashable {
    /// `CREATE`, `UPDATE`, `DELETE`, `CONNECT` or `*`.
    public var operations: [String]?
    public var apiGroups: [String]?
    public var apiVersions: [String]?
    /// `pods`, `pods/status`, `*/*`, ...
    public var resources: [String]?
    /// `Cluster`, `Namespaced` or `*` (the default).
    public var scope: String?

    public init(operations: [String]? = nil, apiGroups: [String]? = nil, apiVersions: [String]? = nil,
                resources: [String]? = nil, scope: String? = nil) {
        self.operations = operations
        self.apiGroups = apiGroups
        self.apiVersions = apiVersions
        self.resources = resources
        self.scope = scope
    }
}
