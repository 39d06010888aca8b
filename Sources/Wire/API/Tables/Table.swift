/// Kubernetes' `meta.k8s.io/v1 Table`: what `kubectl get` prints, computed by the server.
///
/// Serialised exactly as Kubernetes does:
///
///     {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"117"},
///      "columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"...","priority":0},...],
///      "rows":[{"cells":["web","1/1","Running","0","5s"],
///               "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{...}}}]}
///
/// `columnDefinitions` is `null` in the watch events after a watch's first (Kubernetes sends the headers once);
/// decoding takes `null` or an absent member as no definitions.
public struct Table: Codable, Sendable, Hashable {
    /// `Table`.
    public var kind = "Table"
    /// `meta.k8s.io/v1` (kubectl also accepts `meta.k8s.io/v1beta1`).
    public var apiVersion = Table.apiVersion
    /// `resourceVersion`: of the list (start a watch from it), or of the one object a get or watch event shows.
    public var metadata: ListMeta
    /// One per cell of every row, in order; empty when the server omitted them (a watch's later events).
    public var columnDefinitions: [TableColumnDefinition]
    /// One per object, in the answer's order.
    public var rows: [TableRow]

    /// `meta.k8s.io/v1`.
    public static let apiVersion = "meta.k8s.io/v1"

    public init(resourceVersion: String? = nil, columnDefinitions: [TableColumnDefinition], rows: [TableRow]) {
        self.metadata = ListMeta(resourceVersion: resourceVersion)
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }

    private enum CodingKeys: String, CodingKey {
        case kind, apiVersion, metadata, columnDefinitions, rows
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? "Table"
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? Table.apiVersion
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        columnDefinitions =
            try container.decodeIfPresent([TableColumnDefinition].self, forKey: .columnDefinitions) ?? []
        rows = try container.decodeIfPresent([TableRow].self, forKey: .rows) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(apiVersion, forKey: .apiVersion)
        try container.encode(metadata, forKey: .metadata)
        if columnDefinitions.isEmpty {
            try container.encode(JSONValue.null, forKey: .columnDefinitions)
        } else {
            try container.encode(columnDefinitions, forKey: .columnDefinitions)
        }
        try container.encode(rows, forKey: .rows)
    }

    /// Whether a JSON answer is a Table (`kind: Table` in `meta.k8s.io/v1` or `v1beta1`), as kubectl decides.
    public static func isTable(_ value: JSONValue) -> Bool {
        guard value["kind"]?.stringValue == "Table", let version = value["apiVersion"]?.stringValue else {
            return false
        }
        return version == Table.apiVersion || version == "meta.k8s.io/v1beta1"
    }
}

extension Table {
    /// The table as JSON, member for member what ``encode(to:)`` writes, built without an encoder's failure path.
    public var json: JSONValue {
        var meta: [String: JSONValue] = [:]
        if let version = metadata.resourceVersion { meta["resourceVersion"] = .string(version) }
        if let next = metadata.continue { meta["continue"] = .string(next) }
        return [
            "kind": .string(kind), "apiVersion": .string(apiVersion), "metadata": .object(meta),
            "columnDefinitions": columnDefinitions.isEmpty ? .null : .array(columnDefinitions.map(\.json)),
            "rows": .array(rows.map(\.json)),
        ]
    }
}
