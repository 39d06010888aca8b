import ArgumentParser

/// `kctl cluster delete [NAME]`: stops the cluster's nodes and control plane, removes its state and its context.
struct ClusterDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a local cluster: its processes, its state and its context.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The cluster's name.")
    var name: String = ClusterContext.defaultClusterName

    func run() async throws {
        try await ClusterCommandRunner.run {
            ErrorReporting.printError("Deleting cluster \"\(name)\" ...")
            try await ClusterOperations.current().delete(name, kubeconfig: global.kubeconfig)
        }
    }
}
