import Foundation
import KubeAPI
import Wire

/// `kubectl describe replicaset`, a port of kubectl's `describeReplicaSet`.
enum ReplicaSetDescriber {
    /// Describes `replicaSet`. `pods` are the pods its selector matches (only those it controls are counted), or
    /// the message of the error met listing them; `events` its related events (nil: no Events section).
    static func describe(
        _ replicaSet: JSONValue, pods: Result<[JSONValue], DescribeFetchError>, events: [JSONValue]?, now: Date,
        timeZone: TimeZone
    ) -> String {
        let r = JSONFields(replicaSet)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(r.name)\n")
        w.write(0, "Namespace:\t\(r.namespace)\n")
        w.write(0, "Selector:\t\(LabelFormat.selector(r.value("spec", "selector")))\n")
        w.labels("Labels", r.labels)
        w.annotations("Annotations", r.stringMap("metadata", "annotations"))
        if let controller = PodDescriber.controlledBy(r) { w.write(0, "Controlled By:\t\(controller)\n") }
        w.write(0, "Replicas:\t\(r.count("status", "replicas")) current / \(r.int("spec", "replicas") ?? 1) desired\n")
        switch pods {
        case .success(let pods): w.write(0, "Pods Status:\t\(PodPhaseCounts(pods: pods, controlledBy: r))\n")
        case .failure(let error): w.write(0, "Pods Status:\terror in fetching pods: \(error.message)\n")
        }
        PodTemplateSection.write(r.value("spec", "template"), into: &w, timeZone: timeZone)
        WorkloadConditions.write(r.array("status", "conditions"), into: &w)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }
}

/// A failure met while fetching what a describer shows, carried as its message.
struct DescribeFetchError: Error, Sendable, Equatable {
    var message: String
}

/// The `Conditions:` table of replica sets and deployments: `Type Status Reason`.
enum WorkloadConditions {
    static func write(_ conditions: [JSONValue], into w: inout DescribeWriter) {
        guard !conditions.isEmpty else { return }
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in conditions.map(JSONFields.init) {
            w.write(1, "\(c.string("type") ?? "") \t\(c.string("status") ?? "")\t\(c.string("reason") ?? "")\n")
        }
    }
}
