/// An authentication.k8s.io/v1 TokenRequest: what `create` of `serviceaccounts/<name>/token` takes and answers. The
/// server fills `status` with a signed token for the ServiceAccount; it is not stored.
public struct TokenRequest: Codable, Sendable, Hashable {
    /// `authentication.k8s.io/v1`.
    public static let apiVersion = "authentication.k8s.io/v1"
    /// The subresource of a ServiceAccount that issues tokens.
    public static let subresource = "token"
    /// `expirationSeconds` when the request names none: one hour.
    public static let defaultExpirationSeconds: Int64 = 3600
    /// The shortest validity a request may ask for: ten minutes.
    public static let minimumExpirationSeconds: Int64 = 600

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: TokenRequestSpec
    public var status: TokenRequestStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: TokenRequestSpec = TokenRequestSpec()) {
        self.apiVersion = Self.apiVersion
        self.kind = "TokenRequest"
        self.metadata = metadata
        self.spec = spec
    }
}

/// `spec` of a TokenRequest.
public struct TokenRequestSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Who the token is for; empty means the API server itself.
    public var audiences: [String]?
    /// How long the token is valid, in seconds (default 3600, at least 600).
    public var expirationSeconds: Int64?
    /// A Pod or Secret the token is valid only as long as it exists.
    public var boundObjectRef: BoundObjectReference?

    public init() {}

    public init(audiences: [String]? = nil, expirationSeconds: Int64? = nil, boundObjectRef: BoundObjectReference? = nil) {
        self.audiences = audiences
        self.expirationSeconds = expirationSeconds
        self.boundObjectRef = boundObjectRef
    }
}

/// The object a token is bound to.
public struct BoundObjectReference: Codable, Sendable, Hashable {
    /// `Pod` or `Secret`.
    public var kind: String?
    public var apiVersion: String?
    public var name: String?
    public var uid: String?

    public init(kind: String? = nil, apiVersion: String? = nil, name: String? = nil, uid: String? = nil) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.uid = uid
    }
}

/// `status` of a TokenRequest: the token and when it expires.
public struct TokenRequestStatus: Codable, Sendable, Hashable {
    public var token: String
    /// RFC 3339.
    public var expirationTimestamp: String

    public init(token: String, expirationTimestamp: String) {
        self.token = token
        self.expirationTimestamp = expirationTimestamp
    }
}
