import Foundation
import KubeAPI
import Wire

/// The metadata and status rules the API server applies on every write, on the JSON form of any kind.
///
/// Pure: the time, the uid and the random name suffix are parameters.
enum ObjectLifecycle {
    /// Annotation that mirrors a DaemonSet's template generation, as the apps/v1 API shows it.
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    /// Kinds whose `status` is written only through the `status` subresource (kept on ordinary updates).
    static func hasStatusSubresource(_ kind: ResourceKind) -> Bool {
        [ResourceKind.daemonSet, .deployment, .replicaSet, .pod, .node, .service, .namespace].contains(kind)
    }

    /// Kinds that track `metadata.generation`.
    static func tracksGeneration(_ kind: ResourceKind) -> Bool {
        [ResourceKind.daemonSet, .deployment, .replicaSet].contains(kind)
    }

    /// Sets what the server owns on a new object: canonical apiVersion/kind, namespace, name (from generateName),
    /// uid, creationTimestamp, generation, and an initial status.
    static func prepareForCreate(
        _ object: JSONValue, kind: ResourceKind, namespace: String?, now: Date, uid: String, nameSuffix: String
    ) -> JSONValue {
        var object = object
        object["apiVersion"] = .string(kind.apiVersion)
        object["kind"] = .string(kind.kind)
        var meta = object["metadata"]?.objectValue ?? [:]
        if let namespace { meta["namespace"] = .string(namespace) } else { meta["namespace"] = nil }
        if meta["name"]?.stringValue?.isEmpty ?? true, let base = meta["generateName"]?.stringValue {
            meta["name"] = .string(String(base.prefix(58)) + nameSuffix)
        }
        meta["uid"] = .string(uid)
        meta["creationTimestamp"] = .string(Timestamp.format(now))
        for key in ["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] {
            meta[key] = nil
        }
        if tracksGeneration(kind) { meta["generation"] = .int(1) } else { meta["generation"] = nil }
        if kind == .daemonSet {
            var annotations = meta["annotations"]?.objectValue ?? [:]
            annotations[templateGenerationAnnotation] = .string("1")
            meta["annotations"] = .object(annotations)
        }
        object["metadata"] = .object(meta)
        switch kind {
        case .daemonSet, .deployment, .replicaSet: object["status"] = .object([:])
        case .pod:
            // Phase and QoS class are filled by the pod defaults that run next.
            object["status"] = .object([:])
        case .service: object["status"] = ["loadBalancer": [:]]
        default: break
        }
        return object
    }

    /// Carries over what an update may not change (identity, creation time, status or spec depending on the
    /// subresource) and advances `generation` when the spec changed.
    static func prepareForUpdate(_ new: JSONValue, old: JSONValue, kind: ResourceKind, subresource: String?) -> JSONValue {
        if subresource == "status" {
            var result = old
            result["status"] = new["status"] ?? .object([:])
            return result
        }
        var object = new
        object["apiVersion"] = .string(kind.apiVersion)
        object["kind"] = .string(kind.kind)
        var meta = object["metadata"]?.objectValue ?? [:]
        let oldMeta = old["metadata"]?.objectValue ?? [:]
        for key in ["uid", "creationTimestamp", "namespace", "name", "deletionTimestamp", "deletionGracePeriodSeconds",
                    "generation"] {
            meta[key] = oldMeta[key]
        }
        if hasStatusSubresource(kind) { object["status"] = old["status"] }
        if tracksGeneration(kind), new["spec"] != old["spec"] {
            meta["generation"] = .int((oldMeta["generation"]?.intValue ?? 0) + 1)
        }
        if kind == .daemonSet {
            let oldTemplateGeneration = Int64(
                old[path: ["metadata", "annotations", templateGenerationAnnotation]]?.stringValue ?? "1") ?? 1
            let changed = new[path: ["spec", "template"]] != old[path: ["spec", "template"]]
            var annotations = meta["annotations"]?.objectValue ?? [:]
            annotations[templateGenerationAnnotation] = .string(String(oldTemplateGeneration + (changed ? 1 : 0)))
            meta["annotations"] = .object(annotations)
        }
        object["metadata"] = .object(meta)
        return object
    }

    /// The resourceVersion an update must match, from the object's metadata (nil: unconditional).
    static func expectedResourceVersion(_ object: JSONValue) throws -> Int64? {
        guard let text = object[path: ["metadata", "resourceVersion"]]?.stringValue, !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw Status.badRequest("metadata.resourceVersion: Invalid value: \"\(text)\": must be a decimal integer")
        }
        return value
    }

    /// Whether an update completes a pending deletion: the object has a deletionTimestamp and no finalizers left.
    /// (Pods are finished by their node's delete instead.)
    static func finishesDeletion(_ object: JSONValue) -> Bool {
        guard object["kind"]?.stringValue != ResourceKind.pod.kind,
            object[path: ["metadata", "deletionTimestamp"]] != nil
        else { return false }
        return (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
    }
}
