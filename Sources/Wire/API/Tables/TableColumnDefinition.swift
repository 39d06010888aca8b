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

extension TableColumnDefinition {
    /// The definition as JSON (every member).
    public var json: JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format),
            "description": .string(description), "priority": .int(Int64(priority)),
        ]
    }
}
