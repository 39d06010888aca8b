import Foundation
import KubeAPI
import Wire

extension PodRuntime {
    /// The standard streams of a running container's current run (for `pods/attach`): `container` when it is one
    /// of the pod's containers, else its only one. For a `stdinOnce` container that is not running, its last run's
    /// (which serve only a first session; see ``ContainerStreams``).
    ///
    /// - Throws: ``PodRuntimeError/containerNotRunning(container:)`` (the kubelet's `container not found ("x")`)
    ///   when the container has no live run, and the pod and container errors of ``execContext(namespace:name:container:)``.
    func attachStreams(namespace: String, name: String, container: String? = nil) throws -> ContainerStreams {
        let chosen = try processContext(namespace: namespace, name: name, container: container).container
        if let runID = podLifecycle(namespace: namespace, name: name)?
            .containers.first(where: { $0.name == chosen })?.activeRun?.id,
            let streams = streams(ofRun: runID)
        {
            return streams
        }
        // A stdinOnce container's run that ended before anyone attached still has its output for a first session.
        guard let ended = endedStreams(namespace: namespace, name: name, container: chosen) else {
            throw PodRuntimeError.containerNotRunning(container: chosen)
        }
        return ended
    }
}
