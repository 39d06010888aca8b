import Foundation
import KubeAPI
import Wire

/// One container's life as the kubelet drives it: image pull (with `ImagePullBackOff`), runs, exits, restarts
/// with `CrashLoopBackOff`, and stopping. Pure: no I/O, time is a parameter.
///
/// The runtime MUST call ``advance(now:restartPolicy:images:)`` after every event and at
/// ``nextDeadline(restartPolicy:)``; it performs the returned ``ContainerStep``s and reports each run's end
/// through ``exited(runID:exit:now:)``. ``status(defaultWaitingReason:)`` renders what kubectl shows, and
/// ``takeEvents()`` the kubelet's Events for what happened (`Pulling`, `Pulled`, `Created`, `Started`, `Killing`).
struct ContainerStateMachine: Sendable, Hashable {
    /// A live run of the container (a process or a simulation).
    struct Run: Sendable, Hashable {
        /// The container ID (64 hex), shown as `emulated://<id>`.
        var id: String
        /// 0 for the first run; names the log file (`<attempt>.log`).
        var attempt: Int
        var startedAt: Date
        var ready: Bool
        /// When a simulated readiness probe first succeeds (`startedAt + initialDelaySeconds`).
        var readyAt: Date
        /// The probes run against the process (``ProbeTracker``); none for a simulated run, whose probes pass.
        var probes: [ProbeTracker] = []
        /// The startup probe has succeeded (or there is none): `status.started`, and the other probes may run.
        var started = true
    }

    /// How a run ended (`state.terminated`, later `lastState.terminated`).
    struct Termination: Sendable, Hashable {
        var exitCode: Int32
        /// `Completed` (exit 0), `Error`, or `StartError`.
        var reason: String
        var message: String?
        var startedAt: Date?
        var finishedAt: Date
        var containerID: String
    }

    /// Where the container is.
    enum State: Sendable, Hashable {
        /// Accepted, nothing done yet (`ContainerCreating` or `PodInitializing`).
        case created
        /// Pulling its image until `until`; `shown` is the waiting state displayed meanwhile (default when nil).
        case pulling(until: Date, shown: ContainerStateWaiting?)
        /// The pull failed at `failedAt`: `ErrImagePull` first, `ImagePullBackOff` once `showingBackOff`.
        case pullFailed(ImagePullFailure, failedAt: Date, showingBackOff: Bool)
        case running(Run)
        /// Asked to stop; still running until the driver reports the exit.
        case stopping(Run)
        /// The last run ended and no restart is (yet) decided: `state.terminated`.
        case exited(Termination)
        /// Waiting to restart after `termination` until `until` (`CrashLoopBackOff`).
        case crashLoopBackOff(Termination, until: Date, message: String)
        /// Not created: its environment names a ConfigMap or Secret that is missing (`CreateContainerConfigError`
        /// with Kubernetes' `message`) or not read yet (`nil`, shown as the default waiting reason).
        case configBlocked(message: String?)
    }

    private(set) var container: Container
    let role: ContainerRole
    let pod: PodIdentity
    let timing: RuntimeTiming
    private(set) var state: State = .created
    /// The termination before the current state (`lastState.terminated`).
    private(set) var lastTermination: Termination?
    /// How many runs were started; `restartCount` is one less.
    private(set) var attempts = 0
    /// Set when the pod terminates: the container never starts again.
    private(set) var halted = false
    private var restartWhenStopped = false
    private var crashBackoff: RestartBackoff
    private var pullBackoff: RestartBackoff
    /// Events since the last ``takeEvents()``, oldest first.
    private(set) var events: [ContainerEvent] = []
    /// Why the container cannot be created now (``ConfigProblem``); the pod sets it before every advance.
    var configProblem: ConfigProblem?

    init(container: Container, role: ContainerRole, pod: PodIdentity, timing: RuntimeTiming) {
        self.container = container
        self.role = role
        self.pod = pod
        self.timing = timing
        self.crashBackoff = timing.crashBackoff()
        self.pullBackoff = timing.imagePullBackoff()
    }

    var name: String { container.name }
    var image: String { container.image ?? "" }
    /// `restartCount`.
    var restartCount: Int32 { Int32(max(0, attempts - 1)) }

    /// The live run, while running or stopping.
    var activeRun: Run? {
        switch state {
        case .running(let run), .stopping(let run): run
        default: nil
        }
    }

