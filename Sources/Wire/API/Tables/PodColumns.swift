import Foundation
import KubeAPI
import Wire

/// `kubectl get pods`: `NAME READY STATUS RESTARTS AGE`, wide adds `IP NODE NOMINATED NODE READINESS GATES`.
enum PodColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("READY"), TableColumn("STATUS"), TableColumn("RESTARTS"),
        TableColumn("AGE"), TableColumn("IP", wide: true), TableColumn("NODE", wide: true),
        TableColumn("NOMINATED NODE", wide: true), TableColumn("READINESS GATES", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let pod = JSONFields(object)
        let summary = PodStatusPrinter.summary(pod: object)
        var podIP = pod.array("status", "podIPs").first.flatMap { JSONFields($0).string("ip") } ?? ""
        if podIP.isEmpty { podIP = pod.string("status", "podIP") ?? "" }
        return [
            pod.name, summary.ready, summary.status, summary.restartsCell(now: now),
            HumanDuration.since(pod.creationTimestamp, now: now),
            podIP.isEmpty ? "<none>" : podIP,
            pod.nonEmpty("spec", "nodeName", or: "<none>"),
            pod.nonEmpty("status", "nominatedNodeName", or: "<none>"),
            readinessGates(pod),
        ]
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
