import Foundation
import KubeAPI
import Wire

extension ContainerStateMachine {
    /// The container's `status.containerStatuses[]` (or `initContainerStatuses[]`) entry, as the kubelet
    /// reports it.
    ///
    /// - Parameter defaultWaitingReason: the waiting reason before the container is created:
    ///   `ContainerCreating`, or `PodInitializing` in a pod with init containers.
    func status(defaultWaitingReason: String) -> ContainerStatus {
        var status = ContainerStatus(name: name, restartCount: restartCount)
        status.image = attempts > 0 ? ImagePullRule.normalizedName(image) : image
        status.imageID = attempts > 0 ? ImagePullRule.imageID(for: image) : ""
        status.lastState = lastTermination.map { ContainerState(terminated: $0.apiValue) } ?? ContainerState()
        status.started = false
        let defaultWaiting = ContainerStateWaiting(reason: defaultWaitingReason)
        switch state {
        case .created:
            status.state = ContainerState(waiting: defaultWaiting)
        case .configBlocked(let message):
            status.state = ContainerState(
                waiting: message.map { ContainerStateWaiting(reason: "CreateContainerConfigError", message: $0) }
                    ?? defaultWaiting)
        case .pulling(_, let shown):
            status.state = ContainerState(waiting: shown ?? defaultWaiting)
        case .pullFailed(let failure, _, let showingBackOff):
            status.state = ContainerState(
                waiting: showingBackOff
                    ? ContainerStateWaiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(image)\"")
                    : ContainerStateWaiting(reason: failure.reason, message: failure.message))
        case .running(let run), .stopping(let run):
            status.state = ContainerState(running: ContainerStateRunning(startedAt: Timestamp.format(run.startedAt)))
            status.ready = run.ready
            status.started = run.started
            status.containerID = Self.containerID(run.id)
        case .exited(let termination):
            status.state = ContainerState(terminated: termination.apiValue)
            status.ready = role == .initContainer && termination.exitCode == 0
            status.containerID = Self.containerID(termination.containerID)
        case .crashLoopBackOff(let termination, _, let message):
            status.state = ContainerState(waiting: ContainerStateWaiting(reason: "CrashLoopBackOff", message: message))
            status.containerID = Self.containerID(termination.containerID)
        }
        return status
    }

    /// `emulated://<id>`.
    static func containerID(_ id: String) -> String { "emulated://" + id }
}

extension ContainerStateMachine.Termination {
    /// The API form (`state.terminated` / `lastState.terminated`).
    var apiValue: ContainerStateTerminated {
        ContainerStateTerminated(
            exitCode: exitCode, reason: reason, message: message,
            startedAt: startedAt.map(Timestamp.format) ?? "1970-01-01T00:00:00Z",
            finishedAt: Timestamp.format(finishedAt), containerID: ContainerStateMachine.containerID(containerID))
    }
}
