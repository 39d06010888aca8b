import KubeAPI
import Wire

/// The `scale` subresource (autoscaling/v1 `Scale`) of Deployments, ReplicaSets and StatefulSets, as `kubectl scale`
/// and the client libraries use it: a view of the object's `spec.replicas`, `status.replicas` and selector. A change
/// to a Scale becomes a merge patch of the object's `spec.replicas`, so the API server applies its usual rules. Pure.
enum RESTScale {
    /// The kinds that have a scale subresource here (a DaemonSet has none: 404, which `kubectl scale` relies on).
    static let kinds: Set<ResourceKind> = [.deployment, .replicaSet, .statefulSet]

    /// The Scale of `object`.
    static func scale(of object: JSONValue) -> JSONValue {
        var metadata: JSONValue = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: ["metadata", key]] { metadata[key] = value }
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": object[path: ["spec", "replicas"]] ?? .int(1)],
            "status": [
                "replicas": object[path: ["status", "replicas"]] ?? .int(0),
                "selector": .string(LabelFormat.selectorString(object[path: ["spec", "selector"]]) ?? ""),
            ],
        ]
    }

    /// The replicas a changed Scale asks for (the API server validates them as it validates the object).
    /// - Throws: 400 when the result has no integer `spec.replicas`.
    static func replicas(of scale: JSONValue) throws -> Int64 {
        guard let replicas = scale[path: ["spec", "replicas"]]?.intValue else {
            throw Status.badRequest("spec.replicas: Required value: the scale must name its replicas")
        }
        return replicas
    }

    /// `scale` changed by `patch` of `type`.
    /// - Throws: 400 when the patch cannot be applied.
    static func patched(_ scale: JSONValue, patch: JSONValue, type: PatchType) throws -> JSONValue {
        do {
            switch type {
            // An apply of a Scale names the replicas wanted, as a merge of the configuration does.
            case .merge, .apply: return JSONMergePatch.apply(patch, to: scale)
            case .strategic: return try StrategicMergePatch.apply(patch, to: scale, kind: "Scale")
            case .json: return try JSONPatch.apply(patch, to: scale)
            }
        } catch let status as Status {
            throw status
        } catch {
            throw Status.badRequest("\(error)")
        }
    }

    /// The merge patch of the scaled object that sets its replicas.
    static func objectPatch(replicas: Int64) -> JSONValue {
        ["spec": ["replicas": .int(replicas)]]
    }
}
