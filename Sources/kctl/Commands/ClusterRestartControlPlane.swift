import ArgumentParser

/// `kctl cluster restart-control-plane [--kill]`: stops the control plane (SIGTERM, or SIGKILL) and starts it again
/// on the same data and port; nodes reconnect by themselves.
struct ClusterRestartControlPlane: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart-control-plane",
        abstract: "Restart a local cluster's control plane on the same data and port.")

    @OptionGroup var selection: ClusterSelection

    @Flag(help: "Stop it with SIGKILL instead of a graceful SIGTERM.")
    var kill = false

    func run() async throws {
        try await ClusterCommandRunner.run {
            let operations = ClusterOperations.current()
            let cluster = try selection.resolve(operations)
            try await operations.restartControlPlane(cluster: cluster, kill: kill)
            ClusterCommandRunner.write("control plane of cluster \"\(cluster)\" restarted\n")
        }
    }
}
