/// Whether a pod may go to a node: node selector, required node affinity, taints and tolerations, as the
/// Kubernetes scheduler's filters and the DaemonSet controller's `NodeShouldRunDaemonPod` compute them. Pure.
public enum NodePredicates {
    /// `spec.nodeSelector` and `requiredDuringSchedulingIgnoredDuringExecution` both match the node.
    /// Node selector terms are ORed; within a term, matchExpressions (on labels) and matchFields (only
    /// `metadata.name`) are ANDed; an empty term list matches nothing, as in Kubernetes.
    public static func matchesNodeSelectorAndAffinity(_ spec: PodSpec, node: Node) -> Bool {
        let labels = node.metadata.labels ?? [:]
        for (key, value) in spec.nodeSelector ?? [:] where labels[key] != value {
            return false
        }
        guard let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution else {
            return true
        }
        return required.nodeSelectorTerms.contains { term in matches(term, node: node) }
    }

    /// One node selector term against a node.
    public static func matches(_ term: NodeSelectorTerm, node: Node) -> Bool {
        let expressions = term.matchExpressions ?? []
        let fields = term.matchFields ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        let labels = node.metadata.labels ?? [:]
        for requirement in expressions where !matches(requirement, value: labels[requirement.key]) {
            return false
        }
        for requirement in fields {
            guard requirement.key == "metadata.name", matches(requirement, value: node.metadata.name) else {
                return false
            }
        }
        return true
    }

    /// One requirement against the value of its key (nil when the node lacks it).
    public static func matches(_ requirement: NodeSelectorRequirement, value: String?) -> Bool {
        let values = requirement.values ?? []
        switch requirement.operator {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return !(value.map(values.contains) ?? false)
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let value, let actual = Int64(value), values.count == 1, let bound = Int64(values[0]) else {
                return false
            }
            return requirement.operator == "Gt" ? actual > bound : actual < bound
        default: return false
        }
    }

    /// Whether `toleration` tolerates `taint` (Kubernetes' `Toleration.ToleratesTaint`).
    public static func tolerates(_ toleration: Toleration, _ taint: Taint) -> Bool {
        if let effect = toleration.effect, !effect.isEmpty, effect != taint.effect { return false }
        let key = toleration.key ?? ""
        if !key.isEmpty && key != taint.key { return false }
        switch toleration.operator ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return key == taint.key && (toleration.value ?? "") == (taint.value ?? "")
        default: return false
        }
    }

    /// The first taint among `taints` with one of `effects` that no toleration tolerates, or nil.
    public static func firstUntoleratedTaint(
        _ taints: [Taint], tolerations: [Toleration], effects: Set<String>
    ) -> Taint? {
        taints.first { taint in
            effects.contains(taint.effect) && !tolerations.contains { tolerates($0, taint) }
        }
    }
}
