import ArgumentParser
import Foundation

/// `kctl cluster`: local multi-node clusters in one command, as processes (or containers), with fault injection,
/// like kind and k3d.
struct ClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Create, delete and break local clusters (a control plane and N nodes on this machine).",
        subcommands: [
            ClusterCreate.self, ClusterDelete.self, ClusterList.self, ClusterKubeconfig.self, ClusterAddNode.self, ClusterKillNode.self,
            ClusterStopNode.self, ClusterStartNode.self, ClusterPauseNode.self, ClusterUnpauseNode.self,
            ClusterPartitionNode.self, ClusterHealNode.self, ClusterRestartControlPlane.self, ClusterChaos.self,
            DockerBuildImageCommand.self,
        ])
}

/// `--cluster NAME` for commands on an existing cluster, with `--kubeconfig` and `--context`, which choose the
/// default cluster (the context's, when it is a local cluster's). The other global flags mean nothing here.
struct ClusterSelection: ParsableArguments {
    @OptionGroup var file: KubeconfigFileOption

    @Option(
        help: ArgumentHelp("The context whose cluster to use (default: the current context).", valueName: "name"),
        completion: CompletionCandidates.contexts)
    var context: String?

    @Option(
        help: "The cluster (default: the current context's cluster if it is a local one, else kcluster).",
        completion: CompletionCandidates.clusters)
    var cluster: String?

    /// The chosen cluster's name.
    ///
    /// - Throws: ``ClusterNotFound`` saying which cluster was looked for and how it was chosen.
    func resolve(_ operations: ClusterOperations) throws -> String {
        try operations.selectCluster(explicit: cluster, kubeconfig: file.kubeconfig, context: context)
    }
}

/// Runs a cluster command body, printing failures kubectl-style (`error: ...`) and exiting 1.
enum ClusterCommandRunner {
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }

    /// Writes text to standard output at once (unbuffered, for progress lines).
    @Sendable static func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Parses a `--wait`-style duration flag.
    static func duration(_ text: String, flag: String) throws -> Duration {
        try ClusterArguments.duration(text, flag: flag)
    }
}
