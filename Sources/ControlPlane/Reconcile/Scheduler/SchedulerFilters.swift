import KubeAPI
import Wire

/// The default scheduler's filter plugins that apply here, in upstream order, stopping at the first that
/// rejects a node: NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts. A node whose Ready condition
/// is not `True` counts as carrying the taint the node lifecycle controller would give it
/// (`node.kubernetes.io/not-ready` for `False`, `node.kubernetes.io/unreachable` otherwise). Pure.
enum SchedulerFilters {
    /// Why one node was rejected.
    struct Failure: Sendable, Hashable {
        /// Upstream's reason text, e.g. `node(s) didn't match Pod's node affinity/selector`.
        let reason: String
        /// Whether evicting pods could make room (only port conflicts); decides the preemption text.
        let resolvable: Bool
    }

    static let unschedulableTaintKey = "node.kubernetes.io/unschedulable"
    static let notReadyTaintKey = "node.kubernetes.io/not-ready"
    static let unreachableTaintKey = "node.kubernetes.io/unreachable"

    /// The first filter that rejects `node` for `pod`, or nil when the node fits.
    static func check(_ pod: Pod, node: Node, podsOnNode: [Pod]) -> Failure? {
        let tolerations = pod.spec.tolerations ?? []
        if node.spec.unschedulable == true,
           !tolerations.contains(where: {
               NodePredicates.tolerates($0, Taint(key: unschedulableTaintKey, effect: "NoSchedule"))
           }) {
            return Failure(reason: "node(s) were unschedulable", resolvable: false)
        }
        if let taint = NodePredicates.firstUntoleratedTaint(
            effectiveTaints(node), tolerations: tolerations, effects: ["NoSchedule", "NoExecute"]) {
            return Failure(reason: "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}",
                           resolvable: false)
        }
        if !NodePredicates.matchesNodeSelectorAndAffinity(pod.spec, node: node) {
            return Failure(reason: "node(s) didn't match Pod's node affinity/selector", resolvable: false)
        }
        let wanted = hostPorts(pod)
        if !wanted.isEmpty {
            let used = podsOnNode.flatMap(hostPorts)
            if wanted.contains(where: { want in used.contains { $0.conflicts(with: want) } }) {
                return Failure(reason: "node(s) didn't have free ports for the requested pod ports", resolvable: true)
            }
        }
        return nil
    }

    /// The node's taints, plus the NoSchedule taint its Ready condition implies when it has none for it.
    static func effectiveTaints(_ node: Node) -> [Taint] {
        let taints = node.spec.taints ?? []
        let ready = node.status.condition("Ready")?.status
        guard ready != "True" else { return taints }
        let key = ready == "False" ? notReadyTaintKey : unreachableTaintKey
        if taints.contains(where: { $0.key == key && $0.effect == "NoSchedule" }) { return taints }
        return taints + [Taint(key: key, effect: "NoSchedule")]
    }

    /// One host port a pod uses: `(hostIP, protocol, hostPort)` with upstream's defaults (`0.0.0.0`, `TCP`).
    struct HostPort: Sendable, Hashable {
        let ip: String
        let proto: String
        let port: Int32

        /// Upstream `HostPortInfo.CheckConflict`: same protocol and port, and the same address or either
        /// one the wildcard.
        func conflicts(with other: HostPort) -> Bool {
            proto == other.proto && port == other.port
                && (ip == other.ip || ip == "0.0.0.0" || other.ip == "0.0.0.0")
        }
    }

    /// The host ports of the pod's containers and sidecar (restartable init) containers.
    static func hostPorts(_ pod: Pod) -> [HostPort] {
        let sidecars = (pod.spec.initContainers ?? []).filter { $0.restartPolicy == "Always" }
        return (pod.spec.containers + sidecars).flatMap { $0.ports ?? [] }.compactMap { port in
            guard let hostPort = port.hostPort, hostPort > 0 else { return nil }
            let ip = port.hostIP.flatMap { $0.isEmpty ? nil : $0 } ?? "0.0.0.0"
            let proto = port.protocol.flatMap { $0.isEmpty ? nil : $0 } ?? "TCP"
            return HostPort(ip: ip, proto: proto, port: hostPort)
        }
    }
}
