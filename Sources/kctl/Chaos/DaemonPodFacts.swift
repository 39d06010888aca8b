import Wire

/// What the chaos checker reads off DaemonSets, their pods and nodes. Pure.
///
/// Eligibility itself is not here: it is the controller's own ``DaemonNodeEligibility`` (in Wire), so the checker
/// and the DaemonSet controller never disagree about which nodes a DaemonSet wants.
enum DaemonPodFacts {
    /// `namespace/name`.
    static func key(_ metadata: ObjectMeta) -> String {
        "\(metadata.namespace ?? "")/\(metadata.name ?? "")"
    }

    /// The pods `daemonSet` controls (controller ownerReference to its uid, same namespace).
    static func pods(of daemonSet: DaemonSet, in pods: [Pod]) -> [Pod] {
        guard let uid = daemonSet.metadata.uid else { return [] }
        return pods.filter { pod in
            pod.namespace == daemonSet.namespace && pod.metadata.controllerRef?.uid == uid
                && pod.metadata.controllerRef?.kind == "DaemonSet"
        }
    }

    /// Neither being deleted nor finished (`Succeeded`/`Failed`).
    static func isActive(_ pod: Pod) -> Bool {
        pod.metadata.deletionTimestamp == nil && pod.status.phase != "Succeeded" && pod.status.phase != "Failed"
    }

    /// Active and in phase `Running`.
    static func isRunning(_ pod: Pod) -> Bool {
        isActive(pod) && pod.status.phase == "Running"
    }

    /// The node a daemon pod is for: `spec.nodeName`, else (not yet bound) the single `metadata.name In [node]`
    /// match field of its required node affinity, as the DaemonSet controller pins its pods.
    static func targetNode(_ pod: Pod) -> String? {
        if let name = pod.spec.nodeName, !name.isEmpty { return name }
        let terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
        for requirement in (terms ?? []).flatMap({ $0.matchFields ?? [] })
        where requirement.key == "metadata.name" && requirement.operator == "In" {
            return requirement.values?.count == 1 ? requirement.values?[0] : nil
        }
        return nil
    }

    /// The node's `Ready` condition is `True`.
    static func isReady(_ node: Node) -> Bool {
        node.status.condition("Ready")?.status == "True"
    }

    /// Whether a rolling update may run two pods on a node at once: `RollingUpdate` with `maxSurge` above zero.
    static func allowsSurge(_ daemonSet: DaemonSet) -> Bool {
        let strategy = daemonSet.spec.updateStrategy
        guard (strategy.type ?? "RollingUpdate") == "RollingUpdate" else { return false }
        switch strategy.rollingUpdate?.maxSurge {
        case .int(let count)?: return count > 0
        case .string(let text)?:
            return Int(text.hasSuffix("%") ? String(text.dropLast()) : text).map { $0 > 0 } ?? false
        case nil: return false
        }
    }

    /// The pod's phase, with the first waiting container's reason: `Pending: ImagePullBackOff`.
    static func condition(_ pod: Pod) -> String {
        let phase = pod.status.phase ?? "Pending"
        let waiting = (pod.status.containerStatuses ?? []).lazy.compactMap { $0.state?.waiting?.reason }.first
        return waiting.map { "\(phase): \($0)" } ?? phase
    }

    /// The `controller-revision-hash` label: which template revision a pod was created from.
    static func revision(_ pod: Pod) -> String {
        pod.labels["controller-revision-hash"] ?? ""
    }
}
