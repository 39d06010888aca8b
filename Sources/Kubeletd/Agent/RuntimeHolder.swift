import Foundation
import KubeAPI
import Logging
import Wire

/// Owns the node's ``PodRuntime`` for the life of the process: created at the first registration (it needs the
/// node's pod CIDR), kept across reconnections so pods keep running while the control plane is away, and wired to
/// the ``StatusOutbox``.
actor RuntimeHolder {
    private let settings: AgentSettings
    private let outbox: StatusOutbox
    private let logger: Logger
    private var runtime: PodRuntime?
    /// The ConfigMaps and Secrets read for the pods, kept across reconnections (``PodObjectFollower``).
    private(set) var objects = PodObjects()
    private nonisolated let created: AsyncStream<PodRuntime>
    private nonisolated let createdSink: AsyncStream<PodRuntime>.Continuation

    /// How programs the runtime provides reach the control plane (``PodAPIAccess``).
    private let apiAccess: PodAPIAccess?

    init(settings: AgentSettings, outbox: StatusOutbox, logger: Logger, apiAccess: PodAPIAccess? = nil) {
        self.apiAccess = apiAccess
        self.settings = settings
        self.outbox = outbox
        self.logger = logger
        (created, createdSink) = AsyncStream.makeStream(of: PodRuntime.self)
    }

    /// Creates the runtime the first time (later calls keep it: running pods keep their IPs); `allocatable` is the
    /// node's `status.allocatable`.
    func start(podCIDR: String, allocatable: [String: String] = [:]) {
        guard runtime == nil else { return }
        do {
            let helper = ExecRunner.currentExecutable()
            let sandbox = SandboxSettings.detect(helper: helper, dataDirectory: settings.dataDirectory)
            logger.info("container sandbox", metadata: ["mode": "\(sandbox.mode.rawValue)"])
            let runtime = try PodRuntime(
                dataDirectory: settings.dataDirectory, podCIDR: podCIDR, hostIP: settings.internalIP,
                imagePullDelay: settings.imagePullDelay, backoffScale: settings.backoffScale, logger: logger,
                terminalHelper: helper, allocatable: allocatable, sandbox: sandbox, apiAccess: apiAccess)
            self.runtime = runtime
            createdSink.yield(runtime)
            createdSink.finish()
        } catch {
            logger.error("cannot start the pod runtime", metadata: ["podCIDR": "\(podCIDR)", "error": "\(error)"])
        }
    }

    /// The runtime, once the node has registered (nil before).
    func current() -> PodRuntime? { runtime }

    /// Hands the runtime every Service of the cluster (for the containers' service environment variables).
    func setServices(_ services: [ServiceObject]) async {
        await runtime?.setServices(services)
    }

    /// Hands the runtime the ConfigMaps and Secrets read for the pods.
    func setObjects(_ objects: PodObjects) async {
        self.objects = objects
        await runtime?.setObjects(objects)
    }

    /// Hands the runtime the pods bound to this node.
    func sync(_ pods: [Pod]) async {
        await runtime?.sync(pods)
    }

    /// Runs the runtime and forwards what it reports, until cancelled.
    nonisolated func run() async throws {
        for await runtime in created {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await runtime.run() }
                group.addTask {
                    for await (key, status) in runtime.statusUpdates() { self.outbox.post(key, status) }
                }
                group.addTask {
                    for await key in runtime.terminated() { self.outbox.postTerminated(key) }
                }
                group.addTask {
                    for await record in runtime.events() { self.outbox.postEvent(record) }
                }
                await withTaskCancellationHandler {
                    await group.waitForAll()
                } onCancel: {
                    // Cancellation handlers are synchronous; this unstructured task only asks the actor to stop
                    // its containers, and `run()` above (awaited by the group) ends once they have stopped.
                    Task { await runtime.shutdown() }
                }
            }
        }
    }

    /// The status the runtime last computed for a pod (`namespace/name`), if it runs it.
    func status(of pod: Pod) async -> PodStatus? {
        await runtime?.podLifecycle(namespace: pod.metadata.namespace ?? "default", name: pod.name)?.status
    }

    /// Reports a pod's last status again, in order after the statuses already reported.
    func repostStatus(of pod: Pod) async {
        await runtime?.repostStatus(namespace: pod.metadata.namespace ?? "default", name: pod.name)
    }

    /// Stops every container.
    func shutdown() async {
        await runtime?.shutdown()
    }
}
