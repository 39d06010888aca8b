import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``NodeLifecycleStateMachine`` on a short tick (and on every Node change): marks silent nodes NotReady
/// and taints them unreachable, marks their pods not ready, removes nodes that have left and reaps their pods.
struct NodeLifecycleController: Controller {
    static let tick: Duration = .milliseconds(100)
    let client: InternalClient
    let recorder: EventRecorder
    let machine: LockedValue<NodeLifecycleStateMachine>
    var now: @Sendable () -> Date = { Date() }

    init(client: InternalClient, recorder: EventRecorder, settings: NodeLifecycleSettings,
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.recorder = recorder
        self.machine = LockedValue(NodeLifecycleStateMachine(settings: settings))
        self.now = now
    }

    var name: String { "node-lifecycle-controller" }
    var watchedKinds: [ResourceKind] { [.node] }

    func keys(for event: StoreEvent) async -> [String] { ["nodes"] }
    func initialKeys() async -> [String] { ["nodes"] }

    func sync(_ key: String) async throws -> Duration? {
        let nodes = try await client.list(Node.self)
        let leases = client.api.leases.nodeRenewTimes()
        let time = now()
        let actions = machine.withLock { $0.observe(nodes: nodes, leases: leases, now: time) }
        for action in actions {
            do {
                try await apply(action, nodes: nodes)
            } catch let status as Status where status.reason == .notFound || status.reason == .conflict {
                continue
            }
        }
        return Self.tick
    }

    private func apply(_ action: NodeLifecycleAction, nodes: [Node]) async throws {
        switch action {
        case .updateNode(let node):
            // Conditions live in status, taints in spec: two writes, the second on the first's result.
            var withStatus = try await client.update(node, subresource: "status")
            withStatus.spec = node.spec
            try await client.update(withStatus)
        case .markPodsNotReady(let nodeName):
            for var pod in try await client.list(Pod.self, fieldSelector: "spec.nodeName=\(nodeName)") {
                guard Self.markNotReady(&pod, now: now()) else { continue }
                _ = try? await client.update(pod, subresource: "status")
            }
        case .removeNode(let nodeName):
            _ = try? client.api.leases.delete(namespace: "kube-node-lease", name: nodeName)
            try await client.delete(kind: .node, namespace: nil, name: nodeName)
        case .reapPods(let nodeName):
            for pod in try await client.list(Pod.self, fieldSelector: "spec.nodeName=\(nodeName)") {
                try await client.delete(
                    kind: .pod, namespace: pod.metadata.namespace, name: pod.name, gracePeriodSeconds: 0)
            }
        case .event(let nodeName, let type, let reason, let message):
            var reference = ObjectReference()
            reference.kind = "Node"
            reference.name = nodeName
            reference.uid = nodes.first { $0.name == nodeName }?.metadata.uid ?? nodeName
            reference.namespace = "default"
            await recorder.record(reference, type: type, reason: reason, message: message)
        }
    }

    /// Sets the pod's Ready and ContainersReady conditions False (as the node lifecycle controller's
    /// `MarkPodsNotReady`); returns whether anything changed.
    static func markNotReady(_ pod: inout Pod, now: Date) -> Bool {
        var changed = false
        var conditions = pod.status.conditions ?? []
        for index in conditions.indices where ["Ready", "ContainersReady"].contains(conditions[index].type) {
            guard conditions[index].status != "False" else { continue }
            conditions[index].status = "False"
            conditions[index].lastTransitionTime = Timestamp.format(now)
            changed = true
        }
        for index in (pod.status.containerStatuses ?? []).indices where pod.status.containerStatuses?[index].ready == true {
            pod.status.containerStatuses?[index].ready = false
            changed = true
        }
        pod.status.conditions = conditions
        return changed
    }
}
