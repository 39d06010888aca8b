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
    /// Why, in a word (`Succeeded`, `Failed`).
    public var reason: String?
    /// Why, in a sentence.
    public var message: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
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
