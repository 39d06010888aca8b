import KubeAPI
import Synchronization
import Wire

/// A small wire service for the typed-client tests: Pods in memory (create, get, list, update, merge patch, delete,
/// binding), every request recorded, and watches that send the stored pods then fail with Gone, as a watcher
/// that fell behind is ended (or, with the label selector `hold`, stay open until the client cancels them).
final class PodStoreService: WireService {
    private struct State {
        var pods: [String: JSONValue] = [:]
        var version: Int64 = 0
        var requests: [Request] = []
    }

    private let state = Mutex(State())
    private let ended = Mutex(0)

    /// How many watches have ended on the server.
    var watchesEnded: Int { ended.withLock { $0 } }

    /// Every request the service received, in order.
    var requests: [Request] { state.withLock { $0.requests } }

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        try state.withLock { state in
            state.requests.append(request)
            guard request.kind == ResourceKind.pod.kind else { throw Status.notFound(.node, name: request.name ?? "") }
            let namespace = request.namespace ?? request.object?[path: ["metadata", "namespace"]]?.stringValue
                ?? "default"
            let name = request.name ?? request.object?[path: ["metadata", "name"]]?.stringValue ?? ""
            let key = "\(namespace)/\(name)"
            switch request.verb {
            case .get:
                guard let pod = state.pods[key] else { throw Status.notFound(.pod, name: name) }
                return pod
            case .list:
                let items = state.pods.keys.sorted().filter { request.namespace == nil || $0.hasPrefix("\(namespace)/") }
                    .compactMap { state.pods[$0] }
                return [
                    "apiVersion": "v1", "kind": "PodList",
                    "metadata": ["resourceVersion": .string(String(state.version))], "items": .array(items),
                ]
            case .create where request.subresource == "binding":
                guard var pod = state.pods[key] else { throw Status.notFound(.pod, name: name) }
                pod[path: ["spec", "nodeName"]] = request.object?[path: ["target", "name"]]
                return Self.store(pod, at: key, in: &state)
            case .create:
                guard state.pods[key] == nil else { throw Status.alreadyExists(.pod, name: name) }
                var pod = request.object ?? [:]
                pod[path: ["metadata", "namespace"]] = .string(namespace)
                return request.dryRun == true ? pod : Self.store(pod, at: key, in: &state)
            case .update:
                guard let stored = state.pods[key] else { throw Status.notFound(.pod, name: name) }
                var pod = request.object ?? [:]
                if request.subresource == "status" {
                    pod = stored
                    pod["status"] = request.object?["status"]
                }
                return Self.store(pod, at: key, in: &state)
            case .patch:
                guard let stored = state.pods[key] else { throw Status.notFound(.pod, name: name) }
                let pod = JSONMergePatch.apply(request.patch ?? [:], to: stored)
                return request.dryRun == true ? pod : Self.store(pod, at: key, in: &state)
            case .delete:
                guard let pod = state.pods.removeValue(forKey: key) else { throw Status.notFound(.pod, name: name) }
                return pod
            case .watch:
                throw Status.badRequest("watch is not a request")
            }
        }
    }

    func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void)
        async throws
    {
        let (pods, version) = state.withLock { state in
            state.requests.append(request)
            return (state.pods.keys.sorted().compactMap { state.pods[$0] }, state.version)
        }
        defer { ended.withLock { $0 += 1 } }
        for pod in pods { await send(WatchEvent(type: .added, object: pod)) }
        if request.labelSelector == "hold" {
            while true { try await Task.sleep(for: .seconds(60)) }
        }
        await send(WatchEvent(type: .bookmark, object: ["metadata": ["resourceVersion": .string(String(version))]]))
        throw Status.gone("too old resource version: \(request.resourceVersion ?? "0") (\(version))")
    }

    /// Stores `pod` under the next resourceVersion and returns it as stored.
    private static func store(_ pod: JSONValue, at key: String, in state: inout State) -> JSONValue {
        state.version += 1
        var stored = pod
        stored[path: ["metadata", "resourceVersion"]] = .string(String(state.version))
        state.pods[key] = stored
        return stored
    }
}
