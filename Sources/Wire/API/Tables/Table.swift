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
    public var kind = "Table"
    public var apiVersion = Table.apiVersion
    /// `resourceVersion`: of the list (start a watch from it), or of the one object a get or watch event shows.
    public var metadata: ListMeta
    /// One per cell of every row, in order; empty when the server omitted them (a watch's later events).
    public var columnDefinitions: [TableColumnDefinition]
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

/// One column of a ``Table``: Kubernetes' `TableColumnDefinition`. Every member is always serialised.
public struct TableColumnDefinition: Codable, Sendable, Hashable {
    /// The header as Kubernetes names it (`Nominated Node`); kubectl prints it upper-cased.
    public var name: String
    /// The OpenAPI type of the cells: `string`, `integer`, `number`, `boolean`, `date`.
    public var type: String
    /// `name` for the object-name column; else `""`.
    public var format: String
    /// What the column shows, in a sentence.
    public var description: String
    /// 0: always shown; 1: only with `-o wide`.
    public var priority: Int32

    public init(name: String, type: String = "string", format: String = "", description: String, priority: Int32 = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    /// The object-name column (`Name`, format `name`).
    public static func name(_ description: String = "The object's name (metadata.name), unique in its namespace.")
        -> TableColumnDefinition
    {
        TableColumnDefinition(name: "Name", format: "name", description: description)
    }

    /// The `Age` column: the time since `metadata.creationTimestamp`, as the server saw it when answering.
    public static let age = TableColumnDefinition(
        name: "Age", description: "How long ago the object was created (metadata.creationTimestamp), as of the answer.")
}

/// One row of a ``Table``: Kubernetes' `TableRow`.
public struct TableRow: Codable, Sendable, Hashable {
    /// One value per column definition: strings and integers.
    public var cells: [JSONValue]
    /// Row conditions (pods that finished are `Completed`); omitted when empty.
    public var conditions: [TableRowCondition]
    /// The object the row shows: its `PartialObjectMetadata` (the default), the whole object (`includeObject:
    /// Object`), or `nil`, serialised as `null` (`includeObject: None`).
    public var object: JSONValue?

    public init(cells: [JSONValue], conditions: [TableRowCondition] = [], object: JSONValue?) {
        self.cells = cells
        self.conditions = conditions
        self.object = object
    }

    private enum CodingKeys: String, CodingKey {
        case cells, conditions, object
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cells = try container.decodeIfPresent([JSONValue].self, forKey: .cells) ?? []
        conditions = try container.decodeIfPresent([TableRowCondition].self, forKey: .conditions) ?? []
        let object = try container.decodeIfPresent(JSONValue.self, forKey: .object)
        self.object = object == .null ? nil : object
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cells, forKey: .cells)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        try container.encode(object ?? .null, forKey: .object)
    }

    /// The metadata of the row's object (from its `PartialObjectMetadata` or the whole object), or `nil`.
    public var metadata: JSONValue? { object?["metadata"] }
}

/// A condition of a ``TableRow``: Kubernetes' `TableRowCondition` (`reason` and `message` omitted when empty).
public struct TableRowCondition: Codable, Sendable, Hashable {
    /// `Completed`: the row's object has finished its work (a pod that succeeded or failed).
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
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

extension TableColumnDefinition {
    /// The definition as JSON (every member).
    public var json: JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format),
            "description": .string(description), "priority": .int(Int64(priority)),
        ]
    }
}

extension TableRow {
    /// The row as JSON (`conditions` only when there are some; `object` `null` when absent).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["cells": .array(cells), "object": object ?? .null]
        if !conditions.isEmpty {
            members["conditions"] = .array(
                conditions.map { condition in
                    var c: [String: JSONValue] = ["type": .string(condition.type), "status": .string(condition.status)]
                    if let reason = condition.reason { c["reason"] = .string(reason) }
                    if let message = condition.message { c["message"] = .string(message) }
                    return .object(c)
                })
        }
        return .object(members)
    }
}
