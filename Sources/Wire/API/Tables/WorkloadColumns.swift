import Foundation
import KubeAPI
import Wire

/// `kubectl get daemonsets`: `NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE`, wide adds
/// `CONTAINERS IMAGES SELECTOR`.
enum DaemonSetColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("DESIRED"), TableColumn("CURRENT"), TableColumn("READY"),
        TableColumn("UP-TO-DATE"), TableColumn("AVAILABLE"), TableColumn("NODE SELECTOR"), TableColumn("AGE"),
        TableColumn("CONTAINERS", wide: true), TableColumn("IMAGES", wide: true), TableColumn("SELECTOR", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let ds = JSONFields(object)
        let (names, images) = ContainerCells.layout(ds.array("spec", "template", "spec", "containers"))
        return [
            ds.name, ds.count("status", "desiredNumberScheduled"), ds.count("status", "currentNumberScheduled"),
            ds.count("status", "numberReady"), ds.count("status", "updatedNumberScheduled"),
            ds.count("status", "numberAvailable"),
            LabelFormat.labels(ds.stringMap("spec", "template", "spec", "nodeSelector")),
            HumanDuration.since(ds.creationTimestamp, now: now),
            names, images, LabelFormat.selector(ds.value("spec", "selector")),
        ]
    }
}

/// `kubectl get deployments`: `NAME READY UP-TO-DATE AVAILABLE AGE`, wide adds `CONTAINERS IMAGES SELECTOR`.
enum DeploymentColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("READY"), TableColumn("UP-TO-DATE"), TableColumn("AVAILABLE"),
        TableColumn("AGE"), TableColumn("CONTAINERS", wide: true), TableColumn("IMAGES", wide: true),
        TableColumn("SELECTOR", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let d = JSONFields(object)
        let (names, images) = ContainerCells.layout(d.array("spec", "template", "spec", "containers"))
        // kubectl prints selector.String() here (empty, not <none>, for an empty selector).
        let selector = LabelFormat.selectorString(d.value("spec", "selector")) ?? "<invalid>"
        return [
            d.name, "\(d.int("status", "readyReplicas") ?? 0)/\(d.int("spec", "replicas") ?? 1)",
            d.count("status", "updatedReplicas"), d.count("status", "availableReplicas"),
            HumanDuration.since(d.creationTimestamp, now: now), names, images, selector,
        ]
    }
}

/// `kubectl get replicasets`: `NAME DESIRED CURRENT READY AGE`, wide adds `CONTAINERS IMAGES SELECTOR`.
enum ReplicaSetColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("DESIRED"), TableColumn("CURRENT"), TableColumn("READY"),
        TableColumn("AGE"), TableColumn("CONTAINERS", wide: true), TableColumn("IMAGES", wide: true),
        TableColumn("SELECTOR", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let rs = JSONFields(object)
        let (names, images) = ContainerCells.layout(rs.array("spec", "template", "spec", "containers"))
        return [
            rs.name, String(rs.int("spec", "replicas") ?? 1), rs.count("status", "replicas"),
            rs.count("status", "readyReplicas"), HumanDuration.since(rs.creationTimestamp, now: now),
            names, images, LabelFormat.selector(rs.value("spec", "selector")),
        ]
    }
}
