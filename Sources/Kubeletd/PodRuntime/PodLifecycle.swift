import Foundation
import KubeAPI
import Wire

/// One pod on this node, as the kubelet runs it: init containers first, in order, then the app containers;
/// restarts by `restartPolicy`; graceful termination on deletion; the resulting `PodStatus`. Pure: no I/O,
/// time is a parameter.
///
/// The runtime MUST call ``advance(now:images:)`` after every event (``update(_:)``,
/// ``containerExited(runID:exit:now:)``) and at ``nextDeadline()``, perform the returned ``PodAction``s, then
/// call ``refreshStatus(now:)`` to get the status to report, and report every status it returns: each state the
/// kubelet passes through is written, even when the emulated step takes no time.
///
/// - A new pod's first status is written before any container is created (`Pending`, containers waiting
///   `ContainerCreating`, `PodReadyToStartContainers=False`): ``advance(now:images:)`` does nothing until
///   ``refreshStatus(now:)`` has produced it, and ``nextDeadline()`` is then due at once.
/// - A deleted pod whose containers have all stopped reports them stopped while keeping its phase (`0/1
///   Terminating`, as the status manager holds a terminal phase while the pod worker may still have running
///   containers), then its terminal phase (`Succeeded`/`Failed`); only after that is it ``isTerminated``.
/// - ``takeEvents()`` returns the kubelet's Events for the containers (`Pulling`, `Pulled`, `Created`,
///   `Started`, `Killing`, ...).
struct PodLifecycle: Sendable {
    let identity: PodIdentity
    /// The pod as last seen from the API (spec, metadata, and the status fields the kubelet preserves).
    private(set) var pod: Pod
    private(set) var initContainers: [ContainerStateMachine]
    private(set) var containers: [ContainerStateMachine]
    private(set) var context: PodEnvironmentContext
    let startTime: Date
    /// The grace period of the termination in progress (set once the pod has a `deletionTimestamp`).
    private(set) var terminationGrace: TimeInterval?
    /// The last status from ``refreshStatus(now:)``.
    private(set) var status = PodStatus()
    private var terminalPhase: String?
    private var transitions: [String: (status: String, time: String?)] = [:]
    /// Whether the first status (before any container is created) has been produced.
    private(set) var hasInitialStatus = false
    /// Whether ``advance(now:images:)`` has run since the first status (containers may have been created).
    private var hasAdvanced = false
    /// Where the report of a finished termination is (see the type's documentation).
    private var terminationReport = TerminationReport.none
    /// Set by the runtime while a volume cannot be set up (a ConfigMap or Secret it projects is missing or not read
    /// yet): no container is created, the sandbox is not ready (`PodReadyToStartContainers=False`), as the kubelet
    /// waits for volumes before it creates the sandbox.
    var isWaitingForVolumes = false

    /// The reports of a termination whose containers have all stopped.
    private enum TerminationReport: Sendable {
        /// Not yet reported.
        case none
        /// Containers reported stopped, phase held.
        case stopped
        /// Terminal phase reported: the pod may be deleted.
        case terminal
    }

    /// Accepts `pod` at `now` with its sandbox at `podIP` (`nil`: host network, the pod uses `hostIP`).
    init(pod: Pod, hostIP: String, podIP: String?, timing: RuntimeTiming, now: Date) {
        let identity = PodIdentity(
            namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "",
            uid: pod.metadata.uid ?? "")
        self.identity = identity
        self.pod = pod
        self.context = PodEnvironmentContext(hostIP: hostIP, podIP: podIP ?? hostIP)
        self.startTime = pod.status.startTime.flatMap(Timestamp.parse) ?? now
        self.initContainers = (pod.spec.initContainers ?? []).map {
            ContainerStateMachine(
                container: $0, role: PodStatusRules.isSidecar($0) ? .sidecar : .initContainer, pod: identity,
                timing: timing)
        }
        self.containers = pod.spec.containers.map {
            ContainerStateMachine(container: $0, role: .app, pod: identity, timing: timing)
        }
        for condition in pod.status.conditions ?? [] {
            transitions[condition.type] = (condition.status, condition.lastTransitionTime)
        }
    }

