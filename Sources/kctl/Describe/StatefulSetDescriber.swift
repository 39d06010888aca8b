import Foundation
import KubeAPI
import Wire

/// `kubectl describe statefulset`, a port of kubectl 1.32's `describeStatefulSet` and `describeVolumeClaimTemplates`
/// (later kubectls add the service name, pod management policy and claim retention policy; 1.32 prints none).
enum StatefulSetDescriber {
    /// Describes `statefulSet`. `pods` are the pods its selector matches (only those it controls are counted);
    /// `events` its related events (nil: no Events section).
    static func describe(
        _ statefulSet: JSONValue, pods: [JSONValue], events: [JSONValue]?, now: Date, timeZone: TimeZone
    ) -> String {
        let s = JSONFields(statefulSet)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(s.name)\n")
        w.write(0, "Namespace:\t\(s.namespace)\n")
        w.write(0, "CreationTimestamp:\t\(DescribeTime.rfc1123Z(s.creationTimestamp, in: timeZone))\n")
        w.write(0, "Selector:\t\(LabelFormat.selectorString(s.value("spec", "selector")) ?? "")\n")
        w.labels("Labels", s.labels)
        w.annotations("Annotations", s.stringMap("metadata", "annotations"))
        w.write(0, "Replicas:\t\(s.int("spec", "replicas") ?? 0) desired | \(s.count("status", "replicas")) total\n")
        w.write(0, "Update Strategy:\t\(s.string("spec", "updateStrategy", "type") ?? "")\n")
        if s.value("spec", "updateStrategy", "rollingUpdate") != nil,
           let partition = s.int("spec", "updateStrategy", "rollingUpdate", "partition")
        {
            w.write(1, "Partition:\t\(partition)\n")
            if let maxUnavailable = s.value("spec", "updateStrategy", "rollingUpdate", "maxUnavailable") {
                w.write(1, "MaxUnavailable:\t\(intOrString(maxUnavailable))\n")
            }
        }
        w.write(0, "Pods Status:\t\(PodPhaseCounts(pods: pods, controlledBy: s))\n")
        PodTemplateSection.write(s.value("spec", "template"), into: &w, timeZone: timeZone)
        volumeClaims(s.array("spec", "volumeClaimTemplates"), into: &w)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// `describeVolumeClaimTemplates`: each template's name, storage class, labels, annotations, requested storage
    /// (`<default>` when none) and access modes (Go's `[ReadWriteOnce]`); `Volume Claims:\t<none>` without any.
    static func volumeClaims(_ templates: [JSONValue], into w: inout DescribeWriter) {
        guard !templates.isEmpty else { return w.write(0, "Volume Claims:\t<none>\n") }
        w.write(0, "Volume Claims:\n")
        for template in templates.map(JSONFields.init) {
            w.write(1, "Name:\t\(template.string("metadata", "name") ?? "")\n")
            let storageClass = template.string("spec", "storageClassName")
                ?? template.string("metadata", "annotations", "volume.beta.kubernetes.io/storage-class") ?? ""
            w.write(1, "StorageClass:\t\(storageClass)\n")
            indentedLabels("Labels", template.stringMap("metadata", "labels"), into: &w)
            indentedLabels("Annotations", template.stringMap("metadata", "annotations"), into: &w)
            if let storage = template.value("spec", "resources", "requests", "storage") {
                w.write(1, "Capacity:\t\(Quantity(json: storage)?.description ?? (storage.stringValue ?? ""))\n")
            } else {
                w.write(1, "Capacity:\t<default>\n")
            }
            let modes = template.array("spec", "accessModes").compactMap(\.stringValue)
            w.write(1, "Access Modes:\t[\(modes.joined(separator: " "))]\n")
        }
    }

    /// `printLabelsMultilineWithIndent(w, "  ", title, "\t", ...)`: `  Title:\tk=v`, further entries on `  \tk=v`
    /// lines, `<none>` when empty (annotations too are printed as `k=v`).
    private static func indentedLabels(_ title: String, _ labels: [String: String], into w: inout DescribeWriter) {
        w.write(0, "  \(title):\t")
        guard !labels.isEmpty else { return w.writeLine("<none>") }
        for (index, key) in labels.keys.sorted().enumerated() {
            if index != 0 { w.write(0, "  \t") }
            w.write(0, "\(key)=\(labels[key] ?? "")\n")
        }
    }

    /// `intstr.IntOrString.String()`: the number, or the string as is.
    private static func intOrString(_ value: JSONValue) -> String {
        if let number = value.intValue { return String(number) }
        return value.stringValue ?? ""
    }
}
