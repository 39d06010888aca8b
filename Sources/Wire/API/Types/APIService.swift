/// An apiregistration.k8s.io/v1 APIService: a group-version the aggregation layer would serve from another API
/// server (a Service). kcluster stores and serves them; it aggregates nothing, so an APIService backed by a Service
/// is never Available (its status says why) and its group-version is not in discovery.
public struct APIService: APIResource, Hashable {
    public static let resourceKind = ResourceKind.apiService

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: APIServiceSpec
    @OrEmpty public var status: APIServiceStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: APIServiceSpec = APIServiceSpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// `spec` of an APIService. The name of the object is `<version>.<group>`.
public struct APIServiceSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// The Service that serves the group-version; none for one the API server serves itself.
    public var service: WebhookServiceReference?
    public var group: String?
    public var version: String?
    public var insecureSkipTLSVerify: Bool?
    public var caBundle: String?
    @OrEmpty public var groupPriorityMinimum: Int32
    @OrEmpty public var versionPriority: Int32

    public init() {}
}

/// `status` of an APIService: its `Available` condition.
public struct APIServiceStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var conditions: [APIServiceCondition]?

    public init() {}
}

/// One condition of an APIService.
public struct APIServiceCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, lastTransitionTime: String? = nil, reason: String? = nil,
                message: String? = nil) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