    /// `spec.restartPolicy`, `Always` when empty.
    var restartPolicy: String { pod.spec.restartPolicy.flatMap { $0.isEmpty ? nil : $0 } ?? "Always" }

    /// Whether the pod is being deleted.
    var isTerminating: Bool { terminationGrace != nil }

    /// Whether some container has a live run (running or stopping).
    var hasLiveRuns: Bool { (initContainers + containers).contains { $0.activeRun != nil } }

    /// Deleted and every container stopped (the status may not say so yet).
    var hasStopped: Bool { isTerminating && !hasLiveRuns }

    /// Deleted, every container stopped and the terminal status produced: the agent may now remove the pod.
    var isTerminated: Bool { hasStopped && terminationReport == .terminal }

    /// Sets the service environment variables (``ServiceLinks``) containers started from now on get.
    mutating func setServiceEnvironment(_ environment: [String: String]) {
        context.serviceEnvironment = environment
    }

    /// Sets the ConfigMaps and Secrets the kubelet has read and the node's allocatable resources, which containers
    /// started from now on use (``ContainerEnvironment/resolve(pod:container:context:)``).
    mutating func setObjects(_ objects: PodObjects, allocatable: [String: String]) {
        context.objects = objects
        context.allocatable = allocatable
    }

    /// The Events recorded since the last call, with the container each is about, oldest first per container
    /// (init containers first).
    mutating func takeEvents() -> [(fieldPath: String, event: ContainerEvent)] {
        var taken: [(fieldPath: String, event: ContainerEvent)] = []
        for index in initContainers.indices {
            let path = PodEventRecord.fieldPath(container: initContainers[index].name, role: initContainers[index].role)
            taken += initContainers[index].takeEvents().map { (path, $0) }
        }
        for index in containers.indices {
            let path = PodEventRecord.fieldPath(container: containers[index].name, role: .app)
            taken += containers[index].takeEvents().map { (path, $0) }
        }
        return taken
    }

    // MARK: - Events

    /// A newer version of the pod from the API: a `deletionTimestamp` starts graceful termination
    /// (`deletionGracePeriodSeconds`, else `terminationGracePeriodSeconds`, at least 2 s); a changed image
    /// restarts that container.
    mutating func update(_ newPod: Pod) -> [PodAction] {
        pod = newPod
        if newPod.metadata.deletionTimestamp != nil { return terminate() }
        guard !isTerminating else { return [] }
        var actions: [PodAction] = []
        for index in containers.indices {
            guard let spec = newPod.spec.containers.first(where: { $0.name == containers[index].name }) else {
                continue
            }
            let steps = containers[index].update(to: spec, grace: specGrace)
            actions += convert(steps, role: .app)
        }
        return actions
    }

    /// Starts graceful termination (idempotent): stops every live run with the pod's grace period.
    mutating func terminate(grace: TimeInterval? = nil) -> [PodAction] {
        guard terminationGrace == nil else { return [] }
        let requested = grace ?? pod.metadata.deletionGracePeriodSeconds.map(TimeInterval.init) ?? specGrace
        let effective = max(requested, RuntimeTiming.minimumGracePeriod)
        terminationGrace = effective
        var actions: [PodAction] = []
        for index in containers.indices {
            let steps = containers[index].halt(grace: effective)
            actions += convert(steps, role: .app)
        }
        for index in initContainers.indices.reversed() {
            let steps = initContainers[index].halt(grace: effective)
            actions += convert(steps, role: initContainers[index].role)
        }
        return actions
    }

