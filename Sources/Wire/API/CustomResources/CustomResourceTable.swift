import Foundation

/// The table of a custom kind, as Kubernetes' custom-resource table convertor builds it: `Name` first, then the
/// version's `additionalPrinterColumns` (each a JSONPath into the object, its cell typed by the column's type), or
/// `Age` alone when the version declares none. Pure: date cells become ages as of `now`.
public struct CustomResourceTable: Sendable, Hashable {
    /// The version's printer columns (already defaulted: never empty).
    public let columns: [CustomResourceColumnDefinition]
    private let paths: [SimpleJSONPath?]

    /// The column Kubernetes serves when a version declares none.
    public static let defaultColumns = [
        CustomResourceColumnDefinition(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp"),
    ]

    public init(columns: [CustomResourceColumnDefinition]?) {
        let declared = columns ?? []
        self.columns = declared.isEmpty ? Self.defaultColumns : declared
        self.paths = self.columns.map { SimpleJSONPath($0.jsonPath) }
    }

    /// The column definitions: `Name`, then one per printer column.
    public var definitions: [TableColumnDefinition] {
        [TableColumnDefinition.name("Name must be unique within a namespace.")]
            + columns.map { column in
                TableColumnDefinition(
                    name: column.name, type: column.type, format: column.format ?? "",
                    description: column.description
                        ?? (column.name == "Age" && column.jsonPath == ".metadata.creationTimestamp"
                            ? "CreationTimestamp is a timestamp representing the server time when this object was created."
                            : "Custom resource definition column (in JSONPath format): \(column.jsonPath)"),
                    priority: column.priority ?? 0)
            }
    }

    /// The cells of one object: its name, then each column's value (null when the path finds nothing).
    public func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        var cells: [JSONValue] = [.string(object[path: ["metadata", "name"]]?.stringValue ?? "")]
        for (column, path) in zip(columns, paths) {
            guard let path, let value = path.evaluate(object).first, value != .null else {
                cells.append(.null)
                continue
            }
            cells.append(Self.cell(type: column.type, value: value, now: now))
        }
        return cells
    }

    /// A table of `answer` (a list: one row per item; one object: one row).
    public func table(answer: JSONValue, now: Date, options: TableOptions = TableOptions(), headers: Bool = true) -> Table {
        let version = answer[path: ["metadata", "resourceVersion"]]?.stringValue
        let objects = answer["items"]?.arrayValue ?? [answer]
        let rows = objects.map { TableRow(cells: cells(for: $0, now: now), object: options.rowObject($0)) }
        return Table(resourceVersion: version, columnDefinitions: headers ? definitions : [], rows: rows)
    }

    /// A value as a cell of a column of `type`: integers, numbers and booleans as themselves (null when the value
    /// has another type), strings as printed (other values as JSON text), dates as ages.
    static func cell(type: String, value: JSONValue, now: Date) -> JSONValue {
        switch (type, value) {
        case ("integer", .int): return value
        case ("integer", .double(let number)): return .int(Int64(number))
        case ("number", .int(let integer)): return .double(Double(integer))
        case ("number", .double): return value
        case ("boolean", .bool): return value
        case ("string", .string): return value
        case ("string", _): return .string(String(decoding: value.canonicalJSON, as: UTF8.self))
        case ("date", .string(let text)):
            guard let date = Timestamp.parse(text) else { return "<invalid>" }
            return .string(HumanDuration.format(now.timeIntervalSince(date)))
        default: return .null
        }
    }
}
