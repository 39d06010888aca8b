import Foundation
import KubeAPI
import Wire

/// `kubectl describe daemonset`, a port of kubectl's `describeDaemonSet` (which, unlike the
/// other describers, prints no `Namespace:` line).
enum DaemonSetDescriber {
    /// Describes `daemonSet`. `pods` are the pods its selector matches (only those it controls are counted);
    /// `events` its related events (nil: no Events section).
    static func describe(
        _ daemonSet: JSONValue, pods: [JSONValue], events: [JSONValue]?, now: Date, timeZone: TimeZone
    ) -> String {
        let d = JSONFields(daemonSet)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(d.name)\n")
        w.write(0, "Selector:\t\(LabelFormat.selectorString(d.value("spec", "selector")) ?? "")\n")
        w.write(0, "Node-Selector:\t\(LabelFormat.labels(d.stringMap("spec", "template", "spec", "nodeSelector")))\n")
        w.labels("Labels", d.labels)
        w.annotations("Annotations", d.stringMap("metadata", "annotations"))
        w.write(0, "Desired Number of Nodes Scheduled: \(d.count("status", "desiredNumberScheduled"))\n")
        w.write(0, "Current Number of Nodes Scheduled: \(d.count("status", "currentNumberScheduled"))\n")
        w.write(0, "Number of Nodes Scheduled with Up-to-date Pods: \(d.count("status", "updatedNumberScheduled"))\n")
        w.write(0, "Number of Nodes Scheduled with Available Pods: \(d.count("status", "numberAvailable"))\n")
        w.write(0, "Number of Nodes Misscheduled: \(d.count("status", "numberMisscheduled"))\n")
        w.write(0, "Pods Status:\t\(PodPhaseCounts(pods: pods, controlledBy: d))\n")
        PodTemplateSection.write(d.value("spec", "template"), into: &w, timeZone: timeZone)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }
}

/// kubectl's `getPodStatusForController`: the phases of the pods a controller owns (its controller reference
/// carries the controller's UID), printed `2 Running / 0 Waiting / 0 Succeeded / 0 Failed`.
struct PodPhaseCounts: Sendable, Equatable, CustomStringConvertible {
    var running = 0
    var waiting = 0
    var succeeded = 0
    var failed = 0

    init(running: Int = 0, waiting: Int = 0, succeeded: Int = 0, failed: Int = 0) {
        (self.running, self.waiting, self.succeeded, self.failed) = (running, waiting, succeeded, failed)
    }

    /// Counts `pods` whose controller reference has the UID of `controller`; orphans and pods of other
    /// controllers are skipped; Pending counts as Waiting.
    init(pods: [JSONValue], controlledBy controller: JSONFields) {
        let uid = controller.string("metadata", "uid") ?? ""
        for pod in pods.map(JSONFields.init) {
            let owner = pod.array("metadata", "ownerReferences").first { JSONFields($0).bool("controller") == true }
            guard let owner, JSONFields(owner).string("uid") ?? "" == uid else { continue }
            switch pod.string("status", "phase") {
            case "Running": running += 1
            case "Pending": waiting += 1
            case "Succeeded": succeeded += 1
            case "Failed": failed += 1
            default: break
            }
        }
    }

    var description: String { "\(running) Running / \(waiting) Waiting / \(succeeded) Succeeded / \(failed) Failed" }
}
