import Foundation
import KubeAPI
import Logging
import Wire

/// The emulated container runtime of one node: runs the pods bound to it (real child processes for
/// containers with a `command`, simulated ones otherwise), reports their status, and terminates them
/// gracefully when they are deleted.
///
/// Usage, from the node agent:
/// - ``run()`` MUST be running (in the agent's task group) for containers to start; it owns one child task per
///   running container and per timer, and returns once the runtime is shut down or its task is cancelled, after
///   every container process has been stopped (SIGTERM, SIGKILL after 1 s on cancellation).
/// - ``sync(_:)`` with the full desired set of pods bound to this node, after every change (idempotent):
///   new pods start, known pods keep running (a changed image restarts that container), pods with a
///   `deletionTimestamp` are terminated gracefully, pods no longer listed are killed and forgotten.
/// - ``statusUpdates()``: every change of a pod's status, to write to the API (`status` subresource), in order.
/// - ``events()``: the kubelet's Events about the pods' containers, to record.
/// - ``terminated()``: deleted pods whose containers have all stopped; the agent then deletes them for good.
/// - ``setServices(_:)`` with every Service of the cluster, after every change: containers started from then on
///   get their service environment variables (``ServiceLinks``).
///
/// The pure logic is in ``PodLifecycle`` and ``ContainerStateMachine``; this actor only applies their actions.
actor PodRuntime {
    /// An instruction for the ``run()`` loop.
    private enum Command: Sendable {
        case launch(ContainerLaunch, stopRequests: AsyncStream<TimeInterval>, streams: ContainerStreams)
        case wake(at: Date)
        /// Run a probe (`exec` probes in `context`).
        case probe(ProbeRequest, context: ContainerProcessContext?)
    }

    /// A run in progress: its pod, and where to send a stop request.
    private struct RunHandle {
        var podKey: String
        var stop: AsyncStream<TimeInterval>.Continuation
        /// The environment the run started with (what `kctl exec` sees).
        var environment: [String: String]
        /// The run's standard streams (what `pods/attach` joins).
        var streams: ContainerStreams
        /// The launch it started from (what `kctl exec` runs beside: image, mounts, working directory).
        var launch: ContainerLaunch
        /// The process started for it (the sandbox launcher), once it runs.
        var process: Int32?
    }

    nonisolated let directories: PodDirectories
    nonisolated let hostIP: String
    /// The kubeletd executable, started as ``ExecTTYHelper`` to run `tty: true` containers on a pseudo-terminal;
    /// without it they get pipes.
    nonisolated let terminalHelper: String?
    /// The sandbox real container processes run in (``SandboxLauncher``); `nil` runs them directly (tests).
    nonisolated let sandbox: SandboxSettings?
    /// How programs the runtime provides reach the control plane (``PodAPIAccess``); nil when not connected to one.
    nonisolated let apiAccess: PodAPIAccess?
    private nonisolated let timing: RuntimeTiming
    private nonisolated let logger: Logger
    private nonisolated let clock: @Sendable () -> Date
    private var allocator: PodIPAllocator
    private var images = ImageCache()
    private var pods: [String: PodLifecycle] = [:]
    private var runs: [String: RunHandle] = [:]
    /// The streams of the last ended run of each `stdinOnce` container (`namespace/name/container`), for the
    /// first attach that comes after it ended (see ``ContainerStreams``).
    private var endedStreams: [String: ContainerStreams] = [:]
    private var lastReported: [String: PodStatus] = [:]
    private var terminatedReported: Set<String> = []
    /// Pods that were already finished (`Succeeded`/`Failed`) when first seen: never run here. Key → uid.
    private var finishedElsewhere: [String: String] = [:]
    private var pendingWake: Date?
    private var services: [ServiceObject] = []
    /// The ConfigMaps and Secrets read for the pods (``setObjects(_:)``).
    var objects = PodObjects()
    /// Per pod (`namespace/name`): its volumes' state (``PodRuntime+Volumes``).
    var volumeStates: [String: VolumeState] = [:]
    /// The node's allocatable resources, for `resourceFieldRef`s to unset limits.
    nonisolated let allocatable: [String: String]
    nonisolated let volumes: PodVolumeManager
    private var isShutDown = false
    private var isRunning = false

    private nonisolated let commands: AsyncStream<Command>
    private nonisolated let commandSink: AsyncStream<Command>.Continuation
    private nonisolated let statusStream: AsyncStream<(key: String, status: PodStatus)>
    private nonisolated let statusSink: AsyncStream<(key: String, status: PodStatus)>.Continuation
    private nonisolated let terminatedStream: AsyncStream<String>
    private nonisolated let terminatedSink: AsyncStream<String>.Continuation
    private nonisolated let eventStream: AsyncStream<PodEventRecord>
    private nonisolated let eventSink: AsyncStream<PodEventRecord>.Continuation

    /// Creates the runtime of a node.
    ///
    /// - Parameters:
    ///   - dataDirectory: kubeletd's data directory; pod logs and work directories go under `pods/`.
    ///   - podCIDR: the node's `spec.podCIDR` (`10.244.1.0/24`); pod IPs are `.2` … `.254`.
    ///   - hostIP: the node's InternalIP, reported as `status.hostIP` (and as `podIP` of host-network pods).
    ///   - imagePullDelay: how long pulling an image not yet on the node takes.
    ///   - backoffScale: multiplies every backoff (10 s crash-loop backoff × 0.01 = 100 ms).
    ///   - logger: the runtime's logger.
    ///   - clock: the wall clock (for timestamps); tests may inject one.
    ///   - terminalHelper: the kubeletd executable, for containers with `tty: true` (see ``terminalHelper``).
    ///   - allocatable: the node's allocatable resources (`status.allocatable`).
    /// - Throws: ``PodIPAllocator/InvalidCIDR`` when `podCIDR` is not an IPv4 prefix.
    init(
        dataDirectory: URL, podCIDR: String, hostIP: String, imagePullDelay: Duration = .zero,
        backoffScale: Double = 1, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() },
        terminalHelper: String? = nil, allocatable: [String: String] = [:], sandbox: SandboxSettings? = nil,
        apiAccess: PodAPIAccess? = nil
    ) throws {
        self.apiAccess = apiAccess
        self.terminalHelper = terminalHelper
        self.sandbox = sandbox
        self.allocatable = allocatable
        self.directories = PodDirectories(dataDirectory: dataDirectory)
        self.allocator = try PodIPAllocator(podCIDR: podCIDR)
        self.hostIP = hostIP
        self.timing = RuntimeTiming(imagePullDelay: imagePullDelay.seconds, backoffScale: backoffScale)
        var logger = logger
        logger[metadataKey: "component"] = "pod-runtime"
        self.logger = logger
        self.clock = clock
        self.volumes = PodVolumeManager(directories: PodDirectories(dataDirectory: dataDirectory), logger: logger)
        (commands, commandSink) = AsyncStream.makeStream(of: Command.self)
        (statusStream, statusSink) = AsyncStream.makeStream(of: (key: String, status: PodStatus).self)
        (terminatedStream, terminatedSink) = AsyncStream.makeStream(of: String.self)
        (eventStream, eventSink) = AsyncStream.makeStream(of: PodEventRecord.self)
    }

    // MARK: - Agent API

    /// Every change of a pod's status, keyed `namespace/name`. One consumer; ends at ``shutdown()``.
    nonisolated func statusUpdates() -> AsyncStream<(key: String, status: PodStatus)> { statusStream }

    /// Keys (`namespace/name`) of deleted pods whose containers have all stopped. One consumer; ends at
    /// ``shutdown()``.
    nonisolated func terminated() -> AsyncStream<String> { terminatedStream }

    /// The kubelet's Events about the pods' containers, in order. One consumer; ends at ``shutdown()``.
    nonisolated func events() -> AsyncStream<PodEventRecord> { eventStream }

    /// Replaces the cluster's Services the service environment variables come from.
    func setServices(_ services: [ServiceObject]) {
        self.services = services
    }

    /// Replaces the ConfigMaps and Secrets read for the pods: containers waiting for one start, and volumes that
    /// project one are written again within this call.
    func setObjects(_ objects: PodObjects) {
        guard !isShutDown, objects != self.objects else { return }
        let changed = VolumeDependency.changed(from: self.objects, to: objects)
        self.objects = objects
        for (key, state) in volumeStates where !state.dependencies.isDisjoint(with: changed) {
            volumeStates[key]?.isCurrent = false
        }
        process()
    }

    /// Runs the containers; see the type's documentation. Call once.
    func run() async {
        guard !isRunning else { return }
        isRunning = true
        await withDiscardingTaskGroup { group in
            for await command in commands {
                switch command {
                case .launch(let launch, let stopRequests, let streams):
                    group.addTask { await self.execute(launch, stopRequests: stopRequests, streams: streams) }
                case .probe(let request, let context):
                    group.addTask {
                        let result = await ProbeRunner.run(request, context: context)
                        await self.probeFinished(request, success: result.success, output: result.output)
                    }
                case .wake(let deadline):
                    group.addTask {
                        let delay = deadline.timeIntervalSince(self.clock())
                        if delay > 0 { try? await Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded(.up)))) }
                        guard !Task.isCancelled else { return }
                        await self.wake(deadline)
                    }
                }
            }
            group.cancelAll()
        }
        stop()
    }

    /// Makes the node run exactly `desired` (the pods bound to it); idempotent.
    func sync(_ desired: [Pod]) {
        guard !isShutDown else { return }
        var listed: Set<String> = []
        for pod in desired {
            let key = Self.key(of: pod)
            let uid = pod.metadata.uid ?? ""
            listed.insert(key)
            if var lifecycle = pods[key] {
                if lifecycle.identity.uid == uid {
                    if lifecycle.pod.metadata.labels != pod.metadata.labels
                        || lifecycle.pod.metadata.annotations != pod.metadata.annotations
                    {
                        volumeStates[key]?.isCurrent = false
                    }
                    let actions = lifecycle.update(pod)
                    pods[key] = lifecycle
                    perform(actions)
                    continue
                }
                remove(key)
            }
            accept(pod, key: key)
        }
        for key in pods.keys where !listed.contains(key) { remove(key) }
        finishedElsewhere = finishedElsewhere.filter { listed.contains($0.key) }
        process()
    }

    /// Kills every container and forgets every pod (no status or termination is reported for them).
    func forgetAll() {
        for key in pods.keys { remove(key, grace: 0) }
        finishedElsewhere = [:]
        terminatedReported = []
        allocator.releaseAll()
    }

    /// Kills every container, ends ``run()`` once they have stopped, and ends the streams.
    func shutdown() {
        forgetAll()
        stop()
    }

    // MARK: - Applying the state machines

    private func accept(_ pod: Pod, key: String) {
        let uid = pod.metadata.uid ?? ""
        if pod.status.phase == "Succeeded" || pod.status.phase == "Failed" {
            finishedElsewhere[key] = uid
            if pod.metadata.deletionTimestamp != nil, terminatedReported.insert(key).inserted {
                terminatedSink.yield(key)
            }
            return
        }
        var podIP: String?
        if pod.spec.hostNetwork != true {
            if let existing = pod.status.podIP, allocator.reserve(existing) {
                podIP = existing
            } else {
                podIP = allocator.allocate()
                if podIP == nil { logger.error("pod CIDR exhausted", metadata: ["pod": "\(key)"]) }
            }
        }
        terminatedReported.remove(key)
        var lifecycle = PodLifecycle(pod: pod, hostIP: hostIP, podIP: podIP, timing: timing, now: clock())
        let actions = pod.metadata.deletionTimestamp != nil ? lifecycle.terminate() : []
        pods[key] = lifecycle
        perform(actions)
        logger.info("pod accepted", metadata: ["pod": "\(key)", "ip": "\(podIP ?? hostIP)"])
    }

    /// Stops a pod's live runs (SIGKILL after `grace` s) and forgets it.
    private func remove(_ key: String, grace: TimeInterval = RuntimeTiming.minimumGracePeriod) {
        guard let lifecycle = pods.removeValue(forKey: key) else { return }
        for (runID, handle) in runs where handle.podKey == key {
            handle.stop.yield(grace)
            runs[runID] = nil
        }
        endedStreams = endedStreams.filter { !$0.key.hasPrefix(key + "/") }
        if lifecycle.pod.spec.hostNetwork != true, let ip = lifecycle.context.podIP { allocator.release(ip) }
        volumeStates[key] = nil
        volumes.tearDown(lifecycle.identity)
        lastReported[key] = nil
        terminatedReported.remove(key)
        logger.info("pod removed", metadata: ["pod": "\(key)"])
    }

    private func perform(_ actions: [PodAction]) {
        for action in actions {
            switch action {
            case .start(let planned):
                let launch = mounting(planned, in: pods[planned.pod.key]?.pod)
                for note in launch.notes {
                    logger.notice(
                        "\(note)", metadata: ["pod": "\(launch.pod.key)", "container": "\(launch.container)"])
                }
                let (stopRequests, stop) = AsyncStream.makeStream(of: TimeInterval.self)
                let streams = ContainerStreams(launch)
                runs[launch.runID] = RunHandle(
                    podKey: launch.pod.key, stop: stop, environment: launch.environment, streams: streams,
                    launch: launch)
                commandSink.yield(.launch(launch, stopRequests: stopRequests, streams: streams))
            case .stop(let runID, let grace):
                runs[runID]?.stop.yield(grace)
            case .probe(let request):
                var context: ContainerProcessContext?
                if case .exec = request.action {
                    context = try? processContext(
                        namespace: request.pod.namespace, name: request.pod.name, container: request.container)
                }
                commandSink.yield(.probe(request, context: context))
            }
        }
    }

    /// Advances every pod to now, performs the actions, reports status changes and terminations, and arms the
    /// timer for the next deadline. A pod whose next step is already due (its first status was written, its
    /// containers were reported stopped) is advanced again at once, so each state it passes is reported.
    private func process() {
        let now = clock()
        var environments: [String: [String: String]] = [:]
        for key in pods.keys.sorted() {
            for _ in 0..<Self.passesPerProcess {
                guard var lifecycle = pods[key] else { break }
                let namespace = lifecycle.identity.namespace
                let links = lifecycle.pod.spec.enableServiceLinks ?? true
                let environmentKey = "\(namespace)|\(links)"
                let environment =
                    environments[environmentKey]
                    ?? ServiceLinks.environment(services: services, namespace: namespace, enableServiceLinks: links)
                environments[environmentKey] = environment
                lifecycle.setServiceEnvironment(environment)
                lifecycle.setObjects(objects, allocatable: allocatable)
                for event in prepareVolumes(key, &lifecycle, now: now) { eventSink.yield(event) }
                let actions = lifecycle.advance(now: now, images: &images)
                pods[key] = lifecycle
                perform(actions)
                report(key, now: now)
                guard let due = pods[key]?.nextDeadline(), due <= now else { break }
            }
        }
        guard let next = pods.values.compactMap({ $0.nextDeadline() }).min() else { return }
        if let pendingWake, pendingWake <= next, pendingWake > now { return }
        pendingWake = next
        commandSink.yield(.wake(at: next))
    }

    /// How many advance-and-report passes one ``process()`` gives a pod whose next step is due at once.
    static let passesPerProcess = 4

    private func report(_ key: String, now: Date) {
        guard var lifecycle = pods[key] else { return }
        let status = lifecycle.refreshStatus(now: now)
        let events = lifecycle.takeEvents()
        pods[key] = lifecycle
        for (fieldPath, event) in events {
            eventSink.yield(PodEventRecord(pod: lifecycle.identity, fieldPath: fieldPath, event: event, time: now))
        }
        if lastReported[key] != status {
            lastReported[key] = status
            statusSink.yield((key: key, status: status))
        }
        if lifecycle.isTerminated, terminatedReported.insert(key).inserted {
            logger.info("pod terminated", metadata: ["pod": "\(key)"])
            terminatedSink.yield(key)
        }
    }

    private func wake(_ deadline: Date) {
        if pendingWake == deadline { pendingWake = nil }
        process()
    }

    private func runEnded(_ launch: ContainerLaunch, exit: ContainerExit) {
        runs[launch.runID]?.stop.finish()
        let key = launch.pod.key
        if launch.stdinOnce, let streams = runs[launch.runID]?.streams, pods[key] != nil {
            endedStreams[key + "/" + launch.container] = streams
        }
        runs[launch.runID] = nil
        guard var lifecycle = pods[key], lifecycle.identity.uid == launch.pod.uid else { return }
        let now = clock()
        guard lifecycle.containerExited(runID: launch.runID, exit: exit, now: now) else { return }
        pods[key] = lifecycle
        logger.info(
            "container exited",
            metadata: ["pod": "\(key)", "container": "\(launch.container)", "exitCode": "\(exit.exitCode)"])
        report(key, now: now)
        process()
    }

    private func probeFinished(_ request: ProbeRequest, success: Bool, output: String) {
        let key = request.pod.key
        guard var lifecycle = pods[key], lifecycle.identity.uid == request.pod.uid else { return }
        let now = clock()
        let actions = lifecycle.probed(request, success: success, output: output, now: now)
        pods[key] = lifecycle
        perform(actions)
        report(key, now: now)
        process()
    }

    private func stop() {
        isShutDown = true
        commandSink.finish()
        statusSink.finish()
        terminatedSink.finish()
        eventSink.finish()
    }

    private nonisolated func execute(
        _ launch: ContainerLaunch, stopRequests: AsyncStream<TimeInterval>, streams: ContainerStreams
    ) async {
        var logger = self.logger
        logger[metadataKey: "pod"] = "\(launch.pod.key)"
        logger[metadataKey: "container"] = "\(launch.container)"
        logger.debug("container starting", metadata: ["argv": "\(launch.argv)", "attempt": "\(launch.attempt)"])
        let exit: ContainerExit
        switch launch.program {
        case .provided:
            exit = await ProvidedProgramDriver.run(
                launch, access: apiAccess, directories: directories, stopRequests: stopRequests, logger: logger,
                clock: clock)
        case .simulated:
            exit = await SimulatedContainerDriver.run(
                launch, directories: directories, stopRequests: stopRequests, logger: logger, now: clock())
        case .real, .notFound:
            exit = await ContainerProcessDriver.run(
                launch, directories: directories, stopRequests: stopRequests, streams: streams,
                terminalHelper: terminalHelper, sandbox: sandbox, logger: logger,
                started: { await self.recordProcess($0, ofRun: launch.runID) })
        }
        streams.finish()
        await runEnded(launch, exit: exit)
    }

    /// Reports pod `namespace/name`'s last status again, after every status already reported (the agent corrects
    /// a stored status that disagrees, without overtaking statuses still on their way).
    func repostStatus(namespace: String, name: String) {
        let key = NamespacedKey.make(namespace: namespace, name: name)
        guard let status = lastReported[key] else { return }
        statusSink.yield((key: key, status: status))
    }

    /// The environment live run `runID` started with, if it is live.
    func environment(ofRun runID: String) -> [String: String]? { runs[runID]?.environment }

    private func recordProcess(_ process: Int32, ofRun runID: String) {
        runs[runID]?.process = process
    }

    /// The process (sandbox launcher) of live run `runID`, once started.
    func process(ofRun runID: String) -> Int32? { runs[runID]?.process }

    /// The launch live run `runID` started from, if it is live.
    func launch(ofRun runID: String) -> ContainerLaunch? { runs[runID]?.launch }

    /// The standard streams of live run `runID`, if it is live.
    func streams(ofRun runID: String) -> ContainerStreams? { runs[runID]?.streams }

    /// The streams of the last ended run of `stdinOnce` container `container` of pod `namespace/name`, if kept.
    func endedStreams(namespace: String, name: String, container: String) -> ContainerStreams? {
        endedStreams[NamespacedKey.make(namespace: namespace, name: name) + "/" + container]
    }

    /// The pod `namespace/name` as the runtime tracks it, if it does.
    func podLifecycle(namespace: String, name: String) -> PodLifecycle? {
        pods[NamespacedKey.make(namespace: namespace, name: name)]
    }

    /// `namespace/name`.
    static func key(of pod: Pod) -> String { NamespacedKey.of(pod.metadata, defaultNamespace: "default") }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        TimeInterval(components.seconds) + TimeInterval(components.attoseconds) / 1e18
    }
}
