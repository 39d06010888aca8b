import Foundation
import KubeAPI
import Wire

/// One column of a kind's table, as kubectl's `TableColumnDefinition`.
struct TableColumn: Sendable, Hashable {
    /// The header as kubectl prints it (already upper-cased: `NODE SELECTOR`).
    let header: String
    /// Whether the column only appears with `-o wide` (kubectl's priority 1).
    let wide: Bool
    /// Whether this is the object-name column (`Format: "name"`), which gets the `kind/` prefix in multi-kind output.
    let isName: Bool

    init(_ header: String, wide: Bool = false, isName: Bool = false) {
        self.header = header
        self.wide = wide
        self.isName = isName
    }
}

/// The table columns of one kind and how to compute a row from an object, as kubectl's per-type print handlers.
protocol ResourceColumns {
    /// Every column, wide ones included, in kubectl's order.
    static var columns: [TableColumn] { get }

    /// One cell per entry of ``columns`` for `object`, with ages computed against `now`.
    static func cells(for object: JSONValue, now: Date) -> [String]
}

/// Containers and images of a pod template as kubectl's `layoutContainerCells`: names and images comma-joined in
/// container order.
enum ContainerCells {
    /// `(names, images)` of the `containers` array.
    static func layout(_ containers: [JSONValue]) -> (names: String, images: String) {
        let names = containers.map { JSONFields($0).string("name") ?? "" }
        let images = containers.map { JSONFields($0).string("image") ?? "" }
        return (names.joined(separator: ","), images.joined(separator: ","))
    }
}

/// The fallback for kinds without a dedicated printer: `NAME AGE`.
enum DefaultColumns: ResourceColumns {
    static let columns = [TableColumn("NAME", isName: true), TableColumn("AGE")]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let o = JSONFields(object)
        return [o.name, HumanDuration.since(o.creationTimestamp, now: now)]
    }
}

/// `kubectl get namespaces`: `NAME STATUS AGE`.
enum NamespaceColumns: ResourceColumns {
    static let columns = [TableColumn("NAME", isName: true), TableColumn("STATUS"), TableColumn("AGE")]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let o = JSONFields(object)
        return [o.name, o.string("status", "phase") ?? "", HumanDuration.since(o.creationTimestamp, now: now)]
    }
}

/// `kubectl get controllerrevisions`: `NAME CONTROLLER REVISION AGE`, CONTROLLER like `daemonset.apps/filebeat-ds`.
enum ControllerRevisionColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("CONTROLLER"), TableColumn("REVISION"), TableColumn("AGE"),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
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
        return [o.name, controller, o.count("revision"), HumanDuration.since(o.creationTimestamp, now: now)]
    }
}

/// `kubectl get leases`: `NAME HOLDER AGE`, HOLDER from `spec.holderIdentity` (empty when unset).
enum LeaseColumns: ResourceColumns {
    static let columns = [TableColumn("NAME", isName: true), TableColumn("HOLDER"), TableColumn("AGE")]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let o = JSONFields(object)
        return [o.name, o.string("spec", "holderIdentity") ?? "", HumanDuration.since(o.creationTimestamp, now: now)]
    }
}
