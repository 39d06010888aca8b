import Foundation
import KubeAPI
import Wire

/// `kubectl describe` of PodDisruptionBudgets and PriorityClasses: ports of kubectl's
/// `describePodDisruptionBudgetV1` and `describePriorityClass`.
enum PolicyDescriber {
    /// Name, namespace, the bound the budget sets (`Min available` or `Max unavailable`), the selector (`<unset>`
    /// without one) and the status counts.
    static func describePodDisruptionBudget(_ budget: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let b = JSONFields(budget)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(b.name)\n")
        w.write(0, "Namespace:\t\(b.namespace)\n")
        if let min = b.value("spec", "minAvailable") {
            w.write(0, "Min available:\t\(intOrString(min))\n")
        } else if let max = b.value("spec", "maxUnavailable") {
            w.write(0, "Max unavailable:\t\(intOrString(max))\n")
        }
        if let selector = b.value("spec", "selector") {
            w.write(0, "Selector:\t\(LabelFormat.selector(selector))\n")
        } else {
            w.write(0, "Selector:\t<unset>\n")
        }
        w.write(0, "Status:\n")
        w.write(2, "Allowed disruptions:\t\(b.int("status", "disruptionsAllowed") ?? 0)\n")
        w.write(2, "Current:\t\(b.int("status", "currentHealthy") ?? 0)\n")
        w.write(2, "Desired:\t\(b.int("status", "desiredHealthy") ?? 0)\n")
        w.write(2, "Total:\t\(b.int("status", "expectedPods") ?? 0)\n")
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// Name, value, whether it is the global default, its preemption policy and description, and its annotations
    /// as `labels.FormatLabels` prints them.
    static func describePriorityClass(_ priorityClass: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let p = JSONFields(priorityClass)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(p.name)\n")
        w.write(0, "Value:\t\(p.int("value") ?? 0)\n")
        w.write(0, "GlobalDefault:\t\(p.bool("globalDefault") ?? false)\n")
        w.write(0, "PreemptionPolicy:\t\(p.string("preemptionPolicy") ?? "")\n")
        w.write(0, "Description:\t\(p.string("description") ?? "")\n")
        w.write(0, "Annotations:\t\(LabelFormat.labels(p.stringMap("metadata", "annotations")))\n")
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// An int-or-string as Go's `IntOrString.String()` prints it.
    private static func intOrString(_ value: JSONValue) -> String {
        value.intValue.map(String.init) ?? value.stringValue ?? ""
    }
}
