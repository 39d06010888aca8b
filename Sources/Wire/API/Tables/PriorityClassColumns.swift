import Foundation

/// `kubectl get priorityclasses`: `NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY`.
public enum PriorityClassColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Value", type: "integer", description: "The priority pods of the class get."),
        TableColumnDefinition(
            name: "Global-Default", type: "boolean", description: "Whether pods without a class get this one."),
        .age,
        TableColumnDefinition(
            name: "PreemptionPolicy", description: "Whether pods of the class may preempt pods of lower priority."),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [
            .string(o.name), .int(o.int("value") ?? 0), .bool(o.bool("globalDefault") ?? false), ageCell(o, now: now),
            .string(o.string("preemptionPolicy") ?? ""),
        ]
    }
}
