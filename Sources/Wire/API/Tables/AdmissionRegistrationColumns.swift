import Foundation

/// `kubectl get validatingwebhookconfigurations` and `mutatingwebhookconfigurations`: `NAME WEBHOOKS AGE`.
public enum WebhookConfigurationColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Webhooks", type: "integer", description: "How many webhooks it names."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), .int(Int64(o.array("webhooks").count)), ageCell(o, now: now)]
    }
}

/// `kubectl get apiservices`: `NAME SERVICE AVAILABLE AGE`; SERVICE is `Local` or `namespace/name`, AVAILABLE the
/// `Available` condition's status, with its reason in parentheses when it is not True.
public enum APIServiceColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Service", description: "The Service that serves it, or Local."),
        TableColumnDefinition(name: "Available", description: "Whether it is available, and why not."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        var service = "Local"
        if let name = o.string("spec", "service", "name") {
            service = "\(o.string("spec", "service", "namespace") ?? "")/\(name)"
        }
        var available = "Unknown"
        if let condition = o.array("status", "conditions").first(where: { $0["type"]?.stringValue == "Available" }) {
            let status = condition["status"]?.stringValue ?? "Unknown"
            let reason = condition["reason"]?.stringValue ?? ""
            available = status == "True" || reason.isEmpty ? status : "\(status) (\(reason))"
        }
        return [.string(o.name), .string(service), .string(available), ageCell(o, now: now)]
    }
}
