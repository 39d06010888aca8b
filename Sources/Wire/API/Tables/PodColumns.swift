import Foundation

/// `kubectl get pods`: `NAME READY STATUS RESTARTS AGE`, wide adds `IP NODE NOMINATED NODE READINESS GATES`.
public enum PodColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Ready", description: "Ready containers out of the pod's containers."),
        TableColumnDefinition(name: "Status", description: "The pod's state in a word, as kubectl summarises it."),
        TableColumnDefinition(
            name: "Restarts", description: "Container restarts, with how long ago the last one ended when known."),
        .age,
        TableColumnDefinition(name: "IP", description: "The pod's IP address.", priority: 1),
        TableColumnDefinition(name: "Node", description: "The node the pod is bound to.", priority: 1),
        TableColumnDefinition(
            name: "Nominated Node", description: "The node a preempting pod was nominated to.", priority: 1),
        TableColumnDefinition(
            name: "Readiness Gates", description: "Readiness gates that are true out of the pod's gates.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let pod = JSONFields(object)
        let summary = PodStatusPrinter.summary(pod: object)
        var podIP = pod.array("status", "podIPs").first.flatMap { JSONFields($0).string("ip") } ?? ""
        if podIP.isEmpty { podIP = pod.string("status", "podIP") ?? "" }
        return [
            .string(pod.name), .string(summary.ready), .string(summary.status),
            .string(summary.restartsCell(now: now)), ageCell(pod, now: now),
            .string(podIP.isEmpty ? "<none>" : podIP),
            .string(pod.nonEmpty("spec", "nodeName", or: "<none>")),
            .string(pod.nonEmpty("status", "nominatedNodeName", or: "<none>")),
            .string(readinessGates(pod)),
        ]
    }

    /// A pod that succeeded or failed is `Completed`, as Kubernetes marks its row.
    public static func conditions(for object: JSONValue) -> [TableRowCondition] {
        switch JSONFields(object).string("status", "phase") {
        case "Succeeded":
            [TableRowCondition(type: "Completed", status: "True", reason: "Succeeded",
                               message: "The pod has completed successfully.")]
        case "Failed":
            [TableRowCondition(type: "Completed", status: "True", reason: "Failed", message: "The pod failed.")]
        default:
            []
        }
    }

    /// `<none>` without readiness gates, else `<true gates>/<gates>`.
    private static func readinessGates(_ pod: JSONFields) -> String {
        let gates = pod.array("spec", "readinessGates")
        guard !gates.isEmpty else { return "<none>" }
        let conditions = pod.array("status", "conditions")
        let trueCount = gates.filter { gate in
            let type = JSONFields(gate).string("conditionType")
            let condition = conditions.first { JSONFields($0).string("type") == type }
            return condition.flatMap { JSONFields($0).string("status") } == "True"
        }.count
        return "\(trueCount)/\(gates.count)"
    }
}
