import Foundation
import KubeAPI
import Wire

/// What `kctl cluster add-node` was asked for.
struct AddNodeRequest: Sendable {
    var cluster: String
    var name: String?
    var labels: String
    var taints: String
    /// How long to wait for the node to be Ready (zero: do not wait).
    var wait: Duration
}

extension ClusterOperations {
    /// Applies a fault or lifecycle verb to one node; `start` then waits up to `wait` for it to be Ready.
    ///
    /// - Throws: ``ClusterError/notFound(_:)``, ``ClusterError/nodeNotFound(node:cluster:)``, or
    ///   ``ClusterError/invalidTransition(_:)`` when the verb does not apply to the node's state; nothing is
    ///   changed then.
    func apply(_ verb: NodeVerb, node name: String, cluster: String, wait: Duration = .zero) async throws {
        let (state, runtime) = try await withState(cluster) { state, runtime in
            try verb.check(try state.node(name))
            switch verb {
            case .kill: try await runtime.killNode(name, in: &state)
            case .stop: try await runtime.stopNode(name, in: &state)
            case .start: try await runtime.startNode(name, in: &state)
            case .pause: try await runtime.pauseNode(name, in: &state)
            case .unpause: try await runtime.unpauseNode(name, in: &state)
            case .partition: try await runtime.partitionNode(name, in: &state)
            case .heal: try await runtime.healNode(name, in: &state)
            }
        }
        if verb == .start { try await waitForReady([name], state: state, runtime: runtime, within: wait) }
    }

    /// Adds a node with the next free index (and `n<index>` unless named), joins it with the cluster's token, and
    /// waits up to `request.wait` for it to be Ready. Returns the node's name.
    func addNode(_ request: AddNodeRequest) async throws -> String {
        if let name = request.name { try ClusterArguments.validateNodeName(name) }
        try ClusterArguments.validateLabels(request.labels)
        try ClusterArguments.validateTaints(request.taints)
        var added = ""
        let (state, runtime) = try await withState(request.cluster) { state, runtime in
            let (index, name) = try NodeAddressing.nextNode(in: state, name: request.name)
            state.nodes.append(
                NodeRecord(
                    name: name, index: index, ip: NodeAddressing.ip(subnet: state.subnet, index: index),
                    labels: request.labels, taints: request.taints))
            do {
                try await runtime.startNode(name, in: &state)
            } catch {
                state.nodes.removeAll { $0.name == name }
                throw error
            }
            added = name
        }
        try await waitForReady([added], state: state, runtime: runtime, within: request.wait)
        return added
    }

    /// Restarts the control plane on the same data directory and ports.
    func restartControlPlane(cluster: String, kill: Bool) async throws {
        _ = try await withState(cluster) { state, runtime in
            try await runtime.restartControlPlane(kill: kill, in: &state)
        }
    }

    // MARK: - Internals

    /// Loads the cluster under its lock, refreshes process states, runs `body`, and saves what it recorded (also
    /// when it throws, so started processes are never forgotten).
    private func withState(
        _ cluster: String, _ body: (inout ClusterState, any ClusterRuntime) async throws -> Void
    ) async throws -> (ClusterState, any ClusterRuntime) {
        guard store.exists(cluster) else { throw ClusterError.notFound(cluster) }
        return try await store.withLock(cluster) {
            var state = try store.load(cluster)
            let runtime = try self.runtime(state.runtime)
            runtime.refresh(&state)
            do {
                try await body(&state, runtime)
            } catch {
                try? store.save(state)
                throw error
            }
            try store.save(state)
            return (state, runtime)
        }
    }

    private func waitForReady(
        _ names: [String], state: ClusterState, runtime: any ClusterRuntime, within timeout: Duration
    ) async throws {
        guard timeout > .zero else { return }
        try await ReadinessWaiter.waitForReady(names, access: try runtime.adminAccess(state), within: timeout) {
            try runtime.checkAlive(state, nodes: names)
        }
    }
}
