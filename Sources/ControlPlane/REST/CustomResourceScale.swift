import KubeAPI
import Wire

/// The `scale` subresource of a custom kind whose version declares one (`subresources.scale`): an autoscaling/v1
/// Scale read from the object at the definition's paths (`specReplicasPath`, `statusReplicasPath`,
/// `labelSelectorPath`), and the merge patch that writes wanted replicas back at `specReplicasPath`, as Kubernetes'
/// apiextensions server serves it. Pure.
struct CustomResourceScale: Sendable {
    let paths: CustomResourceSubresourceScale

    /// The Scale of `object`: replicas missing at their paths are 0, a missing selector is empty.
    func scale(of object: JSONValue) -> JSONValue {
        var metadata: JSONValue = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: ["metadata", key]] { metadata[key] = value }
        }
        func value(at path: String?) -> JSONValue? { path.flatMap(SimpleJSONPath.init)?.evaluate(object).first }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": value(at: paths.specReplicasPath) ?? .int(0)],
            "status": [
                "replicas": value(at: paths.statusReplicasPath) ?? .int(0),
                "selector": value(at: paths.labelSelectorPath) ?? "",
            ],
        ]
    }

    /// The merge patch of the object that sets `replicas` at `specReplicasPath` (`.spec.replicas` gives
    /// `{"spec":{"replicas":N}}`).
    func objectPatch(replicas: Int64) -> JSONValue {
        let names = paths.specReplicasPath.split(separator: ".").map(String.init)
        return names.reversed().reduce(JSONValue.int(replicas)) { inner, name in .object([name: inner]) }
    }
}