    /// Records the result of `request` (`output`: why it failed), ended at `now`; returns what to do (a failed
    /// liveness or startup probe stops the run).
    mutating func probed(_ request: ProbeRequest, success: Bool, output: String, now: Date) -> [PodAction] {
        guard !isTerminating else { return [] }
        for index in containers.indices where containers[index].activeRun?.id == request.runID {
            let steps = containers[index].probed(
                runID: request.runID, kind: request.kind, success: success, output: output, now: now, grace: specGrace)
            return convert(steps, role: .app)
        }
        for index in initContainers.indices where initContainers[index].activeRun?.id == request.runID {
            let steps = initContainers[index].probed(
                runID: request.runID, kind: request.kind, success: success, output: output, now: now, grace: specGrace)
            return convert(steps, role: initContainers[index].role)
        }
        return []
    }

    /// Records the end of run `runID`; `false` when no container of this pod owns it.
    mutating func containerExited(runID: String, exit: ContainerExit, now: Date) -> Bool {
        for index in containers.indices where containers[index].exited(runID: runID, exit: exit, now: now) {
            return true
        }
        for index in initContainers.indices where initContainers[index].exited(runID: runID, exit: exit, now: now) {
            return true
        }
        return false
    }

    /// Moves every container on at `now` (see ``ContainerStateMachine/advance(now:restartPolicy:images:)``):
    /// init containers one at a time in order, then all app containers; sidecars are stopped once every app
    /// container has finished for good.
    mutating func advance(now: Date, images: inout ImageCache) -> [PodAction] {
        guard hasInitialStatus else { return [] }
        hasAdvanced = true
        if isWaitingForVolumes && !isTerminating { return [] }
        let policy = restartPolicy
        var actions: [PodAction] = []
        var initialized = true
        for index in initContainers.indices {
            initContainers[index].configProblem = ContainerEnvironment.problem(
                pod: pod, container: initContainers[index].container, context: context)
            let steps = initContainers[index].advance(now: now, restartPolicy: policy, images: &images)
            actions += convert(steps, role: initContainers[index].role)
            if !initContainers[index].isInitComplete {
                initialized = false
                break
            }
        }
        guard initialized else { return actions }
        for index in containers.indices {
            containers[index].configProblem = ContainerEnvironment.problem(
                pod: pod, container: containers[index].container, context: context)
            let steps = containers[index].advance(now: now, restartPolicy: policy, images: &images)
            actions += convert(steps, role: .app)
        }
        if !isTerminating, !containers.isEmpty, !containers.contains(where: { $0.mayRunAgain(restartPolicy: policy) }) {
            for index in initContainers.indices.reversed() where initContainers[index].role == .sidecar {
                let steps = initContainers[index].halt(grace: specGrace)
                actions += convert(steps, role: .sidecar)
            }
        }
        return actions
    }

    /// The earliest time ``advance(now:images:)`` has something to do.
    func nextDeadline() -> Date? {
        if !hasAdvanced || (hasStopped && terminationReport != .terminal) { return startTime }
        return (initContainers + containers).compactMap { $0.nextDeadline(restartPolicy: restartPolicy) }.min()
    }

    // MARK: - Helpers

    private var specGrace: TimeInterval {
        pod.spec.terminationGracePeriodSeconds.map(TimeInterval.init) ?? RuntimeTiming.defaultGracePeriod
    }

    /// Turns container steps into pod actions. MUST be called after the step's mutation has completed (on the
    /// current `self`): a start looks up its container by the new run's ID.
    /// `Succeeded` or `Failed`.
    static func isTerminal(_ phase: String?) -> Bool { phase == "Succeeded" || phase == "Failed" }

    private func convert(_ steps: [ContainerStep], role: ContainerRole) -> [PodAction] {
        steps.map { step in
            switch step {
            case .stop(let runID, let grace):
                return .stop(runID: runID, grace: grace)
            case .probe(let runID, let kind, let action, let timeout):
                let machines = role == .app ? containers : initContainers
                let name = machines.first { $0.activeRun?.id == runID }?.name ?? ""
                return .probe(
                    ProbeRequest(
                        pod: identity, container: name, runID: runID, kind: kind, action: action, timeout: timeout,
                        podIP: context.podIP ?? context.hostIP))
            case .start(let runID, let attempt):
                let machines = role == .app ? containers : initContainers
                let container = machines.first { $0.activeRun?.id == runID }?.container ?? Container(name: "")
                return .start(
                    ContainerLaunch.make(
                        pod: pod, container: container, role: role, runID: runID, attempt: attempt, context: context))
            }
        }
    }
}

