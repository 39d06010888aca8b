import ArgumentParser
import KubeAPI
import Wire

/// `kctl cluster list [-o name]`: the local clusters as a table (see ``ClusterListTable``), or their names.
struct ClusterList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List local clusters: runtime, nodes and their states, server address, and which is current.",
        discussion: """
            A node is Ready when its daemon runs with its network up; the other states are those the fault verbs \
            leave (paused, partitioned, killed, stopped), and exited for a daemon that ended by itself. CURRENT \
            marks the cluster whose context is the kubeconfig's current context.
            """)

    @OptionGroup var file: KubeconfigFileOption

    @Option(name: [.short, .customLong("output")], help: "Output format: name (names only, one per line).")
    var output: String?

    func run() async throws {
        try await ClusterCommandRunner.run {
            let format = output ?? ""
            guard format.isEmpty || format == "name" else {
                throw MessageError(
                    "unable to match a printer suitable for the output format \"\(format)\", allowed formats are: name")
            }
            let operations = ClusterOperations.current()
            var clusters = operations.store.all()
            guard !clusters.isEmpty else {
                ErrorReporting.printError("No clusters found.")
                return
            }
            if format == "name" {
                ClusterCommandRunner.write(ClusterListTable.names(clusters))
                return
            }
            for index in clusters.indices {
                try? operations.runtime(clusters[index].runtime).refresh(&clusters[index])
            }
            let current = (try? file.file().load().currentContext) ?? ""
            ClusterCommandRunner.write(ClusterListTable.render(clusters, currentContext: current))
        }
    }
}
