import KubeAPI
import Wire

/// Keeps a ``ChaosMonitor`` fed: lists then watches nodes, pods and DaemonSets, writes a probe object every
/// ``probeInterval`` and lists them back every ``probeListInterval`` (and at once after every reconnection). When
/// the connection drops or a watch ends (a control-plane restart) it marks the view stale, reconnects and
/// relists. ``run()`` returns when its task is cancelled.
struct ChaosObserver: Sendable {
    static let probeInterval: Duration = .milliseconds(200)
    static let probeListInterval: Duration = .seconds(1)
    static let reconnectDelay: Duration = .milliseconds(100)
    static let requestTimeout: Duration = .seconds(5)

    let access: ClusterAccess
    let probes: ChaosProbes
    let monitor: ChaosMonitor

    /// Observes until cancelled.
    func run() async {
        while !Task.isCancelled {
            do {
                try await ChaosAPI.withConnection(access) { client in try await session(client) }
                await monitor.lost(nil)
            } catch {
                await monitor.lost(error)
            }
            try? await Task.sleep(for: Self.reconnectDelay)
        }
    }

    // MARK: - Internals

    /// One connection's worth: relist, then watch, probe and list probes until something ends.
    private func session(_ client: WireClusterClient) async throws {
        try await ChaosAPI.ensureNamespace(probes, client)
        var lists: [(ResourceKind, JSONValue?)] = []
        for kind in ClusterView.kinds {
            lists.append((kind, try await client.listObjects(kind, namespace: nil)))
        }
        let versions = try await monitor.relisted(lists)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for kind in ClusterView.kinds {
                group.addTask { try await watch(client, kind, from: versions[kind]) }
            }
            group.addTask { try await writeProbes(client) }
            group.addTask { try await listProbes(client) }
            // The first child to end (a watch the server closed) or fail ends the session.
            try await group.next()
            group.cancelAll()
        }
    }

    private func watch(_ client: WireClusterClient, _ kind: ResourceKind, from version: String?) async throws {
        let after = ListOptions(resourceVersion: version)
        for try await event in client.watchObjects(kind, namespace: nil, options: after) {
            try await monitor.apply(kind, event)
        }
    }

    private func writeProbes(_ client: WireClusterClient) async throws {
        while !Task.isCancelled {
            let number = await monitor.takeProbeNumber()
            let probe = try probes.object(number)
            do {
                _ = try await client.createObject(.controllerRevision, probe, namespace: probes.namespace)
                await monitor.acknowledge(probes.key(number))
            } catch is Status {
                await monitor.createNotAcknowledged()
            } catch {
                await monitor.createNotAcknowledged()
                throw error
            }
            try await Task.sleep(for: Self.probeInterval)
        }
    }

    private func listProbes(_ client: WireClusterClient) async throws {
        while !Task.isCancelled {
            // Only creates acknowledged before the list is sent must be in it (the writer keeps writing).
            let mark = await monitor.probeMark()
            let present = try await ChaosAPI.listProbes(probes, client)
            await monitor.observed(at: mark, present: present)
            try await Task.sleep(for: Self.probeListInterval)
        }
    }
}

/// The API calls of a chaos run, over connections made as the cluster's admin.
enum ChaosAPI {
    /// Connects to the cluster's control plane (failing fast while it is down) and runs `body` with a client
    /// whose calls may take ``ChaosObserver/requestTimeout`` each.
    static func withConnection<R: Sendable>(
        _ access: ClusterAccess, _ body: @Sendable (WireClusterClient) async throws -> R
    ) async throws -> R {
        try await ControlPlaneEndpoint(access, connectTimeout: .seconds(1)).withConnection { connection in
            try await body(WireClusterClient(connection, timeout: ChaosObserver.requestTimeout))
        }
    }

    /// Creates the run's namespace unless it exists.
    static func ensureNamespace(_ probes: ChaosProbes, _ client: WireClusterClient) async throws {
        do {
            _ = try await client.createObject(.namespace, try probes.namespaceObject(), namespace: nil)
        } catch let status as Status where status.reason == .alreadyExists {
            return
        }
    }

    /// `namespace/name` of the run's probe objects the server has.
    static func listProbes(_ probes: ChaosProbes, _ client: WireClusterClient) async throws -> Set<String> {
        let options = ListOptions(labelSelector: probes.selector)
        return ChaosProbes.keys(
            try await client.listObjects(.controllerRevision, namespace: probes.namespace, options: options))
    }

    /// Deletes the run's namespace, and with it the probe objects.
    static func deleteNamespace(_ probes: ChaosProbes, _ client: WireClusterClient) async throws {
        try await client.deleteObject(.namespace, namespace: nil, name: probes.namespace)
    }
}