    /// Returns the Events recorded since the last call, oldest first, and forgets them.
    mutating func takeEvents() -> [ContainerEvent] {
        defer { events = [] }
        return events
    }

    // MARK: - Events

    /// Moves the container on at `now`: starts pulls and runs, flips `ErrImagePull` to `ImagePullBackOff`,
    /// retries pulls, restarts exited containers (after `CrashLoopBackOff` when the backoff says so) and marks
    /// readiness.
    ///
    /// - Parameters:
    ///   - restartPolicy: the pod's `spec.restartPolicy` (`Always` when empty).
    ///   - images: the node's pulled images; a successful pull adds to it.
    /// - Returns: the runs to start.
    mutating func advance(now: Date, restartPolicy: String, images: inout ImageCache) -> [ContainerStep] {
        switch state {
        case .running(var run):
            guard run.probes.isEmpty else {
                var steps: [ContainerStep] = []
                for index in run.probes.indices where Self.isActive(run.probes[index], in: run) {
                    guard run.probes[index].isDue(now) else { continue }
                    run.probes[index].begin()
                    let probe = run.probes[index]
                    steps.append(.probe(runID: run.id, kind: probe.kind, action: probe.spec.action, timeout: probe.spec.timeout))
                }
                state = .running(run)
                return steps
            }
            if !run.ready, isReadinessEligible, now >= run.readyAt {
                run.ready = true
                state = .running(run)
            }
            return []
        case .stopping:
            return []
        case _ where halted:
            return []
        case .created:
            return beginStart(now: now, images: &images, shown: nil)
        case .configBlocked(let message):
            guard let problem = configProblem else { return start(now: now) }
            if problem.message != message { return start(now: now) }
            return []
        case .pulling(let until, _):
            guard now >= until else { return [] }
            return finishPull(now: now, images: &images)
        case .pullFailed(let failure, let failedAt, let showingBackOff):
            guard failure.retries else { return [] }
            if !showingBackOff, now >= failedAt + errImagePullDisplay {
                state = .pullFailed(failure, failedAt: failedAt, showingBackOff: true)
                events += KubeletEventText.pullBackOff(image: image)
            }
            guard now >= failedAt + pullBackoff.scaledDelay else { return [] }
            return beginPull(now: now, images: &images, shown: backOffPullingWaiting)
        case .exited(let termination):
            if restartWhenStopped {
                restartWhenStopped = false
                lastTermination = termination
                return beginStart(now: now, images: &images, shown: nil)
            }
            guard shouldRestart(after: termination, restartPolicy: restartPolicy) else { return [] }
            lastTermination = termination
            if crashBackoff.isInBackOff(since: termination.finishedAt, now: now) {
                let message =
                    "back-off \(crashBackoff.nominalDescription) restarting failed container=\(name) "
                    + "pod=\(pod.name)_\(pod.namespace)(\(pod.uid))"
                let until = termination.finishedAt + crashBackoff.scaledDelay
                state = .crashLoopBackOff(termination, until: until, message: message)
                events.append(KubeletEventText.crashLoopBackOff(container: name, pod: pod))
                return []
            }
            crashBackoff.next(eventTime: termination.finishedAt, now: now)
            return beginStart(now: now, images: &images, shown: nil)
        case .crashLoopBackOff(let termination, let until, _):
            guard now >= until else { return [] }
            crashBackoff.next(eventTime: termination.finishedAt, now: now)
            return beginStart(now: now, images: &images, shown: nil)
        }
    }

    /// Records the end of run `runID`; ignored (returns `false`) when it is not the live run.
    mutating func exited(runID: String, exit: ContainerExit, now: Date) -> Bool {
        guard let run = activeRun, run.id == runID else { return false }
        let reason: String
        if let failure = exit.startFailure {
            reason = "StartError"
            events.append(KubeletEventText.failed(reason: failure))
        } else {
            reason = exit.exitCode == 0 ? "Completed" : "Error"
        }
        state = .exited(
            Termination(
                exitCode: exit.exitCode, reason: reason, message: exit.startFailure,
                startedAt: exit.startFailure == nil ? run.startedAt : nil, finishedAt: now, containerID: run.id))
        return true
    }

