import Foundation

/// `kubectl get configmaps`: `NAME DATA AGE`, DATA counting the keys of `data` and `binaryData`.
public enum ConfigMapColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Data", type: "integer", description: "How many keys it holds."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        let count = (object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)
        return [.string(o.name), .int(Int64(count)), ageCell(o, now: now)]
    }
}

/// `kubectl get secrets`: `NAME TYPE DATA AGE`.
public enum SecretColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Type", description: "The secret's type."),
        TableColumnDefinition(name: "Data", type: "integer", description: "How many keys it holds."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [
            .string(o.name), .string(o.string("type") ?? ""), .int(Int64(object["data"]?.objectValue?.count ?? 0)),
            ageCell(o, now: now),
        ]
    }
}
