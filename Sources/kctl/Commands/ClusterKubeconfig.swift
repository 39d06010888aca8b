import ArgumentParser
import Wire

/// `kctl cluster kubeconfig [NAME]`: prints a standalone kubeconfig for the cluster (its context, cluster and admin
/// user, current), as `kind get kubeconfig` does, for tools or machines that should not share the merged file:
/// `kctl cluster kubeconfig demo > demo.yaml; KUBECONFIG=demo.yaml kubectl get nodes`.
struct ClusterKubeconfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeconfig",
        abstract: "Print a standalone kubeconfig for a local cluster (its context made current).")

    @Argument(help: "The cluster's name.", completion: CompletionCandidates.clusters)
    var name: String = ClusterContext.defaultClusterName

    func run() async throws {
        try await ClusterCommandRunner.run {
            let operations = ClusterOperations.current()
            guard operations.store.exists(name) else { throw ClusterError.notFound(name) }
            let state = try operations.store.load(name)
            let access = try operations.runtime(state.runtime).adminAccess(state)
            let standalone = ClusterContext.merged(Kubeconfig(), cluster: name, access: access)
            ClusterCommandRunner.write(try standalone.yamlString())
        }
    }
}