    /// Records the result of a probe of run `runID` that ended at `now` (`output`: why it failed): a failing probe
    /// is an `Unhealthy` event; readiness drives `ready`, a passed startup probe lets the others run, and a failed
    /// liveness or startup probe stops the run (SIGTERM, SIGKILL after `grace` s) to be restarted by the
    /// `restartPolicy`.
    mutating func probed(
        runID: String, kind: ProbeKind, success: Bool, output: String, now: Date, grace: TimeInterval
    ) -> [ContainerStep] {
        guard case .running(var run) = state, run.id == runID,
            let index = run.probes.firstIndex(where: { $0.kind == kind })
        else { return [] }
        let change = run.probes[index].record(success: success, now: now)
        if !success { events.append(KubeletEventText.unhealthy(kind: kind, output: output)) }
        let readiness = run.probes.first { $0.kind == .readiness }
        switch (kind, change) {
        case (.startup, true?):
            run.started = true
            run.ready = isReadinessEligible && readiness == nil
        case (.readiness, let ready?):
            run.ready = ready && run.started
        case (.liveness, false?), (.startup, false?):
            state = .stopping(run)
            events.append(KubeletEventText.killing(container: name, failedProbe: kind))
            return [.stop(runID: run.id, grace: grace)]
        default:
            break
        }
        state = .running(run)
        return []
    }

    /// Whether `probe` runs now: the startup probe until it passes, the others after it.
    private static func isActive(_ probe: ProbeTracker, in run: Run) -> Bool {
        probe.kind == .startup ? !run.started : run.started
    }

    /// The pod is terminating: never start again, and stop the live run (SIGTERM, SIGKILL after `grace` s).
    mutating func halt(grace: TimeInterval) -> [ContainerStep] {
        halted = true
        guard case .running(let run) = state else { return [] }
        state = .stopping(run)
        events.append(KubeletEventText.killing(container: name))
        return [.stop(runID: run.id, grace: grace)]
    }

    /// The pod's spec now gives this container `container` (only `image` may change on a live pod): a new image
    /// restarts the container (stop, then start without backoff, `restartCount` + 1).
    mutating func update(to container: Container, grace: TimeInterval) -> [ContainerStep] {
        guard container.image != self.container.image else {
            self.container = container
            return []
        }
        self.container = container
        switch state {
        case .running(let run):
            restartWhenStopped = true
            state = .stopping(run)
            events.append(KubeletEventText.killing(container: name, definitionChanged: true))
            return [.stop(runID: run.id, grace: grace)]
        case .stopping:
            restartWhenStopped = true
        case .pulling, .pullFailed, .configBlocked:
            pullBackoff = timing.imagePullBackoff()
            state = .created
        case .crashLoopBackOff(let termination, _, _):
            state = .exited(termination)
            restartWhenStopped = true
        case .created, .exited:
            break
        }
        return []
    }

    // MARK: - Derived facts

    /// Whether the container has a live run or may still start one under `restartPolicy`.
    func mayRunAgain(restartPolicy: String) -> Bool {
        if activeRun != nil { return true }
        if halted { return false }
        if case .exited(let termination) = state {
            return restartWhenStopped || shouldRestart(after: termination, restartPolicy: restartPolicy)
        }
        if case .pullFailed(let failure, _, _) = state { return failure.retries }
        return true
    }

    /// For an init container: it completed (exit 0) or, for a sidecar, it has started.
    var isInitComplete: Bool {
        switch role {
        case .sidecar: return attempts > 0
        case .app: return true
        case .initContainer:
            if case .exited(let termination) = state { return termination.exitCode == 0 }
            return false
        }
    }

    /// The next time ``advance(now:restartPolicy:images:)`` has something to do, if any.
    func nextDeadline(restartPolicy: String) -> Date? {
        switch state {
        case .running(let run):
            guard run.probes.isEmpty else {
                return run.probes.filter { !$0.inFlight && Self.isActive($0, in: run) }.map(\.nextDue).min()
            }
            return !run.ready && isReadinessEligible ? run.readyAt : nil
        case _ where halted:
            return nil
        case .pulling(let until, _):
            return until
        case .pullFailed(let failure, let failedAt, let showingBackOff):
            guard failure.retries else { return nil }
            let retryAt = failedAt + pullBackoff.scaledDelay
            return showingBackOff ? retryAt : min(retryAt, failedAt + errImagePullDisplay)
        case .crashLoopBackOff(_, let until, _):
            return until
        case .created, .stopping, .exited, .configBlocked:
            return nil
        }
    }

    // MARK: - Transitions

    private var isReadinessEligible: Bool { role != .initContainer }

    private var errImagePullDisplay: TimeInterval {
        min(RuntimeTiming.errImagePullDisplay * timing.backoffScale, pullBackoff.scaledDelay)
    }

