import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// A wall clock that moves only when a test moves it: the `now` of the API server (timestamps, lease renewals),
/// of the controllers and of their event recorders in a ``ControllerHarness``.
final class TestWallClock: Sendable {
    private let current: Mutex<Date>
    private let readings = Mutex<Int>(0)

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = Mutex(start)
    }

    /// The current time.
    var now: Date { current.withLock { $0 } }

    /// The clock as the closure the production types take.
    var reader: @Sendable () -> Date { { [self] in now } }

    /// For event recorders: the clock plus one microsecond more at every reading. Event names carry the time in
    /// nanoseconds (as Kubernetes' recorder does), so events recorded at one frozen instant would share a name and
    /// all but the first would be lost; the drift is far below the timestamps' one-second resolution.
    var eventReader: @Sendable () -> Date {
        { [self] in now.addingTimeInterval(Double(readings.withLock { $0 += 1; return $0 }) / 1_000_000) }
    }

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The middle test layer (issue 8): a real ``APIServer`` (production admission, validation, lifecycle and
/// deletion rules) on an in-memory store, the controllers' ``InternalClient`` on it, and a manual clock.
///
/// A test builds the world through the API (nodes, leases, pods, workloads), drives one controller with
/// ``run(_:keys:maxSyncs:)`` and asserts on the objects the controller wrote. No sockets, no sleeps: the controller
/// is synced on the test's task, and the keys its own writes produce are fed back through its ``Controller/keys(for:)``
/// until its queue is empty.
struct ControllerHarness {
    let clock: TestWallClock
    let api: APIServer
    let client: InternalClient

    init(clock: TestWallClock = TestWallClock()) throws {
        self.clock = clock
        let store = try ObjectStore(inMemoryWithWatchWindow: 1000)
        api = APIServer(store: store, now: clock.reader, logger: Logger.forTests("controller-harness"))
        try api.ensureBuiltIns()
        client = InternalClient(api: api)
    }

    /// An event recorder on the harness's client and clock.
    func recorder(_ component: String) -> EventRecorder {
        EventRecorder(client: client, component: component, now: clock.eventReader)
    }

    // MARK: - Running a controller

    /// What one run of a controller did.
    struct Run: Sendable {
        /// Keys synced, in order.
        var synced: [String] = []
        /// The requeue delays the controller asked for, by key (the latest one).
        var requeues: [String: Duration] = [:]
    }

    /// Runs `controller` as the controller manager does at start-up, but on this task and to quiescence: its keys
    /// (`keys`, or its ``Controller/initialKeys()``) go into a ``WorkQueue``, then ``drain(_:queue:since:maxSyncs:)``.
    @discardableResult
    func run(_ controller: some Controller, keys: [String]? = nil, maxSyncs: Int = 200) async throws -> Run {
        let queue = WorkQueue<String>()
        let initial: [String]
        if let keys { initial = keys } else { initial = await controller.initialKeys() }
        for key in initial { await queue.add(key) }
        let now = try snapshot(controller.watchedKinds)
        return try await drain(controller, queue: queue, since: now, maxSyncs: maxSyncs)
    }

    /// Makes `change` (the test playing a user, a kubelet or another controller), then runs `controller` on the
    /// keys its ``Controller/keys(for:)`` maps that change to, and nothing else: so a test fails when the controller
    /// would not have been woken by the change.
    @discardableResult
    func run(
        _ controller: some Controller, after change: () async throws -> Void, maxSyncs: Int = 200
    ) async throws -> Run {
        let before = try snapshot(controller.watchedKinds)
        try await change()
        return try await drain(controller, queue: WorkQueue<String>(), since: before, maxSyncs: maxSyncs)
    }

    /// The worker loop: every object of a watched kind added, changed or deleted since `snapshot` (and after each
    /// sync, by the sync) becomes a ``StoreEvent`` (coalesced, as a watch cache would deliver it) that the
    /// controller's own ``Controller/keys(for:)`` maps to keys for the queue; keys are synced until the queue is
    /// empty. A sync error is thrown (not retried); a controller that never quiesces fails the test after
    /// `maxSyncs` syncs. Requeue delays are recorded, not waited for: a test advances the clock and runs again.
    private func drain(
        _ controller: some Controller, queue: WorkQueue<String>, since snapshot: [ObjectKey: JSONValue],
        maxSyncs: Int
    ) async throws -> Run {
        var run = Run()
        var seen = snapshot
        try await enqueueChanges(controller, queue: queue, since: &seen)
        while await queue.len > 0 {
            guard run.synced.count < maxSyncs else {
                Issue.record("\(controller.name) did not quiesce after \(maxSyncs) syncs: \(run.synced.suffix(10))")
                break
            }
            guard let key = await queue.next() else { break }
            run.synced.append(key)
            if let delay = try await controller.sync(key) { run.requeues[key] = delay }
            await queue.done(key)
            try await enqueueChanges(controller, queue: queue, since: &seen)
        }
        return run
    }

    /// Maps what changed in the controller's watched kinds since `seen` to keys, queues them, and moves `seen` on.
    private func enqueueChanges(
        _ controller: some Controller, queue: WorkQueue<String>, since seen: inout [ObjectKey: JSONValue]
    ) async throws {
        let now = try snapshot(controller.watchedKinds)
        for event in Self.changes(from: seen, to: now, resourceVersion: api.store.resourceVersion) {
            for key in await controller.keys(for: event) { await queue.add(key) }
        }
        seen = now
    }

    /// Runs several controllers (each with ``run(_:keys:maxSyncs:)``, in order) until a whole round writes nothing,
    /// as when they share a cluster; between rounds `between` plays the other actors (scheduler, kubelets).
    func settle(
        _ controllers: [any Controller], maxRounds: Int = 20, between: () async throws -> Void = {}
    ) async throws {
        for _ in 0..<maxRounds {
            let start = api.store.resourceVersion
            for controller in controllers { try await run(controller) }
            try await between()
            if api.store.resourceVersion == start { return }
        }
        Issue.record("controllers did not settle after \(maxRounds) rounds")
    }

    /// Every stored object of `kinds`, by key.
    private func snapshot(_ kinds: [ResourceKind]) throws -> [ObjectKey: JSONValue] {
        var objects: [ObjectKey: JSONValue] = [:]
        for kind in kinds {
            for object in try api.store.list(kind: kind.kind, namespace: nil).items {
                let key = ObjectKey(
                    kind: kind.kind, namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
                    name: object[path: ["metadata", "name"]]?.stringValue ?? "")
                objects[key] = object
            }
        }
        return objects
    }

    /// The events a watcher would have coalesced between two snapshots, in resourceVersion order (deletions last).
    private static func changes(
        from before: [ObjectKey: JSONValue], to after: [ObjectKey: JSONValue], resourceVersion: Int64
    ) -> [StoreEvent] {
        func version(_ object: JSONValue) -> Int64 {
            Int64(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0
        }
        var events: [StoreEvent] = []
        for (key, object) in after {
            guard let old = before[key] else {
                events.append(StoreEvent(type: .added, key: key, object: object, resourceVersion: version(object)))
                continue
            }
            if version(old) != version(object) {
                events.append(StoreEvent(type: .modified, key: key, object: object, resourceVersion: version(object)))
            }
        }
        events.sort { $0.resourceVersion < $1.resourceVersion }
        for (key, object) in before.sorted(by: { version($0.value) < version($1.value) }) where after[key] == nil {
            events.append(StoreEvent(type: .deleted, key: key, object: object, resourceVersion: resourceVersion))
        }
        return events
    }

    // MARK: - Reading

    /// Objects of `type` in `namespace` (default: everywhere), sorted by name.
    func list<R: APIResource>(_ type: R.Type, namespace: String? = nil) async throws -> [R] {
        try await client.list(type, namespace: namespace).sorted { $0.name < $1.name }
    }

    /// One object, or nil.
    func get<R: APIResource>(_ type: R.Type, _ name: String, namespace: String? = "default") async throws -> R? {
        try await client.get(type, namespace: R.resourceKind.namespaced ? namespace : nil, name: name)
    }

    /// Pods in `default` that are not being deleted, sorted by name.
    func livePods() async throws -> [Pod] {
        try await list(Pod.self, namespace: "default").filter { $0.metadata.deletionTimestamp == nil }
    }

    /// Events in `default` with `reason`.
    func events(reason: String) async throws -> [Event] {
        try await list(Event.self, namespace: "default").filter { $0.reason == reason }
    }

    // MARK: - Nodes and leases

    /// Registers a node through the API (which adds the not-ready taint and a pod CIDR), then plays the node
    /// lifecycle controller's part for a Ready node: Ready=True in status, the not-ready taint replaced by `taints`.
    /// A node that is not `ready` keeps Ready=False and the registration taint (plus `taints`). With `lease`, the
    /// node's heartbeat lease is renewed now.
    @discardableResult
    func addNode(
        _ name: String, labels: [String: String] = [:], taints: [Taint] = [], ready: Bool = true,
        unschedulable: Bool? = nil, lease: Bool = true
    ) async throws -> Node {
        var node = Node(metadata: ObjectMeta(name: name, labels: labels))
        node.spec.unschedulable = unschedulable
        node.status = NodeStatus(
            capacity: ["cpu": "4", "memory": "8Gi", "pods": "110"],
            allocatable: ["cpu": "4", "memory": "8Gi", "pods": "110"],
            conditions: [NodeCondition(
                type: "Ready", status: ready ? "True" : "False", lastHeartbeatTime: Timestamp.format(clock.now),
                lastTransitionTime: Timestamp.format(clock.now), reason: ready ? "KubeletReady" : "KubeletNotReady")],
            addresses: [NodeAddress(type: "InternalIP", address: "192.168.0.\(name.count)")])
        var created = try await client.create(node, namespace: nil)
        created.spec.taints = (ready ? [] : created.spec.taints ?? []) + taints
        created = try await client.update(created)
        if lease { try renewLease(of: name) }
        return created
    }

    /// Renews the node's heartbeat lease (`kube-node-lease/<name>`) at the clock's time, as kubeletd does.
    func renewLease(of node: String) throws {
        let exists = api.leases.get(namespace: "kube-node-lease", name: node) != nil
        let lease = Lease(
            metadata: ObjectMeta(name: node, namespace: "kube-node-lease"),
            spec: LeaseSpec(holderIdentity: node, leaseDurationSeconds: 40,
                            renewTime: Timestamp.format(clock.now)))
        var request = Request(verb: exists ? .update : .create, kind: "Lease", namespace: "kube-node-lease", name: node)
        request.object = try JSONValue(encoding: lease)
        _ = try api.leaseRequest(request, namespace: "kube-node-lease")
    }

    // MARK: - Pods

    /// A pod template: one `main` container running `image`, labelled `labels`.
    static func template(labels: [String: String], image: String = "busybox:1.36") -> PodTemplateSpec {
        var spec = PodSpec(containers: [Container(name: "main", image: image)])
        spec.terminationGracePeriodSeconds = 30
        return PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: spec)
    }

    /// Creates a bare pod in `default` (bound to `node` when given).
    @discardableResult
    func addPod(
        _ name: String, labels: [String: String] = [:], node: String? = nil,
        edit: (inout Pod) -> Void = { _ in }
    ) async throws -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: "default", labels: labels),
                      spec: Self.template(labels: labels).spec)
        pod.spec.nodeName = node
        edit(&pod)
        return try await client.create(pod, namespace: "default")
    }

    /// Plays the kubelet: the pod runs, Ready (or not) since now, with `ip`.
    @discardableResult
    func setPodRunning(_ name: String, ready: Bool = true, ip: String? = nil) async throws -> Pod {
        guard var pod = try await get(Pod.self, name) else { throw Status.notFound(.pod, name: name) }
        let time = Timestamp.format(clock.now)
        let readiness = ready ? "True" : "False"
        pod.status.phase = "Running"
        pod.status.podIP = ip
        pod.status.podIPs = ip.map { [PodIP(ip: $0)] }
        pod.status.startTime = time
        pod.status.conditions = [
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: time),
            PodCondition(type: "Initialized", status: "True", lastTransitionTime: time),
            PodCondition(type: "ContainersReady", status: readiness, lastTransitionTime: time),
            PodCondition(type: "Ready", status: readiness, lastTransitionTime: time),
        ]
        pod.status.containerStatuses = pod.spec.containers.map {
            ContainerStatus(name: $0.name, ready: ready, image: $0.image ?? "", started: true)
        }
        return try await client.update(pod, subresource: "status")
    }

    /// Plays the scheduler and the kubelet for pods with no node: binds each to `node` and makes it Running and Ready.
    func startPendingPods(on node: String) async throws {
        for pod in try await livePods() where (pod.spec.nodeName ?? "").isEmpty {
            try await client.bind(namespace: "default", pod: pod.name, node: node)
            try await setPodRunning(pod.name)
        }
    }

    /// Plays the kubelets: every pod marked for graceful deletion goes (grace 0), as a node does once the
    /// containers have stopped.
    func finishTerminatingPods() async throws {
        for pod in try await list(Pod.self) where pod.metadata.deletionTimestamp != nil {
            try await client.delete(kind: .pod, namespace: pod.metadata.namespace, name: pod.name, gracePeriodSeconds: 0)
        }
    }
}
