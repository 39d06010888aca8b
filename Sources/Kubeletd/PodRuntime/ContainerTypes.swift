import Foundation
import KubeAPI
import Wire

/// The role of a container in its pod.
enum ContainerRole: String, Sendable, Hashable {
    /// `spec.containers[]`.
    case app
    /// `spec.initContainers[]`: runs to completion, in order, before the app containers.
    case initContainer
    /// An init container with `restartPolicy: Always`: started in order, then kept running like an app container.
    case sidecar
}

/// What the runtime must do for a container.
enum ContainerStep: Sendable, Hashable {
    /// Start run `runID` of the container; `attempt` counts from 0 and names the log file.
    case start(runID: String, attempt: Int)
    /// Stop run `runID`: SIGTERM, then SIGKILL after `grace` seconds.
    case stop(runID: String, grace: TimeInterval)
    /// Run probe `kind` of run `runID` (its result goes to ``ContainerStateMachine/probed(runID:kind:success:output:now:grace:)``).
    case probe(runID: String, kind: ProbeKind, action: ProbeSpec.Action, timeout: TimeInterval)
}

/// How a run ended, as a driver reports it.
struct ContainerExit: Sendable, Hashable {
    /// The exit code; 128 + n for a process killed by signal n (137 for SIGKILL, 143 for SIGTERM).
    var exitCode: Int32
    /// Why the run could not start (`exec: "x": executable file not found in $PATH`); exit code 128.
    var startFailure: String?

    /// A process that exited with `code`.
    static func exited(_ code: Int32) -> ContainerExit { ContainerExit(exitCode: code) }
    /// A process killed by `signal`.
    static func signaled(_ signal: Int32) -> ContainerExit { ContainerExit(exitCode: 128 + signal) }
    /// A run that never started.
    static func failedToStart(_ message: String) -> ContainerExit {
        ContainerExit(exitCode: 128, startFailure: message)
    }
}

/// The pod a container belongs to, for IDs and messages.
struct PodIdentity: Sendable, Hashable {
    var namespace: String
    var name: String
    var uid: String

    /// `namespace/name`.
    var key: String { NamespacedKey.make(namespace: namespace, name: name) }
}

/// The images pulled on this node.
struct ImageCache: Sendable, Hashable {
    private(set) var images: Set<String> = []

    /// Whether `image` was pulled before.
    func contains(_ image: String) -> Bool { images.contains(ImagePullRule.normalizedName(image)) }
    /// Records a pulled image.
    mutating func insert(_ image: String) { images.insert(ImagePullRule.normalizedName(image)) }
}

/// The emulated readiness probe: no probing; a declared probe succeeds after its `initialDelaySeconds`.
enum ReadinessProbe {
    /// `nil` without a readiness probe, else its `initialDelaySeconds` (0 when absent).
    static func initialDelay(of container: Container) -> TimeInterval? {
        guard let probe = container.readinessProbe, !probe.isNull else { return nil }
        return TimeInterval(max(0, probe["initialDelaySeconds"]?.intValue ?? 0))
    }
}
