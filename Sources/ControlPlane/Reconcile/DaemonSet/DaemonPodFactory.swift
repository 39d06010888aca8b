import KubeAPI
import Wire

/// Builds the pods a DaemonSet creates (upstream `CreatePodTemplate`, `ReplaceDaemonSetPodNodeNameNodeAffinity`
/// and `GetPodFromTemplate`). Built once per sync; ``pod(for:)`` pins a copy to one node.
struct DaemonPodFactory: Sendable {
    /// The pod every node's copy starts from.
    let base: Pod

    /// - Parameters:
    ///   - hash: the current revision hash (`controller-revision-hash` label).
    ///   - ownerRef: the DaemonSet's controller ownerRef.
    init(daemonSet: DaemonSet, hash: String, ownerRef: OwnerReference) {
        let template = daemonSet.spec.template
        var labels = template.metadata.labels ?? [:]
        if let text = daemonSet.metadata.annotations?[DaemonPods.templateGenerationAnnotation],
           let generation = Int64(text) {
            labels[DaemonPods.templateGenerationLabel] = String(generation)
        }
        if !hash.isEmpty { labels[DaemonPods.revisionHashLabel] = hash }
        var metadata = ObjectMeta(
            generateName: "\(daemonSet.name)-", namespace: daemonSet.metadata.namespace, labels: labels,
            annotations: template.metadata.annotations, ownerReferences: [ownerRef])
        metadata.finalizers = template.metadata.finalizers
        base = Pod(metadata: metadata, spec: DaemonPodTolerations.adding(to: template.spec))
    }

    /// The pod for one node: `nodeName` stays empty; the required node affinity's terms are replaced by the single
    /// term `matchFields: metadata.name In [node]`, so the scheduler binds it there. Preferred affinity and pod
    /// (anti-)affinity are kept.
    func pod(for node: String) -> Pod {
        var pod = base
        let requirement = NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [node])
        let pinned = NodeSelector(nodeSelectorTerms: [NodeSelectorTerm(matchFields: [requirement])])
        var affinity = pod.spec.affinity ?? Affinity()
        var nodeAffinity = affinity.nodeAffinity ?? NodeAffinity()
        nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = pinned
        affinity.nodeAffinity = nodeAffinity
        pod.spec.affinity = affinity
        return pod
    }
}
