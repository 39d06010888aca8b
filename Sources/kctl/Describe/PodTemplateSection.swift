import Foundation
import KubeAPI
import Wire

/// kubectl's `DescribePodTemplate` (the `Pod Template:` section of workloads) and the pod-spec parts it shares
/// with the pod describer.
enum PodTemplateSection {
    /// `Pod Template:` with the template's labels, annotations (when any), service account, containers, volumes,
    /// priority class, node selector and tolerations, indented under the title.
    static func write(_ template: JSONValue?, into w: inout DescribeWriter, timeZone: TimeZone) {
        w.write(0, "Pod Template:\n")
        guard let template, template.objectValue != nil else { return w.write(1, "<unset>") }
        let t = JSONFields(template)
        w.labels("  Labels", t.stringMap("metadata", "labels"))
        let annotations = t.stringMap("metadata", "annotations")
        if !annotations.isEmpty { w.annotations("  Annotations", annotations) }
        if let account = t.string("spec", "serviceAccountName"), !account.isEmpty {
            w.write(1, "Service Account:\t\(account)\n")
        }
        if !t.array("spec", "initContainers").isEmpty {
            ContainerSection.write(
                "Init Containers", containers: t.array("spec", "initContainers"), statuses: [], pod: nil, space: "  ",
                into: &w, timeZone: timeZone)
        }
        ContainerSection.write(
            "Containers", containers: t.array("spec", "containers"), statuses: [], pod: nil, space: "  ", into: &w,
            timeZone: timeZone)
        VolumeSection.write(t.array("spec", "volumes"), space: "  ", into: &w)
        topologySpread(t.array("spec", "topologySpreadConstraints"), space: "  ", into: &w)
        if let priorityClass = t.string("spec", "priorityClassName"), !priorityClass.isEmpty {
            w.write(1, "Priority Class Name:\t\(priorityClass)\n")
        }
        w.labels("  Node-Selectors", t.stringMap("spec", "nodeSelector"))
        w.tolerations("  Tolerations", t.array("spec", "tolerations"))
    }

    /// `describeTopologySpreadConstraints`: `Topology Spread Constraints:\t<key>:<action> when max skew N is
    /// exceeded for selector <selector>`, one per line, sorted by topology key; nothing when there are none.
    static func topologySpread(_ constraints: [JSONValue], space: String, into w: inout DescribeWriter) {
        guard !constraints.isEmpty else { return }
        let sorted = constraints.map(JSONFields.init).enumerated().sorted { a, b in
            let ka = a.element.string("topologyKey") ?? "", kb = b.element.string("topologyKey") ?? ""
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
        w.write(0, "\(space)Topology Spread Constraints:\t")
        for (index, c) in sorted.enumerated() {
            if index != 0 { w.write(0, "\(space)\t") }
            var line = "\(c.string("topologyKey") ?? ""):\(c.string("whenUnsatisfiable") ?? "")"
            line += " when max skew \(c.int("maxSkew") ?? 0) is exceeded"
            if let selector = c.value("labelSelector"), selector.objectValue != nil {
                line += " for selector \(LabelFormat.selector(selector))"
            }
            w.write(0, line + "\n")
        }
    }

    /// `qos.GetPodQOS`: `status.qosClass` when set, else computed from cpu and memory requests and limits
    /// (`Guaranteed`, `Burstable` or `BestEffort`), quantities compared by value.
    static func qosClass(_ pod: JSONFields) -> String {
        if let recorded = pod.string("status", "qosClass"), !recorded.isEmpty { return recorded }
        var requests: [String: Quantity] = [:], limits: [String: Quantity] = [:]
        var guaranteed = true
        for container in pod.array("spec", "containers") + pod.array("spec", "initContainers") {
            let c = JSONFields(container)
            var containerLimits: Set<String> = []
            for name in ["cpu", "memory"] {
                if let q = Quantity(json: c.value("resources", "requests", name)), !q.isZero {
                    requests[name] = (requests[name] ?? .zero) + q
                }
                if let q = Quantity(json: c.value("resources", "limits", name)), !q.isZero {
                    containerLimits.insert(name)
                    limits[name] = (limits[name] ?? .zero) + q
                }
            }
            if containerLimits.count != 2 { guaranteed = false }
        }
        if requests.isEmpty && limits.isEmpty { return "BestEffort" }
        if guaranteed {
            for (name, request) in requests where limits[name].map({ $0.milliValue != request.milliValue }) ?? true {
                guaranteed = false
            }
        }
        return guaranteed && limits.count == 2 ? "Guaranteed" : "Burstable"
    }
}
