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
/// deletion rules) on an in-memory store, the controllers' ``ControllerClient`` (the in-process typed client and the
/// shared informers) on it, and a manual clock.
///
/// A test builds the world through the API (nodes, leases, pods, workloads), drives one controller with
/// ``run(_:keys:maxSyncs:)`` and asserts on the objects the controller wrote. No sockets, no sleeps: the controller
/// is synced on the test's task; the harness plays the informers' watches, turning what changed in the store into
/// informer events (applied to the caches, and mapped to keys through the controller's own
/// ``Controller/keys(for:)``) until its queue is empty.
struct ControllerHarness {
    let clock: TestWallClock
    let api: APIServer
    /// What the controllers get: writes through the in-process client, reads from ``informers``.
    let client: ControllerClient
    /// The in-process client, for the test's own reads (fresh from the API, not from the caches).
    let apiClient: InProcessClient
    let informers: SharedInformers
    /// The stored objects the informers have been brought up to.
    private let informed = LockedValue<[ObjectKey: JSONValue]>([:])

    init(clock: TestWallClock = TestWallClock()) throws {
        self.clock = clock
        let store = try ObjectStore(inMemoryWithWatchWindow: 1000)
        api = APIServer(store: store, now: clock.reader, logger: Logger.forTests("controller-harness"))
        try api.ensureBuiltIns()
        apiClient = InProcessClient(api: api)
        informers = SharedInformers()
        client = ControllerClient(client: apiClient, informers: informers)
    }

    /// An event recorder on the harness's client and clock.
    func recorder(_ component: String) -> EventRecorder {
        EventRecorder(client: apiClient, component: component, now: clock.eventReader)
    }

    // MARK: - Running a controller

    /// What one run of a controller did.
    struct Run: Sendable {
        /// Keys synced, in order.
        var synced: [String] = []
        /// The requeue delays the controller asked for, by key (the latest one).
        var requeues: [String: Duration] = [:]
    }

    /// Runs `controller` as the controller manager does at start-up, but on this task and to quiescence: the
    /// informers catch up with the store, its keys (`keys`, or its ``Controller/initialKeys()``) go into a
    /// ``WorkQueue``, then ``drain(_:queue:pending:maxSyncs:)``.
    @discardableResult
    func run(_ controller: some Controller, keys: [String]? = nil, maxSyncs: Int = 200) async throws -> Run {
        _ = try syncInformers()
        let queue = WorkQueue<String>()
        let initial: [String]
        if let keys { initial = keys } else { initial = await controller.initialKeys() }
        for key in initial { await queue.add(key) }
        return try await drain(controller, queue: queue, pending: [], maxSyncs: maxSyncs)
    }

    /// Makes `change` (the test playing a user, a kubelet or another controller), then runs `controller` on the
    /// keys its ``Controller/keys(for:)`` maps that change to, and nothing else: so a test fails when the controller
    /// would not have been woken by the change.
    @discardableResult
    func run(
        _ controller: some Controller, after change: () async throws -> Void, maxSyncs: Int = 200
    ) async throws -> Run {
        _ = try syncInformers()
        try await change()
        return try await drain(
            controller, queue: WorkQueue<String>(), pending: try syncInformers(), maxSyncs: maxSyncs)
    }

    /// The worker loop: the `pending` informer events, and after each sync every change since (the sync's own
    /// writes included), go to the controller's own ``Controller/keys(for:)`` when they are of a kind it watches,
    /// and the keys into the queue; keys are synced until the queue is empty. A sync error is thrown (not retried);
    /// a controller that never quiesces fails the test after `maxSyncs` syncs. Requeue delays are recorded, not
    /// waited for: a test advances the clock and runs again.
    private func drain(
        _ controller: some Controller, queue: WorkQueue<String>, pending: [InformerEvent], maxSyncs: Int
    ) async throws -> Run {
        var run = Run()
        try await enqueue(pending, for: controller, queue: queue)
        while await queue.len > 0 {
            guard run.synced.count < maxSyncs else {
                Issue.record("\(controller.name) did not quiesce after \(maxSyncs) syncs: \(run.synced.suffix(10))")
                break
            }
            guard let key = await queue.next() else { break }
            run.synced.append(key)
            if let delay = try await controller.sync(key) { run.requeues[key] = delay }
            await queue.done(key)
            try await enqueue(try syncInformers(), for: controller, queue: queue)
        }
        return run
    }

    /// Maps the events of the controller's watched kinds to keys and queues them.
    private func enqueue(
        _ events: [InformerEvent], for controller: some Controller, queue: WorkQueue<String>
    ) async throws {
        for event in events where controller.watchedKinds.contains(event.kind) {
            for key in await controller.keys(for: event) { await queue.add(key) }
        }
    }

    /// Plays the informers' watches: every stored object (and lease) added, changed or deleted since the last call
    /// becomes an event (coalesced, as a watch cache would deliver it) applied to its kind's informer. Returns the
    /// events.
    @discardableResult
    func syncInformers() throws -> [InformerEvent] {
        let now = try snapshot(informers.all.map(\.kind))
        let before = informed.withLock { $0 }
        var events: [InformerEvent] = []
        for change in Self.changes(from: before, to: now, resourceVersion: api.store.resourceVersion) {
            guard let kind = ResourceKind.forKind(change.key.kind), let informer = informers.informer(for: kind)
            else { continue }
            let type: InformerEvent.Change =
                switch change.type {
                case .added: .added
                case .deleted: .deleted
                default: .modified
                }
            if let event = try informer.applyStored(type, object: change.object) { events.append(event) }
        }
        informed.withLock { $0 = now }
        return events
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

    /// Every stored object of `kinds` (leases from the lease table), by key.
    private func snapshot(_ kinds: [ResourceKind]) throws -> [ObjectKey: JSONValue] {
        var objects: [ObjectKey: JSONValue] = [:]
        for kind in kinds {
            let items = kind == .lease ? api.leases.list(namespace: nil) : try api.store.list(kind: kind.kind, namespace: nil).items
            for object in items {
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
        try await apiClient.list(type, namespace: namespace, options: ListOptions()).items.sorted { $0.name < $1.name }
    }

    /// One object, or nil.
    func get<R: APIResource>(_ type: R.Type, _ name: String, namespace: String? = "default") async throws -> R? {
        try await apiClient.getIfPresent(type, namespace: R.resourceKind.namespaced ? namespace : nil, name: name)
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
        if lease { try await renewLease(of: name) }
        return created
    }

    /// Renews the node's heartbeat lease (`kube-node-lease/<name>`) at the clock's time, as kubeletd does, through
    /// the API.
    func renewLease(of node: String) async throws {
        let lease = Lease(
            metadata: ObjectMeta(name: node, namespace: "kube-node-lease"),
            spec: LeaseSpec(holderIdentity: node, leaseDurationSeconds: 40,
                            renewTime: Timestamp.format(clock.now)))
        if try await apiClient.getIfPresent(Lease.self, namespace: "kube-node-lease", name: node) != nil {
            _ = try await apiClient.update(lease, options: WriteOptions())
        } else {
            _ = try await apiClient.create(lease, namespace: "kube-node-lease", options: WriteOptions())
        }
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
        return try await client.updateStatus(pod)
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
            try await client.delete(.pod, namespace: pod.metadata.namespace, name: pod.name, gracePeriodSeconds: 0)
        }
    }
}
