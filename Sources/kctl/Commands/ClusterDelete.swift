import ArgumentParser

/// `kctl cluster delete [NAME]`: stops the cluster's nodes and control plane, removes its state and its context.
/// When its context was current, another local cluster's becomes current (and it says so), or it says that none is.
struct ClusterDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a local cluster: its processes, its state and its context.")

    @OptionGroup var file: KubeconfigFileOption

    @Argument(help: "The cluster's name.", completion: CompletionCandidates.clusters)
    var name: String = ClusterContext.defaultClusterName

    func run() async throws {
        try await ClusterCommandRunner.run {
            ErrorReporting.printError("Deleting cluster \"\(name)\" ...")
            let change = try await ClusterOperations.current().delete(name, kubeconfig: file.kubeconfig)
            if let notice = change.notice { ErrorReporting.printError(notice) }
        }
    }
}
