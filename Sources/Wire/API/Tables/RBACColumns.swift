import Foundation

/// `kubectl get roles` and `get clusterroles`: `NAME CREATED AT`, the creation time in RFC 3339 (UTC), as
/// Kubernetes' `printRole`/`printClusterRole`.
public enum RoleColumns: TableColumns {
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

/// `kubectl get rolebindings` and `get clusterrolebindings`: `NAME ROLE AGE`, ROLE as `Kind/name`; `-o wide` adds
/// `USERS GROUPS SERVICEACCOUNTS` (service accounts as `namespace/name`), each joined by `, `, as Kubernetes'
/// `printRoleBinding` with `SubjectsStrings`.
public enum RoleBindingColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Role", description: "The role the binding grants (roleRef), as Kind/name."),
        .age,
        TableColumnDefinition(name: "Users", description: "Users in the binding.", priority: 1),
        TableColumnDefinition(name: "Groups", description: "Groups in the binding.", priority: 1),
        TableColumnDefinition(name: "ServiceAccounts", description: "ServiceAccounts in the binding.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        let role = "\(o.string("roleRef", "kind") ?? "")/\(o.string("roleRef", "name") ?? "")"
        var users: [String] = []
        var groups: [String] = []
        var serviceAccounts: [String] = []
        for subject in o.array("subjects") {
            let s = JSONFields(subject)
            let name = s.string("name") ?? ""
            switch s.string("kind") ?? "" {
            case "User": users.append(name)
            case "Group": groups.append(name)
            case "ServiceAccount": serviceAccounts.append("\(s.string("namespace") ?? "")/\(name)")
            default: break
            }
        }
        return [
            .string(o.name), .string(role), ageCell(o, now: now), .string(users.joined(separator: ", ")),
            .string(groups.joined(separator: ", ")), .string(serviceAccounts.joined(separator: ", ")),
        ]
    }
}
