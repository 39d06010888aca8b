import Foundation

/// `kubectl get crds`: `NAME CREATED AT`, as Kubernetes' default table for kinds without printers (the creation
/// time in RFC 3339, not an age).
public enum CustomResourceDefinitionColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(
            name: "Created At", type: "date", description: "When the object was created (metadata.creationTimestamp)."),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), .string(o.creationTimestamp ?? "")]
    }
}
