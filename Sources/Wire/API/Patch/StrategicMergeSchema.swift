/// Which lists of the built-in kinds merge, and by which key, in a strategic merge patch.
///
/// Kubernetes reads this from `patchStrategy`/`patchMergeKey` struct tags; here it is a table of path suffixes
/// relative to the object (list items add no path component), so one entry covers a Pod's `spec.containers` and a
/// DaemonSet's `spec.template.spec.containers` alike. Lists not in the table are replaced whole.
enum StrategicMergeSchema {
    /// How a list field merges.
    enum ListStrategy: Equatable {
        /// The patch list replaces the original (the default for lists).
        case replace
        /// Items are objects merged by the value of this key.
        case mergeByKey(String)
        /// Items are primitives merged as a set (`finalizers`).
        case mergePrimitives

        /// The merge key, if items merge by one.
        var mergeKey: String? {
            if case .mergeByKey(let key) = self { return key }
            return nil
        }

        var merges: Bool { self != .replace }
    }

    private static let suffixes: [(suffix: [String], strategy: ListStrategy)] = {
        var table: [([String], ListStrategy)] = [
            (["spec", "containers"], .mergeByKey("name")),
            (["spec", "initContainers"], .mergeByKey("name")),
            (["spec", "ephemeralContainers"], .mergeByKey("name")),
            (["spec", "volumes"], .mergeByKey("name")),
            (["spec", "imagePullSecrets"], .mergeByKey("name")),
            (["spec", "hostAliases"], .mergeByKey("ip")),
            (["spec", "topologySpreadConstraints"], .mergeByKey("topologyKey")),
            (["spec", "schedulingGates"], .mergeByKey("name")),
            (["spec", "resourceClaims"], .mergeByKey("name")),
            (["spec", "podCIDRs"], .mergePrimitives),
            (["metadata", "ownerReferences"], .mergeByKey("uid")),
            (["metadata", "finalizers"], .mergePrimitives),
            (["status", "conditions"], .mergeByKey("type")),
            (["status", "addresses"], .mergeByKey("type")),
            (["status", "podIPs"], .mergeByKey("ip")),
            (["status", "hostIPs"], .mergeByKey("ip")),
            (["matchConditions"], .mergeByKey("name")),
        ]
        for container in ["containers", "initContainers", "ephemeralContainers"] {
            table.append(([container, "env"], .mergeByKey("name")))
            table.append(([container, "ports"], .mergeByKey("containerPort")))
            table.append(([container, "volumeMounts"], .mergeByKey("mountPath")))
            table.append(([container, "volumeDevices"], .mergeByKey("devicePath")))
        }
        return table
    }()

    /// Whether the map at `path` (or each item of the list at `path`) has the `retainKeys` strategy: a
    /// generated patch lists its keys in `$retainKeys` so that keys it no longer has are cleared (a volume's
    /// source, a Deployment's `spec.strategy`).
    static func retainsKeys(at path: [String], kind: String) -> Bool {
        if kind == "Deployment" && path == ["spec", "strategy"] { return true }
        return path.count >= 2 && Array(path.suffix(2)) == ["spec", "volumes"]
    }

    /// Whether the map at `path` has the `replace` strategy: a patch's value replaces it whole, and a generated patch
    /// always carries it, changed or not (apimachinery's `handleMapDiff`, so `kubectl apply` of a PodDisruptionBudget
    /// says `configured` every time). policy/v1's `spec.selector` is the one such map.
    static func replacesMap(at path: [String], kind: String) -> Bool {
        kind == "PodDisruptionBudget" && path == ["spec", "selector"]
    }

    /// The strategy for the list at `path` (object keys from the root) in an object of `kind`.
    static func listStrategy(at path: [String], kind: String) -> ListStrategy {
        if kind == "Service" && path == ["spec", "ports"] { return .mergeByKey("port") }
        if kind == "ServiceAccount" && path == ["secrets"] { return .mergeByKey("name") }
        if kind.hasSuffix("WebhookConfiguration") && path == ["webhooks"] { return .mergeByKey("name") }
        for entry in suffixes where path.count >= entry.suffix.count {
            if Array(path.suffix(entry.suffix.count)) == entry.suffix { return entry.strategy }
        }
        return .replace
    }
}
