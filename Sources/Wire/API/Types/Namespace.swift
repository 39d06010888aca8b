/// A core/v1 Namespace: a cluster-scoped scope for names.
public struct Namespace: APIResource, Hashable {
    public static let resourceKind = ResourceKind.namespace

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: NamespaceSpec
    @OrEmpty public var status: NamespaceStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec = NamespaceSpec(),
        status: NamespaceStatus = NamespaceStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a Namespace.
public struct NamespaceSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// What must finish before the namespace is removed (`kubernetes`).
    public var finalizers: [String]?

    public init() {}

    public init(finalizers: [String]?) {
        self.finalizers = finalizers
    }
}

/// `status` of a Namespace.
public struct NamespaceStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// `Active` or `Terminating`.
    public var phase: String?
    /// Carried as sent.
    public var conditions: JSONValue?

    public init() {}

    public init(phase: String?, conditions: JSONValue? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
