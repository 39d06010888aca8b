import Foundation

/// `kubectl get nodes`: `NAME STATUS ROLES AGE VERSION`, wide adds
/// `INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME`.
public enum NodeColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(
            name: "Status", description: "Ready, NotReady or Unknown (its Ready condition), and SchedulingDisabled."),
        TableColumnDefinition(name: "Roles", description: "The node's roles, from its node-role labels."),
        .age,
        TableColumnDefinition(name: "Version", description: "The kubelet version the node reports."),
        TableColumnDefinition(name: "Internal-IP", description: "The node's internal IP address.", priority: 1),
        TableColumnDefinition(name: "External-IP", description: "The node's external IP address.", priority: 1),
        TableColumnDefinition(
            name: "OS-Image", description: "The operating system image the node reports.", priority: 1),
        TableColumnDefinition(name: "Kernel-Version", description: "The kernel version the node reports.", priority: 1),
        TableColumnDefinition(
            name: "Container-Runtime", description: "The container runtime and its version.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let node = JSONFields(object)
        let roles = self.roles(node.labels)
        let texts = [
            node.name, status(object), roles.isEmpty ? "<none>" : roles.joined(separator: ","),
            HumanDuration.since(node.creationTimestamp, now: now),
            node.string("status", "nodeInfo", "kubeletVersion") ?? "",
            address(node, type: "InternalIP"), address(node, type: "ExternalIP"),
            node.nonEmpty("status", "nodeInfo", "osImage", or: "<unknown>"),
            node.nonEmpty("status", "nodeInfo", "kernelVersion", or: "<unknown>"),
            node.nonEmpty("status", "nodeInfo", "containerRuntimeVersion", or: "<unknown>"),
        ]
        return texts.map(JSONValue.string)
    }

    /// `Ready`, `NotReady` (Ready condition False or Unknown), `Unknown` (no Ready condition), plus
    /// `,SchedulingDisabled` when cordoned.
    public static func status(_ node: JSONValue) -> String {
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
    public static func roles(_ labels: [String: String]) -> [String] {
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