/// What the runtime must do for a pod.
enum PodAction: Sendable, Hashable {
    /// Start a run of a container.
    case start(ContainerLaunch)
    /// Stop run `runID`: SIGTERM, then SIGKILL after `grace` seconds.
    case stop(runID: String, grace: TimeInterval)
    /// Run a probe and report its result (``PodLifecycle/probed(_:success:output:now:)``).
    case probe(ProbeRequest)
}

extension PodLifecycle {
    /// Recomputes ``status`` at `now` and returns it: container statuses, `phase` (terminal phases stick),
    /// the kubelet's conditions (`lastTransitionTime` changes only when a condition's status changes), and the
    /// preserved `hostIP`, `podIP(s)`, `startTime`, `qosClass`.
    mutating func refreshStatus(now: Date) -> PodStatus {
        let hasInit = !initContainers.isEmpty
        let initStatuses = initContainers.map { $0.status(defaultWaitingReason: "PodInitializing") }
        let statuses = containers.map {
            $0.status(defaultWaitingReason: hasInit ? "PodInitializing" : "ContainerCreating")
        }
        let initial = !hasInitialStatus
        hasInitialStatus = true
        var phase =
            terminalPhase
            ?? PodStatusRules.phase(
                spec: pod.spec, initStatuses: initStatuses, statuses: statuses, podIsTerminal: hasStopped)
        if hasStopped {
            // The first report after the containers stopped keeps a non-terminal phase (the status manager's
            // `mergePodStatus` while the pod worker may still have running containers); the next one is terminal.
            if terminationReport == .none {
                terminationReport = .stopped
                if Self.isTerminal(phase), let held = status.phase ?? pod.status.phase, !Self.isTerminal(held) {
                    phase = held
                } else if Self.isTerminal(phase) {
                    terminationReport = .terminal
                }
            } else {
                terminationReport = .terminal
            }
        }
        if Self.isTerminal(phase) { terminalPhase = phase }

        let preserved = (pod.status.conditions ?? []).filter { !PodStatusRules.kubeletConditionTypes.contains($0.type) }
        let sandboxReady = !initial && !hasStopped && terminalPhase == nil && !isWaitingForVolumes
        let containersReady = PodStatusRules.containersReady(
            spec: pod.spec, initStatuses: initStatuses, statuses: statuses, phase: phase)
        var owned = [
            PodCondition(type: "PodReadyToStartContainers", status: sandboxReady ? "True" : "False"),
            PodStatusRules.initialized(spec: pod.spec, initStatuses: initStatuses, statuses: statuses, phase: phase),
            PodStatusRules.ready(spec: pod.spec, containersReady: containersReady, conditions: preserved),
            containersReady,
            pod.status.condition("PodScheduled") ?? PodCondition(type: "PodScheduled", status: "True"),
        ]
        for index in owned.indices {
            let type = owned[index].type
            if let previous = transitions[type], previous.status == owned[index].status, let time = previous.time {
                owned[index].lastTransitionTime = time
            } else {
                owned[index].lastTransitionTime = Timestamp.format(now)
            }
            owned[index].lastProbeTime = nil
            transitions[type] = (owned[index].status, owned[index].lastTransitionTime)
        }

        var status = PodStatus(phase: phase)
        status.conditions = preserved + owned
        status.hostIP = context.hostIP
        status.hostIPs = [PodIP(ip: context.hostIP)]
        status.podIP = context.podIP
        status.podIPs = context.podIP.map { [PodIP(ip: $0)] }
        status.startTime = Timestamp.format(startTime)
        status.initContainerStatuses = hasInit ? initStatuses : nil
        status.containerStatuses = statuses
        status.qosClass = pod.status.qosClass
        status.nominatedNodeName = pod.status.nominatedNodeName
        status.observedGeneration = pod.status.observedGeneration
        self.status = status
        return status
    }
}
