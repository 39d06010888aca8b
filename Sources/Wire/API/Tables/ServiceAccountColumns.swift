import Foundation

/// `kubectl get serviceaccounts`: `NAME SECRETS AGE`, SECRETS counting the entries of `secrets`.
public enum ServiceAccountColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Secrets", type: "integer", description: "How many secrets the account lists."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), .int(Int64(o.array("secrets").count)), ageCell(o, now: now)]
    }
}
