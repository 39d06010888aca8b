import Foundation
import KubeAPI
import Wire

/// `kubectl describe pod`, a port of kubectl's `describePod`.
enum PodDescriber {
    /// Describes `pod`. `events` are the pod's related events (nil: no Events section, as with
    /// `--show-events=false`); `now` ages the events and a terminating pod; times print in `timeZone`.
    static func describe(_ pod: JSONValue, events: [JSONValue]?, now: Date, timeZone: TimeZone) -> String {
        let p = JSONFields(pod)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(p.name)\n")
        w.write(0, "Namespace:\t\(p.namespace)\n")
        if let priority = p.int("spec", "priority") { w.write(0, "Priority:\t\(priority)\n") }
        if let value = p.string("spec", "priorityClassName"), !value.isEmpty { w.write(0, "Priority Class Name:\t\(value)\n") }
        if let value = p.string("spec", "runtimeClassName"), !value.isEmpty { w.write(0, "Runtime Class Name:\t\(value)\n") }
        if let value = p.string("spec", "serviceAccountName"), !value.isEmpty { w.write(0, "Service Account:\t\(value)\n") }
        if let node = p.string("spec", "nodeName"), !node.isEmpty {
            w.write(0, "Node:\t\(node)/\(p.string("status", "hostIP") ?? "")\n")
        } else {
            w.write(0, "Node:\t<none>\n")
        }
        if let start = p.string("status", "startTime") {
            w.write(0, "Start Time:\t\(DescribeTime.rfc1123Z(start, in: timeZone))\n")
        }
        w.labels("Labels", p.labels)
        w.annotations("Annotations", p.stringMap("metadata", "annotations"))
        status(p, into: &w, now: now)
        if let profile = p.string("spec", "securityContext", "seccompProfile", "type") {
            w.write(0, "SeccompProfile:\t\(profile)\n")
            if profile == "Localhost" {
                w.write(0, "LocalhostProfile:\t\(p.string("spec", "securityContext", "seccompProfile", "localhostProfile") ?? "")\n")
            }
        }
        w.write(0, "IP:\t\(p.string("status", "podIP") ?? "")\n")
        let ips = p.array("status", "podIPs").compactMap { JSONFields($0).string("ip") }
        if ips.isEmpty {
            w.write(0, "IPs:\t<none>\n")
        } else {
            w.write(0, "IPs:\n")
            for ip in ips { w.write(1, "IP:\t\(ip)\n") }
        }
        if let controller = controlledBy(p) { w.write(0, "Controlled By:\t\(controller)\n") }
        if let nominated = p.string("status", "nominatedNodeName"), !nominated.isEmpty {
            w.write(0, "NominatedNodeName:\t\(nominated)\n")
        }
        if p.value("spec", "resources")?.objectValue != nil {
            w.write(0, "Resources:\n")
            ContainerSection.resources(p.value("spec", "resources"), level: 1, into: &w)
        }
        if !p.array("spec", "initContainers").isEmpty {
            ContainerSection.write(
                "Init Containers", containers: p.array("spec", "initContainers"),
                statuses: p.array("status", "initContainerStatuses"), pod: pod, space: "", into: &w, timeZone: timeZone)
        }
        ContainerSection.write(
            "Containers", containers: p.array("spec", "containers"), statuses: p.array("status", "containerStatuses"),
            pod: pod, space: "", into: &w, timeZone: timeZone)
        conditions(p, into: &w)
        VolumeSection.write(p.array("spec", "volumes"), space: "", into: &w)
        w.write(0, "QoS Class:\t\(PodTemplateSection.qosClass(p))\n")
        w.labels("Node-Selectors", p.stringMap("spec", "nodeSelector"))
        w.tolerations("Tolerations", p.array("spec", "tolerations"))
        PodTemplateSection.topologySpread(p.array("spec", "topologySpreadConstraints"), space: "", into: &w)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// `Status:` (or `Terminating (lasts 5s)` with the grace period), then `Reason:` and `Message:` when set.
    private static func status(_ p: JSONFields, into w: inout DescribeWriter, now: Date) {
        let phase = p.string("status", "phase") ?? ""
        if let deletion = p.string("metadata", "deletionTimestamp"), phase != "Failed", phase != "Succeeded" {
            w.write(0, "Status:\tTerminating (lasts \(HumanDuration.since(deletion, now: now)))\n")
            w.write(0, "Termination Grace Period:\t\(p.int("metadata", "deletionGracePeriodSeconds") ?? 0)s\n")
        } else {
            w.write(0, "Status:\t\(phase)\n")
        }
        if let reason = p.string("status", "reason"), !reason.isEmpty { w.write(0, "Reason:\t\(reason)\n") }
        if let message = p.string("status", "message"), !message.isEmpty { w.write(0, "Message:\t\(message)\n") }
    }

    /// `Readiness Gates:` (when the spec has some) and `Conditions:` (when the status has some).
    private static func conditions(_ p: JSONFields, into w: inout DescribeWriter) {
        let conditions = p.array("status", "conditions").map(JSONFields.init)
        let gates = p.array("spec", "readinessGates").map(JSONFields.init)
        if !gates.isEmpty {
            w.write(0, "Readiness Gates:\n  Type\tStatus\n")
            for gate in gates {
                let type = gate.string("conditionType") ?? ""
                let status = conditions.first { $0.string("type") == type }.map { $0.string("status") ?? "" } ?? "<none>"
                w.write(1, "\(type) \t\(status) \n")
            }
        }
        guard !conditions.isEmpty else { return }
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for condition in conditions {
            w.write(1, "\(condition.string("type") ?? "") \t\(condition.string("status") ?? "") \n")
        }
    }

    /// `metav1.GetControllerOf` as `Kind/name`: `DaemonSet/filebeat-ds`.
    static func controlledBy(_ object: JSONFields) -> String? {
        guard let owner = object.array("metadata", "ownerReferences").first(where: { JSONFields($0).bool("controller") == true })
        else { return nil }
        let o = JSONFields(owner)
        return "\(o.string("kind") ?? "")/\(o.string("name") ?? "")"
    }
}
