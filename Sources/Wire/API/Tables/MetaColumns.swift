import Foundation

/// Containers and images of a pod template as kubectl's `layoutContainerCells`: names and images comma-joined in
/// container order.
public enum ContainerCells {
    /// `(names, images)` of the `containers` array.
    public static func layout(_ containers: [JSONValue]) -> (names: String, images: String) {
        let names = containers.map { JSONFields($0).string("name") ?? "" }
        let images = containers.map { JSONFields($0).string("image") ?? "" }
        return (names.joined(separator: ","), images.joined(separator: ","))
    }

    /// The wide `Containers`, `Images` and `Selector` columns of the workload kinds.
    static let wideColumns = [
        TableColumnDefinition(
            name: "Containers", description: "Names of the containers of the pod template.", priority: 1),
        TableColumnDefinition(
            name: "Images", description: "Images of the containers of the pod template.", priority: 1),
        TableColumnDefinition(name: "Selector", description: "The label selector of the pods it owns.", priority: 1),
    ]
}

/// The age of an object, the `Age` cell.
func ageCell(_ fields: JSONFields, now: Date) -> JSONValue {
    .string(HumanDuration.since(fields.creationTimestamp, now: now))
}

/// The fallback for kinds without their own table: `NAME AGE`.
public enum DefaultColumns: TableColumns {
    public static let columns = [TableColumnDefinition.name(), .age]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), ageCell(o, now: now)]
    }
}

/// `kubectl get namespaces`: `NAME STATUS AGE`.
public enum NamespaceColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Status", description: "The namespace's phase: Active or Terminating."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), .string(o.string("status", "phase") ?? ""), ageCell(o, now: now)]
    }
}

/// `kubectl get controllerrevisions`: `NAME CONTROLLER REVISION AGE`, CONTROLLER like `daemonset.apps/filebeat-ds`.
public enum ControllerRevisionColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Controller", description: "The object that controls the revision (kind/name)."),
        TableColumnDefinition(name: "Revision", type: "integer", description: "The revision number."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        var controller = "<none>"
        if let ref = o.array("metadata", "ownerReferences").first(where: { $0["controller"]?.boolValue == true }) {
            let r = JSONFields(ref)
            let apiVersion = r.string("apiVersion") ?? ""
            let group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
            let kind = r.string("kind") ?? ""
            let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
            let name = r.string("name") ?? ""
            controller = groupKind.isEmpty ? name : "\(groupKind.lowercased())/\(name)"
        }
        return [.string(o.name), .string(controller), .int(o.int("revision") ?? 0), ageCell(o, now: now)]
    }
}

/// `kubectl get leases`: `NAME HOLDER AGE`, HOLDER from `spec.holderIdentity` (empty when unset).
public enum LeaseColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Holder", description: "The identity holding the lease (spec.holderIdentity)."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let o = JSONFields(object)
        return [.string(o.name), .string(o.string("spec", "holderIdentity") ?? ""), ageCell(o, now: now)]
    }
}
