import KubeAPI
import Wire

/// What the node lifecycle controller wants done; the driver performs it through the API server.
enum NodeLifecycleAction: Sendable, Equatable {
    /// Write this Node (conditions and taints changed): either Ready/MemoryPressure/DiskPressure/PIDPressure
    /// set `Unknown` and `node.kubernetes.io/unreachable` NoSchedule + NoExecute added, or the not-ready /
    /// unreachable taints removed once the kubelet reports Ready=True with a fresh lease. Carries the
    /// observed `resourceVersion`, so a write racing with the kubelet conflicts and is retried next tick.
    case updateNode(Node)
    /// Set every pod on the node `Ready=False` (the driver writes the pods' status).
    case markPodsNotReady(node: String)
    /// The node has left (no heartbeat for `leaveTimeout`): delete the Node object.
    case removeNode(name: String)
    /// Delete every pod bound to this node at once (grace period 0).
    case reapPods(node: String)
    /// Record an Event on the Node (`involvedObject` kind Node, name `node`).
    case event(node: String, type: String, reason: String, message: String)
}

extension NodeLifecycleAction {
    /// `Normal NodeNotReady "Node n1 status is now: NodeNotReady"`.
    static func nodeNotReadyEvent(_ node: String) -> Self {
        .event(node: node, type: "Normal", reason: "NodeNotReady", message: "Node \(node) status is now: NodeNotReady")
    }

    /// `Normal NodeReady "Node n1 status is now: NodeReady"`.
    static func nodeReadyEvent(_ node: String) -> Self {
        .event(node: node, type: "Normal", reason: "NodeReady", message: "Node \(node) status is now: NodeReady")
    }

    /// `Normal RemovingNode "Node n1 event: Removing Node n1 from Controller"`.
    static func removingNodeEvent(_ node: String) -> Self {
        .event(
            node: node, type: "Normal", reason: "RemovingNode",
            message: "Node \(node) event: Removing Node \(node) from Controller")
    }
}
