import Foundation
import KubeAPI
import Wire

/// `kubectl get nodes`: `NAME STATUS ROLES AGE VERSION`, wide adds
/// `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`.
enum NodeColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("STATUS"), TableColumn("ROLES"), TableColumn("AGE"),
        TableColumn("VERSION"), TableColumn("INTERNAL-IP", wide: true), TableColumn("EXTERNAL-IP", wide: true),
        TableColumn("OS-IMAGE", wide: true), TableColumn("KERNEL-VERSION", wide: true),
        TableColumn("CONTAINER-RUNTIME", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let node = JSONFields(object)
        let roles = self.roles(node.labels)
        return [
            node.name, status(object), roles.isEmpty ? "<none>" : roles.joined(separator: ","),
            HumanDuration.since(node.creationTimestamp, now: now),
            node.string("status", "nodeInfo", "kubeletVersion") ?? "",
            address(node, type: "InternalIP"), address(node, type: "ExternalIP"),
            node.nonEmpty("status", "nodeInfo", "osImage", or: "<unknown>"),
            node.nonEmpty("status", "nodeInfo", "kernelVersion", or: "<unknown>"),
            node.nonEmpty("status", "nodeInfo", "containerRuntimeVersion", or: "<unknown>"),
        ]
    }

    /// `Ready`, `NotReady` (Ready condition False or Unknown), `Unknown` (no Ready condition), plus
    /// `,SchedulingDisabled` when cordoned.
    static func status(_ node: JSONValue) -> String {
        let n = JSONFields(node)
        // kubectl keys conditions by type, so the last Ready condition wins.
        let ready = n.array("status", "conditions").last { JSONFields($0).string("type") == "Ready" }
        var parts: [String]
        if let ready {
            parts = [JSONFields(ready).string("status") == "True" ? "Ready" : "NotReady"]
        } else {
            parts = ["Unknown"]
        }
        if n.bool("spec", "unschedulable") == true { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    /// Roles from `node-role.kubernetes.io/<role>` label keys and `kubernetes.io/role=<role>`, sorted and unique.
    static func roles(_ labels: [String: String]) -> [String] {
        var roles: Set<String> = []
        let prefix = "node-role.kubernetes.io/"
        for (key, value) in labels {
            if key.hasPrefix(prefix) {
                let role = String(key.dropFirst(prefix.count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role" && !value.isEmpty {
                roles.insert(value)
            }
        }
        return roles.sorted()
    }

    private static func address(_ node: JSONFields, type: String) -> String {
        let match = node.array("status", "addresses").first { JSONFields($0).string("type") == type }
        return match.flatMap { JSONFields($0).string("address") } ?? "<none>"
    }
}
