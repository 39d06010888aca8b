/// How a DaemonSet's pod says which node and which template revision it is for: read alike by the DaemonSet
/// controller and by kctl's chaos checker, so the two never disagree about which pod stands for which node.
public enum DaemonPodIdentity {
    /// The label carrying the ControllerRevision hash of the template a pod was created from.
    public static let revisionHashLabel = "controller-revision-hash"

    /// The node a DaemonSet pod is for (upstream `util.GetTargetNodeName`): `spec.nodeName`, or for an unscheduled
    /// pod the single value of the `matchFields` `metadata.name In [...]` requirement of its required node
    /// affinity, as the controller pins its pods; nil when neither exists (or the requirement holds several values).
    public static func targetNodeName(of pod: Pod) -> String? {
        if let name = pod.spec.nodeName, !name.isEmpty { return name }
        guard let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?
            .nodeSelectorTerms
        else { return nil }
        for term in terms {
            for requirement in term.matchFields ?? []
            where requirement.key == "metadata.name" && requirement.operator == "In" {
                let values = requirement.values ?? []
                return values.count == 1 ? values[0] : nil
            }
        }
        return nil
    }

    /// The pod's revision hash label (empty when it has none).
    public static func revision(of pod: Pod) -> String {
        pod.labels[revisionHashLabel] ?? ""
    }
}
