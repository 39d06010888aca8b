import Foundation
import KubeAPI
import Wire

/// An Event the kubelet records about one of a pod's containers (involvedObject field path
/// `spec.containers{name}`), as a value; the runtime stamps it with the time it takes it, and the agent turns it
/// into a core/v1 Event.
struct ContainerEvent: Sendable, Hashable {
    /// `Normal` or `Warning`.
    var type: String
    /// `Pulling`, `Pulled`, `Created`, `Started`, `Killing`, `BackOff`, `Failed`, ...
    var reason: String
    var message: String
}

/// A ``ContainerEvent`` with the pod and container it is about, as the runtime reports it.
struct PodEventRecord: Sendable, Hashable {
    var pod: PodIdentity
    /// `spec.containers{filebeat}` or `spec.initContainers{init}`.
    var fieldPath: String
    var event: ContainerEvent
    /// When the runtime took it.
    var time: Date

    /// `spec.containers{name}` for app containers, `spec.initContainers{name}` for init and sidecar containers.
    static func fieldPath(container: String, role: ContainerRole) -> String {
        role == .app ? "spec.containers{\(container)}" : "spec.initContainers{\(container)}"
    }
}

/// The kubelet's event reasons and message texts (`pkg/kubelet/events`, `images/image_manager.go`,
/// `kuberuntime/kuberuntime_container.go`), Kubernetes 1.32. Pure.
enum KubeletEventText {
    /// Normal `Pulling`: `Pulling image "nginx:1.14"`.
    static func pulling(image: String) -> ContainerEvent {
        ContainerEvent(type: "Normal", reason: "Pulling", message: "Pulling image \(GoQuote.quote(image))")
    }

    /// Normal `Pulled` after a pull: `Successfully pulled image "nginx:1.14" in 1.2s (1.2s including waiting).
    /// Image size: 67000000 bytes.`
    static func pulled(image: String, pullSeconds: TimeInterval, waitSeconds: TimeInterval)
        -> ContainerEvent
    {
        let message =
            "Successfully pulled image \(GoQuote.quote(image)) in \(GoDurationText.format(seconds: pullSeconds)) "
            + "(\(GoDurationText.format(seconds: waitSeconds)) including waiting). "
            + "Image size: \(ImagePullRule.imageSize(for: image)) bytes."
        return ContainerEvent(type: "Normal", reason: "Pulled", message: message)
    }

    /// Normal `Pulled` without a pull: `Container image "nginx:1.14" already present on machine`.
    static func alreadyPresent(image: String) -> ContainerEvent {
        ContainerEvent(
            type: "Normal", reason: "Pulled",
            message: "Container image \(GoQuote.quote(image)) already present on machine")
    }

    /// Normal `Created`: `Created container: web`.
    static func created(container: String) -> ContainerEvent {
        ContainerEvent(type: "Normal", reason: "Created", message: "Created container: \(container)")
    }

    /// Normal `Started`: `Started container web`.
    static func started(container: String) -> ContainerEvent {
        ContainerEvent(type: "Normal", reason: "Started", message: "Started container \(container)")
    }

    /// Normal `Simulated` (the emulator's own): `Container web is simulated: image "x" is not in the runtime's
    /// catalogue: ...` (``ContainerProgram``).
    static func simulated(container: String, reason: String) -> ContainerEvent {
        ContainerEvent(type: "Normal", reason: "Simulated", message: "Container \(container) is simulated: \(reason)")
    }

    /// Normal `Killing`: `Stopping container web`, `Container web definition changed, will be restarted`, or
    /// `Container web failed liveness probe, will be restarted`.
    static func killing(
        container: String, definitionChanged: Bool = false, failedProbe: ProbeKind? = nil
    ) -> ContainerEvent {
        var message =
            definitionChanged
            ? "Container \(container) definition changed, will be restarted" : "Stopping container \(container)"
        if let failedProbe { message = "Container \(container) failed \(failedProbe.rawValue) probe, will be restarted" }
        return ContainerEvent(type: "Normal", reason: "Killing", message: message)
    }

    /// Warning `Unhealthy`: `Liveness probe failed: HTTP probe failed with statuscode: 500`.
    static func unhealthy(kind: ProbeKind, output: String) -> ContainerEvent {
        ContainerEvent(type: "Warning", reason: "Unhealthy", message: "\(kind.title) probe failed: \(output)")
    }

    /// Warning `Failed` for a failed pull (`Failed to pull image "x": <error>`) followed by `Error: <reason>`.
    static func pullFailed(image: String, failure: ImagePullFailure) -> [ContainerEvent] {
        var events: [ContainerEvent] = []
        switch failure.reason {
        case "InvalidImageName":
            events.append(ContainerEvent(type: "Warning", reason: "InspectFailed", message: failure.message))
        case "ErrImageNeverPull":
            events.append(
                ContainerEvent(type: "Warning", reason: "ErrImageNeverPull", message: failure.message))
        default:
            events.append(
                ContainerEvent(
                    type: "Warning", reason: "Failed",
                    message: "Failed to pull image \(GoQuote.quote(image)): \(failure.message)"))
        }
        events.append(failed(reason: failure.reason))
        return events
    }

    /// Normal `BackOff` and Warning `Failed` while the pull backs off.
    static func pullBackOff(image: String) -> [ContainerEvent] {
        [
            ContainerEvent(
                type: "Normal", reason: "BackOff", message: "Back-off pulling image \(GoQuote.quote(image))"),
            failed(reason: "ImagePullBackOff"),
        ]
    }

    /// Warning `BackOff`: `Back-off restarting failed container web in pod web-0_default(<uid>)`.
    static func crashLoopBackOff(container: String, pod: PodIdentity) -> ContainerEvent {
        ContainerEvent(
            type: "Warning", reason: "BackOff",
            message: "Back-off restarting failed container \(container) in pod "
                + "\(pod.name)_\(pod.namespace)(\(pod.uid))")
    }

    /// Warning `Failed`: `Error: ErrImagePull`.
    static func failed(reason: String) -> ContainerEvent {
        ContainerEvent(type: "Warning", reason: "Failed", message: "Error: \(reason)")
    }
}
