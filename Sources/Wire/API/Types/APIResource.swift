/// A top-level API object: `apiVersion`, `kind`, `metadata`, and a kind-specific body.
///
/// Every conforming type encodes every field it decodes, so that strict decoding (see ``StrictDecoding``)
/// can find fields a manifest carries that this type does not know.
public protocol APIResource: Codable, Sendable, Equatable {
    /// What kind of resource this type holds.
    static var resourceKind: ResourceKind { get }
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension APIResource {
    /// `metadata.name`, or the empty string.
    public var name: String { metadata.name ?? "" }
    /// `metadata.namespace`, or the empty string for cluster-scoped objects.
    public var namespace: String { metadata.namespace ?? "" }
    /// `metadata.labels`, or an empty map.
    public var labels: [String: String] { metadata.labels ?? [:] }
}
