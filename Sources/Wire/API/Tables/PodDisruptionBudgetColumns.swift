import Foundation

/// `kubectl get poddisruptionbudgets`: `NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE` (`N/A` for the
/// bound a budget does not set).
public enum PodDisruptionBudgetColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Min Available", description: "The healthy pods the budget keeps, at least."),
        TableColumnDefinition(name: "Max Unavailable", description: "The unhealthy pods the budget tolerates, at most."),
        TableColumnDefinition(
            name: "Allowed Disruptions", type: "integer", description: "How many pods may be evicted now."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [
            .string(o.name), .string(bound(object[path: ["spec", "minAvailable"]])),
            .string(bound(object[path: ["spec", "maxUnavailable"]])), .int(o.int("status", "disruptionsAllowed") ?? 0),
            ageCell(o, now: now),
        ]
    }

    /// An int-or-percent bound as kubectl shows it: `2`, `50%`, or `N/A` when unset.
    static func bound(_ value: JSONValue?) -> String {
        if let number = value?.intValue { return String(number) }
        return value?.stringValue ?? "N/A"
    }
}
