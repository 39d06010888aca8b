import KubeAPI
import Wire

/// Whether the cluster has settled after a chaos run healed it. Pure.
enum ChaosConvergence {
    /// What still keeps the cluster from having converged, one reason a line; empty once it has: every node the
    /// run faulted is registered and Ready, every Ready eligible node has exactly one Running daemon pod of each
    /// DaemonSet, and every DaemonSet's rollout is complete (observed, all updated, all available).
    static func pending(_ snapshot: ChaosSnapshot, nodes expected: [String]) -> [String] {
        var reasons: [String] = []
        let nodes = Dictionary(snapshot.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for name in expected {
            guard let node = nodes[name] else {
                reasons.append("node \(name) is not registered")
                continue
            }
            if !node.isReady { reasons.append("node \(name) is not Ready") }
        }
        for (daemonSet, node) in InvariantChecker.uncovered(snapshot) {
            reasons.append("daemonset \(daemonSet) has no Running pod on node \(node)")
        }
        for daemonSet in snapshot.daemonSets where daemonSet.metadata.deletionTimestamp == nil {
            let key = NamespacedKey.of(daemonSet.metadata)
            let active = DaemonPodFacts.pods(of: daemonSet, in: snapshot.pods).filter(\.isActive)
            let perNode = Dictionary(grouping: active.compactMap(DaemonPodIdentity.targetNodeName(of:))) { $0 }
            for (node, pods) in perNode.sorted(by: { $0.key < $1.key }) where pods.count > 1 {
                reasons.append("daemonset \(key) has \(pods.count) pods on node \(node)")
            }
            let status = daemonSet.status
            let desired = status.desiredNumberScheduled
            let updated = status.updatedNumberScheduled ?? 0
            let available = status.numberAvailable ?? 0
            if (status.observedGeneration ?? 0) < (daemonSet.metadata.generation ?? 0) || updated < desired
                || available < desired
            {
                reasons.append(
                    "daemonset \(key) rollout not complete (\(updated) of \(desired) updated, \(available) available)")
            }
        }
        return reasons
    }
}
