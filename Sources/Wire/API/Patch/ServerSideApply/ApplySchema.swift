/// How server-side apply sees the shape of the built-in kinds: which lists are associative (and by which keys),
/// which are sets, which values are atomic, and which maps are free-form.
///
/// Kubernetes reads this from the OpenAPI extensions (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`,
/// `x-kubernetes-map-type`) and, where those are absent, the patch merge keys; here it starts from the strategic
/// merge patch's table (``StrategicMergeSchema``), with the keys that differ (container and Service ports are
/// keyed by port and protocol). Paths are object keys from the root, list items adding no component.
enum ApplySchema {
    /// How a list's items are told apart.
    enum ListType: Equatable {
        /// Items are maps identified by these key fields; a key field an item leaves out takes its default.
        case associative(keys: [String], defaults: [String: JSONValue])
        /// Items are scalars, each one a member.
        case set
        /// The list is one value, owned as a whole.
        case atomic
    }

    /// The list type of the list at `path` in an object of `kind`.
    static func listType(at path: [String], kind: String) -> ListType {
        // Most lists (args, command, tolerations...) are atomic: only these names are ever anything else.
        guard let last = path.last, mergingLists.contains(last) else { return .atomic }
        let tcp: [String: JSONValue] = ["protocol": "TCP"]
        if kind == "Service" && path == ["spec", "ports"] { return .associative(keys: ["port", "protocol"], defaults: tcp) }
        if path.count >= 2, path.last == "ports", ["containers", "initContainers", "ephemeralContainers"]
            .contains(path[path.count - 2])
        {
            return .associative(keys: ["containerPort", "protocol"], defaults: tcp)
        }
        switch StrategicMergeSchema.listStrategy(at: path, kind: kind) {
        case .mergeByKey(let key): return .associative(keys: [key], defaults: [:])
        case .mergePrimitives: return .set
        case .replace: return .atomic
        }
    }

    /// The names of the lists ``StrategicMergeSchema`` merges (the last component of its paths).
    private static let mergingLists: Set<String> = [
        "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets", "hostAliases",
        "topologySpreadConstraints", "schedulingGates", "resourceClaims", "podCIDRs", "ownerReferences", "finalizers",
        "conditions", "addresses", "podIPs", "hostIPs", "env", "ports", "volumeMounts", "volumeDevices",
    ]

    /// Whether the map at `path` is owned as a whole (a label selector: `+structType=atomic`).
    static func isAtomicMap(at path: [String], kind: String) -> Bool {
        guard let last = path.last else { return false }
        if last == "selector" { return !(path == ["spec", "selector"] && ["Service", "ReplicationController"].contains(kind)) }
        return last == "labelSelector" || last == "namespaceSelector"
    }

    /// Whether the map at `path` has free-form keys (labels, annotations, data...): an update that creates one
    /// owns the map itself too (its `.` entry), as Kubernetes records it.
    static func isFreeFormMap(at path: [String], kind: String) -> Bool {
        guard let last = path.last else { return false }
        if last == "selector" { return path == ["spec", "selector"] && ["Service", "ReplicationController"].contains(kind) }
        return freeFormMaps.contains(last)
    }

    private static let freeFormMaps: Set<String> = [
        "labels", "annotations", "nodeSelector", "data", "binaryData", "stringData", "limits", "requests", "capacity",
        "allocatable", "matchLabels",
    ]

    /// The fields of an object that ownership never covers: identity and bookkeeping the server keeps.
    static let untrackedMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// The part of `object` whose fields are tracked for a write to `subresource`: without `apiVersion`, `kind`
    /// and the server's metadata; a write to the object itself does not track `status`, and one to `status`
    /// tracks nothing else (as Kubernetes resets those fields for each).
    static func trackedPart(of object: JSONValue, subresource: String?) -> JSONValue {
        guard var members = object.objectValue else { return .object([:]) }
        if subresource == "status" {
            return .object(members["status"].map { ["status": $0] } ?? [:])
        }
        members["apiVersion"] = nil
        members["kind"] = nil
        members["status"] = nil
        if var metadata = members["metadata"]?.objectValue {
            for key in untrackedMetadata { metadata[key] = nil }
            members["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        }
        return .object(members)
    }
}
