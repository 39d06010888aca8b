import Foundation

/// `kubectl get statefulsets`: `NAME READY AGE` (READY is `status.readyReplicas/spec.replicas`), wide adds
/// `CONTAINERS IMAGES` (no selector column, unlike the other workload kinds).
public enum StatefulSetColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Ready", description: "Ready pods out of the desired replicas."),
        .age,
        TableColumnDefinition(
            name: "Containers", description: "Names of the containers of the pod template.", priority: 1),
        TableColumnDefinition(
            name: "Images", description: "Images of the containers of the pod template.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let set = JSONFields(object)
        let (names, images) = ContainerCells.layout(set.array("spec", "template", "spec", "containers"))
        let ready = set.int("status", "readyReplicas") ?? 0
        let desired = set.int("spec", "replicas") ?? 1
        return [.string(set.name), .string("\(ready)/\(desired)"), ageCell(set, now: now), .string(names), .string(images)]
    }
}
