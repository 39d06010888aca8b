import Foundation
import KubeAPI
import Wire

/// `kubectl describe deployment`, a port of kubectl's `describeDeployment`.
enum DeploymentDescriber {
    /// Describes `deployment`. `replicaSets` are the replica sets of its namespace (those it controls are sorted
    /// into new and old); `events` its related events (nil: no Events section).
    static func describe(
        _ deployment: JSONValue, replicaSets: [JSONValue], events: [JSONValue]?, now: Date, timeZone: TimeZone
    ) -> String {
        let d = JSONFields(deployment)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(d.name)\n")
        w.write(0, "Namespace:\t\(d.namespace)\n")
        w.write(0, "CreationTimestamp:\t\(DescribeTime.rfc1123Z(d.creationTimestamp, in: timeZone))\n")
        w.labels("Labels", d.labels)
        w.annotations("Annotations", d.stringMap("metadata", "annotations"))
        w.write(0, "Selector:\t\(LabelFormat.selectorString(d.value("spec", "selector")) ?? "")\n")
        w.write(0, "Replicas:\t\(d.int("spec", "replicas") ?? 1) desired | \(d.count("status", "updatedReplicas")) updated | "
            + "\(d.count("status", "replicas")) total | \(d.count("status", "availableReplicas")) available | "
            + "\(d.count("status", "unavailableReplicas")) unavailable\n")
        w.write(0, "StrategyType:\t\(d.string("spec", "strategy", "type") ?? "")\n")
        w.write(0, "MinReadySeconds:\t\(d.count("spec", "minReadySeconds"))\n")
        if d.value("spec", "strategy", "rollingUpdate")?.objectValue != nil {
            let unavailable = ContainerEnvironment.intOrString(d.value("spec", "strategy", "rollingUpdate", "maxUnavailable"))
            let surge = ContainerEnvironment.intOrString(d.value("spec", "strategy", "rollingUpdate", "maxSurge"))
            w.write(0, "RollingUpdateStrategy:\t\(unavailable.isEmpty ? "0" : unavailable) max unavailable, "
                + "\(surge.isEmpty ? "0" : surge) max surge\n")
        }
        PodTemplateSection.write(d.value("spec", "template"), into: &w, timeZone: timeZone)
        WorkloadConditions.write(d.array("status", "conditions"), into: &w)
        let (new, old) = partition(replicaSets, of: d)
        if !new.isEmpty || !old.isEmpty {
            w.write(0, "OldReplicaSets:\t\(replicaSetList(old))\n")
            w.write(0, "NewReplicaSet:\t\(replicaSetList(new))\n")
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// The deployment's replica sets (controller reference with its UID): the new one (the oldest whose template
    /// equals the deployment's, ignoring `pod-template-hash`) and all the others, in list order.
    static func partition(_ replicaSets: [JSONValue], of deployment: JSONFields) -> (new: [JSONValue], old: [JSONValue]) {
        let uid = deployment.string("metadata", "uid") ?? ""
        let owned = replicaSets.filter { rs in
            JSONFields(rs).array("metadata", "ownerReferences").contains {
                JSONFields($0).bool("controller") == true && JSONFields($0).string("uid") == uid
            }
        }
        let template = withoutHash(deployment.value("spec", "template"))
        let byAge = owned.enumerated().sorted { a, b in
            let ta = JSONFields(a.element).creationTimestamp ?? "", tb = JSONFields(b.element).creationTimestamp ?? ""
            return ta != tb ? ta < tb : a.offset < b.offset
        }
        guard let newest = byAge.first(where: { withoutHash(JSONFields($0.element).value("spec", "template")) == template })
        else { return ([], owned) }
        return ([newest.element], owned.enumerated().filter { $0.offset != newest.offset }.map(\.element))
    }

    /// `name (2/3 replicas created), ...` or `<none>`.
    private static func replicaSetList(_ replicaSets: [JSONValue]) -> String {
        let items = replicaSets.map(JSONFields.init).map {
            "\($0.name) (\($0.count("status", "replicas"))/\($0.int("spec", "replicas") ?? 1) replicas created)"
        }
        return items.isEmpty ? "<none>" : items.joined(separator: ", ")
    }

    /// A pod template without the `pod-template-hash` label (and without an emptied label map).
    private static func withoutHash(_ template: JSONValue?) -> JSONValue {
        var t = template ?? .object([:])
        t[path: ["metadata", "labels", "pod-template-hash"]] = nil
        if t[path: ["metadata", "labels"]]?.objectValue?.isEmpty == true { t[path: ["metadata", "labels"]] = nil }
        return t
    }
}
