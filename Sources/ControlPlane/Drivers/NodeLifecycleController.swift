import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``NodeLifecycleStateMachine`` from the Node and Lease informers, one node per key: marks silent nodes
/// NotReady and taints them unreachable, marks their pods not ready, removes nodes that have left and reaps their
/// pods.
///
/// Time is the lease deadlines', not a poll's: each node's sync asks the machine for that node's deadline
/// (``NodeLifecycleStateMachine/deadline(of:)``: its lease expiry, its leave timeout, an update to retry) and
/// requeues the node just past it. A change of the Node wakes its key at once, and so does a lease renewal of a
/// node that is not settled Ready (a node coming back). A renewal of a healthy node's lease is only noted (when it
/// was observed, as Kubernetes' controller notes its probe time): it moves that node's deadline on and needs no
/// sync; when the old deadline fires, the sync finds the renewal and sleeps again. No sync looks at more than its
/// own node. Heartbeats come through the client like any object (the Lease informer); the lease table stays behind
/// the API server.
struct NodeLifecycleController: Controller {
    /// The namespace of node heartbeat leases.
    static let leaseNamespace = "kube-node-lease"
    /// How far past a deadline the controller wakes: the machine's thresholds are strict.
    static let deadlineSlack: Duration = .milliseconds(1)

    let client: ControllerClient
    let recorder: EventRecorder
    let machine: LockedValue<NodeLifecycleStateMachine>
    /// Per node: the lease resourceVersion last seen and when it was seen (the probe time).
    private let renewals = LockedValue<[String: (version: String, observedAt: Date)]>([:])
    var now: @Sendable () -> Date = { Date() }

    init(client: ControllerClient, recorder: EventRecorder, settings: NodeLifecycleSettings,
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.recorder = recorder
        self.machine = LockedValue(NodeLifecycleStateMachine(settings: settings))
        self.now = now
    }

    var name: String { "node-lifecycle-controller" }
    var watchedKinds: [ResourceKind] { [.node, .lease] }
    var readKinds: [ResourceKind] { [.pod] }

    /// A Node change: that node. A lease renewal: noted; that node only when it is not settled Ready.
    func keys(for event: InformerEvent) async -> [String] {
        guard let lease = event.object(as: Lease.self) else { return [event.object.name] }
        guard lease.namespace == Self.leaseNamespace else { return [] }
        if event.change == .deleted {
            _ = renewals.withLock { $0.removeValue(forKey: lease.name) }
            return []
        }
        observe(lease, at: now())
        return machine.withLock { $0.isSettledReady(lease.name) } ? [] : [lease.name]
    }

    /// Every node, and every node the machine tracks (one may have gone while the controller was not looking).
    func initialKeys() async -> [String] {
        let names = client.cachedList(Node.self).map(\.name)
        let tracked = machine.withLock { $0.trackedNodes }
        return names + tracked.subtracting(names).sorted()
    }

    func sync(_ nodeName: String) async throws -> Duration? {
        let time = now()
        // A lease the events did not bring (first sight) counts as observed now.
        if let lease = client.cached(Lease.self, namespace: Self.leaseNamespace, name: nodeName) {
            observe(lease, at: time)
        }
        let renewed = renewals.withLock { $0[nodeName]?.observedAt }
        let node = client.cached(Node.self, namespace: nil, name: nodeName)
        let (actions, deadline) = machine.withLock { machine in
            (machine.observe(name: nodeName, node: node, lease: renewed, now: time), machine.deadline(of: nodeName))
        }
        for action in actions {
            do {
                try await apply(action, node: node)
            } catch let status as Status where status.reason == .notFound || status.reason == .conflict {
                continue
            }
        }
        return deadline.map { Self.delay(from: time, to: $0) }
    }

    /// The requeue delay that wakes the controller just past `deadline`.
    static func delay(from now: Date, to deadline: Date) -> Duration {
        .milliseconds(Int64((max(0, deadline.timeIntervalSince(now)) * 1000).rounded(.up))) + deadlineSlack
    }

    /// Notes a renewal the first time its resourceVersion is seen.
    private func observe(_ lease: Lease, at time: Date) {
        let version = lease.metadata.resourceVersion ?? ""
        renewals.withLock { renewals in
            if renewals[lease.name]?.version != version { renewals[lease.name] = (version, time) }
        }
    }

    private func apply(_ action: NodeLifecycleAction, node: Node?) async throws {
        switch action {
        case .updateNode(let node):
            // Conditions live in status, taints in spec: two writes, the second on the first's result.
            var withStatus = try await client.updateStatus(node)
            withStatus.spec = node.spec
            try await client.update(withStatus)
        case .markPodsNotReady(let nodeName):
            for var pod in client.informers.pods(onNode: nodeName) {
                guard Self.markNotReady(&pod, now: now()) else { continue }
                _ = try? await client.updateStatus(pod)
            }
        case .removeNode(let nodeName):
            try? await client.delete(.lease, namespace: Self.leaseNamespace, name: nodeName)
            try await client.delete(.node, namespace: nil, name: nodeName)
        case .reapPods(let nodeName):
            for pod in client.informers.pods(onNode: nodeName) {
                try await client.delete(.pod, namespace: pod.metadata.namespace, name: pod.name, gracePeriodSeconds: 0)
            }
        case .event(let nodeName, let type, let reason, let message):
            var reference = ObjectReference()
            reference.kind = "Node"
            reference.name = nodeName
            reference.uid = node?.metadata.uid ?? nodeName
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
