import Foundation
import KubeAPI
import Wire

/// What `kctl cluster create` was asked for.
struct CreateRequest: Sendable {
    var name: String
    var nodes: Int
    var runtime: RuntimeKind
    var timing: ClusterTiming
    /// How long to wait for every node to be Ready.
    var wait: Duration
    /// `--kubeconfig`.
    var kubeconfig: String?
}

extension ClusterOperations {
    /// Creates a cluster: control plane, `request.nodes` nodes, waits until all are Ready, then writes the
    /// `kcluster-NAME` context into kctl's and kubectl's kubeconfigs (``contextFiles(explicit:)``) and makes it
    /// current, as kind does, so that `kubectl get nodes` works right after. Shows its steps through `printer` and `write`.
    ///
    /// Nothing is changed when the request is invalid or the name is taken; when a later step fails, everything
    /// started is stopped and the state directory removed.
    func create(_ request: CreateRequest, printer: StepPrinter, write: @Sendable (String) -> Void) async throws
        -> ClusterState
    {
        try ClusterArguments.validateClusterName(request.name)
        try ClusterArguments.validateNodeCount(request.nodes)
        try ClusterArguments.validateTiming(request.timing)
        let runtime = try self.runtime(request.runtime)
        let kubeconfigs = contextFiles(explicit: request.kubeconfig)
        let kubeconfig = kubeconfigs[0]
        // An unreadable kubeconfig fails before any change.
        for file in kubeconfigs { _ = try KubeconfigLoader.loadIfPresent(from: file) }
        defer { store.removeLock(request.name) }  // only when the cluster does not exist (a failed create)
        return try await store.withLock(request.name) {
            guard !store.exists(request.name) else { throw ClusterError.alreadyExists(request.name) }
            try store.remove(request.name)  // leftovers of a create that was interrupted before its first save
            // Not one of this user's clusters' subnets, nor one where something on the machine already listens.
            let taken = Set(store.all().map(\.subnet)).union(subnetsInUse())
            guard let subnet = NodeAddressing.freeSubnet(taken: taken) else {
                throw ClusterError.invalidArgument("no loopback subnet left: delete a cluster first")
            }
            var state = ClusterState(
                name: request.name, runtime: request.runtime, createdAt: Timestamp.format(Date()),
                timing: request.timing, subnet: subnet, kubeconfigPath: kubeconfig.path)
            state.nodes = (0..<request.nodes).map { offset in
                let index = offset + 1
                return NodeRecord(
                    name: NodeAddressing.name(index: index), index: index,
                    ip: NodeAddressing.ip(subnet: subnet, index: index))
            }
            write(printer.header(cluster: request.name))
            do {
                try store.save(state)
                try await build(
                    &state, request: request, runtime: runtime, kubeconfigs: kubeconfigs,
                    printer: printer, write: write)
                return state
            } catch {
                try? await runtime.deleteCluster(state)
                try? store.remove(request.name)
                throw error
            }
        }
    }

    private func build(
        _ state: inout ClusterState, request: CreateRequest, runtime: any ClusterRuntime, kubeconfigs: [URL],
        printer: StepPrinter, write: @Sendable (String) -> Void
    ) async throws {
        func step(_ name: String, _ body: () async throws -> Void) async throws {
            write(printer.started(name))
            do {
                try await body()
                write(printer.finished(name, success: true))
            } catch {
                write(printer.finished(name, success: false))
                throw error
            }
        }
        try await step(StepPrinter.startingControlPlane) {
            try await runtime.createControlPlane(&state)
            try store.save(state)
        }
        let names = state.nodes.map(\.name)
        let access = try runtime.adminAccess(state)
        if !names.isEmpty {
            try await step(StepPrinter.joiningNodes(names.count)) {
                defer { try? store.save(state) }
                for name in names { try await runtime.startNode(name, in: &state) }
            }
            let snapshot = state
            try await step(StepPrinter.waitingForReady) {
                try await ReadinessWaiter.waitForReady(names, access: access, within: request.wait) {
                    try runtime.checkAlive(snapshot, nodes: names)
                }
            }
        }
        for file in kubeconfigs { try writeContext(of: state, access: access, to: file) }
        try store.save(state)
    }
}
