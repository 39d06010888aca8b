import Foundation
import KubeAPI
import Wire

/// Finds the pod `kctl logs` or `kctl exec` talks to: the named pod, or for `TYPE/NAME` the first of the pods its
/// selector matches (waiting up to `--pod-running-timeout` for one to exist), as kubectl does.
enum PodResolver {
    /// The pod, and kubectl's stderr line when it was picked among several.
    static func resolve(
        _ target: String, client: APIClient, ranking: PodSelection.Ranking, timeout: Duration
    ) async throws -> (pod: Pod, notice: String?) {
        let (kind, name) = try PodSelection.target(target)
        let namespace = client.defaultNamespace
        guard let object = try await client.get(kind, namespace: namespace, name: name) else {
            throw Status.notFound(kind, name: name)
        }
        if kind == .pod { return (try object.decode(as: Pod.self), nil) }
        let selector = try PodSelection.selector(of: object, kind: kind)
        let listed = try await client.list(.pod, namespace: namespace, labelSelector: selector)
        let pods = try (listed?["items"]?.arrayValue ?? []).map { try $0.decode(as: Pod.self) }
        if let first = PodSelection.first(of: pods, ranking: ranking) { return first }
        let version = listed?[path: ["metadata", "resourceVersion"]]?.stringValue
        var watch = APIRequests.watch(
            .pod, namespace: namespace, options: ListOptions(labelSelector: selector, resourceVersion: version))
        // The server ends the watch at the deadline (the typed watch has no server-side timeout).
        watch.timeoutSeconds = DurationText.seconds(timeout)
        for try await event in client.wire.watch(watch) where event.type == .added {
            return (try event.object.decode(as: Pod.self), nil)
        }
        throw LogsExecError("timed out waiting for the condition")
    }
}
