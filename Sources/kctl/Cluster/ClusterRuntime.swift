import Foundation

/// What runs a local cluster's daemons: processes on this host (``ProcessRuntime``) or containers (the docker
/// runtime). `kctl cluster` commands do the bookkeeping (names, indexes, `cluster.json`, the kubeconfig, waiting
/// for Ready) and call a runtime for everything that touches processes, containers or the network.
///
/// Operations take the cluster's state `inout`: a runtime records what it started (pids, ports, container ids in
/// the records' `runtimeData`) and the caller saves it, also when the operation throws. An operation that throws
/// must leave nothing running that it started and did not record.
protocol ClusterRuntime: Sendable {
    /// Which runtime this is.
    var kind: RuntimeKind { get }

    /// Starts the control plane of a new cluster and waits until it listens; records its address, ports and
    /// handle in `state.controlPlane`.
    func createControlPlane(_ state: inout ClusterState) async throws

    /// The admin credentials and the API address as reachable from this host (once the control plane has run).
    func adminAccess(_ state: ClusterState) throws -> ClusterAccess

    /// Starts node `name` (already in `state.nodes`): the first time it joins with the cluster's bootstrap token;
    /// later it reuses its credentials. Does not wait for Ready. Records its handle and `running`.
    func startNode(_ name: String, in state: inout ClusterState) async throws

    /// SIGKILL: the node goes silent at once (NotReady after the grace period, removed after the leave timeout).
    func killNode(_ name: String, in state: inout ClusterState) async throws

    /// SIGTERM and wait for the node to exit: a graceful leave (it deletes its Node).
    func stopNode(_ name: String, in state: inout ClusterState) async throws

    /// SIGSTOP: heartbeats stop while its connections stay open.
    func pauseNode(_ name: String, in state: inout ClusterState) async throws

    /// SIGCONT after ``pauseNode(_:in:)``.
    func unpauseNode(_ name: String, in state: inout ClusterState) async throws

    /// Cuts the node's network (its process keeps running).
    func partitionNode(_ name: String, in state: inout ClusterState) async throws

    /// Restores the node's network after ``partitionNode(_:in:)``.
    func healNode(_ name: String, in state: inout ClusterState) async throws

    /// Stops the control plane (SIGTERM, or SIGKILL when `kill`) and starts it again on the same data and the same
    /// ports; returns once it listens.
    func restartControlPlane(kill: Bool, in state: inout ClusterState) async throws

    /// Stops every node (gracefully, then forcibly after a grace period) and the control plane, undoes network
    /// changes, and releases everything the runtime created. Does not remove kctl's state directory.
    func deleteCluster(_ state: ClusterState) async throws

    /// Brings recorded states up to date with reality: nodes recorded as running whose process or container has
    /// ended become `exited`; a control plane that ended is marked not running.
    func refresh(_ state: inout ClusterState)

    /// Throws ``ClusterError/processFailed(_:)`` naming the first of `nodes` (or the control plane) whose process
    /// has ended, with where to look; used while waiting for Ready so a crash fails fast.
    func checkAlive(_ state: ClusterState, nodes: [String]) throws
}

/// Chooses the runtime for a cluster: the one switch over ``RuntimeKind``.
enum ClusterRuntimes {
    /// The runtime of `kind`, with state under `paths`.
    ///
    /// - Throws: ``ClusterError/runtimeUnavailable(_:)`` for a runtime this build cannot use.
    static func make(_ kind: RuntimeKind, paths: ClusterPaths) throws(ClusterError) -> any ClusterRuntime {
        switch kind {
        case .process:
            return ProcessRuntime(paths: paths, binaries: .current())
        case .docker:
            return DockerRuntime(paths: paths, binaries: .current())
        }
    }
}
