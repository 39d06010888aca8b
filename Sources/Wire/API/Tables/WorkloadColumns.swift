import Foundation

/// `kubectl get daemonsets`: `NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE`, wide adds
/// `CONTAINERS IMAGES SELECTOR`.
public enum DaemonSetColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(
            name: "Desired", type: "integer", description: "Nodes that should run the daemon pod."),
        TableColumnDefinition(
            name: "Current", type: "integer", description: "Nodes running at least one daemon pod."),
        TableColumnDefinition(name: "Ready", type: "integer", description: "Nodes whose daemon pod is ready."),
        TableColumnDefinition(
            name: "Up-to-date", type: "integer", description: "Nodes running the current template's daemon pod."),
        TableColumnDefinition(
            name: "Available", type: "integer", description: "Nodes whose daemon pod is available."),
        TableColumnDefinition(name: "Node Selector", description: "The pod template's node selector."),
        .age,
    ] + ContainerCells.wideColumns

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let ds = JSONFields(object)
        let (names, images) = ContainerCells.layout(ds.array("spec", "template", "spec", "containers"))
        return [
            .string(ds.name), .int(ds.int("status", "desiredNumberScheduled") ?? 0),
            .int(ds.int("status", "currentNumberScheduled") ?? 0), .int(ds.int("status", "numberReady") ?? 0),
            .int(ds.int("status", "updatedNumberScheduled") ?? 0), .int(ds.int("status", "numberAvailable") ?? 0),
            .string(LabelFormat.labels(ds.stringMap("spec", "template", "spec", "nodeSelector"))),
            ageCell(ds, now: now),
            .string(names), .string(images), .string(LabelFormat.selector(ds.value("spec", "selector"))),
        ]
    }
}

/// `kubectl get deployments`: `NAME READY UP-TO-DATE AVAILABLE AGE`, wide adds `CONTAINERS IMAGES SELECTOR`.
public enum DeploymentColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Ready", description: "Ready pods out of the desired replicas."),
        TableColumnDefinition(
            name: "Up-to-date", type: "integer", description: "Pods running the current template."),
        TableColumnDefinition(name: "Available", type: "integer", description: "Pods available to serve."),
        .age,
    ] + ContainerCells.wideColumns

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let d = JSONFields(object)
        let (names, images) = ContainerCells.layout(d.array("spec", "template", "spec", "containers"))
        // kubectl prints selector.String() here (empty, not <none>, for an empty selector).
        let selector = LabelFormat.selectorString(d.value("spec", "selector")) ?? "<invalid>"
        return [
            .string(d.name), .string("\(d.int("status", "readyReplicas") ?? 0)/\(d.int("spec", "replicas") ?? 1)"),
            .int(d.int("status", "updatedReplicas") ?? 0), .int(d.int("status", "availableReplicas") ?? 0),
            ageCell(d, now: now), .string(names), .string(images), .string(selector),
        ]
    }
}

/// `kubectl get replicasets`: `NAME DESIRED CURRENT READY AGE`, wide adds `CONTAINERS IMAGES SELECTOR`.
public enum ReplicaSetColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Desired", type: "integer", description: "The desired replicas."),
        TableColumnDefinition(name: "Current", type: "integer", description: "The pods it has."),
        TableColumnDefinition(name: "Ready", type: "integer", description: "The pods that are ready."),
        .age,
    ] + ContainerCells.wideColumns

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let rs = JSONFields(object)
        let (names, images) = ContainerCells.layout(rs.array("spec", "template", "spec", "containers"))
        return [
            .string(rs.name), .int(rs.int("spec", "replicas") ?? 1), .int(rs.int("status", "replicas") ?? 0),
            .int(rs.int("status", "readyReplicas") ?? 0), ageCell(rs, now: now),
            .string(names), .string(images), .string(LabelFormat.selector(rs.value("spec", "selector"))),
        ]
    }
}