    private var backOffPullingWaiting: ContainerStateWaiting {
        ContainerStateWaiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(image)\"")
    }

    private func shouldRestart(after termination: Termination, restartPolicy: String) -> Bool {
        switch role {
        case .sidecar: return true
        case .initContainer: return restartPolicy != "Never" && termination.exitCode != 0
        case .app:
            switch restartPolicy {
            case "Never": return false
            case "OnFailure": return termination.exitCode != 0
            default: return true
            }
        }
    }

    private mutating func beginStart(
        now: Date, images: inout ImageCache, shown: ContainerStateWaiting?
    ) -> [ContainerStep] {
        let failure = ImagePullRule.failure(for: image)
        if let failure, !failure.retries {
            state = .pullFailed(failure, failedAt: now, showingBackOff: false)
            events += KubeletEventText.pullFailed(image: image, failure: failure)
            return []
        }
        if container.imagePullPolicy == "Never" {
            guard failure == nil else {
                let neverPull = ImagePullFailure(
                    reason: "ErrImageNeverPull",
                    message: "Container image \"\(image)\" is not present with pull policy of Never", retries: false)
                state = .pullFailed(neverPull, failedAt: now, showingBackOff: false)
                events += KubeletEventText.pullFailed(image: image, failure: neverPull)
                return []
            }
            events.append(KubeletEventText.alreadyPresent(image: image))
            return start(now: now)
        }
        if failure == nil, images.contains(image) {
            // `Always` checks the registry, which finds the layers present: a pull that takes no time.
            if container.imagePullPolicy == "Always" {
                events += [
                    KubeletEventText.pulling(image: image),
                    KubeletEventText.pulled(image: image, pullSeconds: 0, waitSeconds: 0),
                ]
            } else {
                events.append(KubeletEventText.alreadyPresent(image: image))
            }
            return start(now: now)
        }
        return beginPull(now: now, images: &images, shown: shown)
    }

    private mutating func beginPull(
        now: Date, images: inout ImageCache, shown: ContainerStateWaiting?
    ) -> [ContainerStep] {
        events.append(KubeletEventText.pulling(image: image))
        guard timing.imagePullDelay > 0 else { return finishPull(now: now, images: &images) }
        state = .pulling(until: now + timing.imagePullDelay, shown: shown)
        return []
    }

    private mutating func finishPull(now: Date, images: inout ImageCache) -> [ContainerStep] {
        if let failure = ImagePullRule.failure(for: image) {
            pullBackoff.next(eventTime: now, now: now)
            state = .pullFailed(failure, failedAt: now, showingBackOff: false)
            events += KubeletEventText.pullFailed(image: image, failure: failure)
            return []
        }
        images.insert(image)
        let took = timing.imagePullDelay
        events.append(KubeletEventText.pulled(image: image, pullSeconds: took, waitSeconds: took))
        return start(now: now)
    }

    private mutating func start(now: Date) -> [ContainerStep] {
        if let problem = configProblem {
            // The kubelet pulls first, then fails to generate the container's config: nothing is created.
            state = .configBlocked(message: problem.message)
            if let message = problem.message { events.append(KubeletEventText.failed(reason: message)) }
            return []
        }
        let attempt = attempts
        attempts += 1
        let id = StableHash.hex64("\(pod.uid)/\(role)/\(name)/\(attempt)")
        let delay = ReadinessProbe.initialDelay(of: container)
        var run = Run(
            id: id, attempt: attempt, startedAt: now, ready: isReadinessEligible && delay == nil,
            readyAt: now + (delay ?? 0))
        events += [KubeletEventText.created(container: name), KubeletEventText.started(container: name)]
        let program = ContainerProgram.resolve(
            image: image, command: container.command ?? [], args: container.args ?? [], programs: .host)
        if case .simulated(let reason) = program {
            events.append(KubeletEventText.simulated(container: name, reason: reason))
        } else if role != .initContainer {
            run.probes = ProbeKind.allCases.compactMap { kind in
                ProbeSpec.of(container, kind: kind).map { ProbeTracker(kind: kind, spec: $0, startedAt: now) }
            }
            run.started = !run.probes.contains { $0.kind == .startup }
            run.ready = isReadinessEligible && run.started && !run.probes.contains { $0.kind == .readiness }
        }
        state = .running(run)
        return [.start(runID: id, attempt: attempt)]
    }
}
