/// A core/v1 ConfigMap: configuration data, key to string (`data`) or to base64-encoded bytes (`binaryData`).
public struct ConfigMap: APIResource, Hashable {
    public static let resourceKind = ResourceKind.configMap

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var data: [String: String]?
    /// Values are base64 text on the wire.
    public var binaryData: [String: String]?
    /// When true, `data` and `binaryData` can no longer change.
    public var immutable: Bool?

    public init(metadata: ObjectMeta = ObjectMeta(), data: [String: String]? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.data = data
    }
}

/// A core/v1 Secret: like a ConfigMap, its values base64-encoded in `data`; `stringData` is a write-only
/// convenience merged into `data` on write.
public struct Secret: APIResource, Hashable {
    public static let resourceKind = ResourceKind.secret

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// Values are base64 text on the wire.
    public var data: [String: String]?
    public var stringData: [String: String]?
    /// `Opaque` by default; `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`, ...
    public var type: String?
    public var immutable: Bool?

    public init(metadata: ObjectMeta = ObjectMeta(), data: [String: String]? = nil, type: String? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.data = data
        self.type = type
    }
}
