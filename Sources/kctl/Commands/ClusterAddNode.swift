import ArgumentParser

/// `kctl cluster add-node [--cluster NAME] [--name X] [--labels k=v,...] [--taints k=v:Effect,...]`: joins one
/// more node with the cluster's bootstrap token and waits until it is Ready.
struct ClusterAddNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-node", abstract: "Add a node to a local cluster; returns when it is Ready.")

    @OptionGroup var selection: ClusterSelection

    @Option(help: "The node's name (default: n<next index>).")
    var name: String?

    @Option(help: "Labels the node registers with: key=value,...")
    var labels: String = ""

    @Option(help: "Taints the node registers with: key[=value]:Effect,...")
    var taints: String = ""

    @Option(help: "How long to wait for the node to be Ready (0s: do not wait).")
    var wait: String = "60s"

    func run() async throws {
        try await ClusterCommandRunner.run {
            let operations = ClusterOperations.current()
            let request = AddNodeRequest(
                cluster: try selection.resolve(operations), name: name, labels: labels, taints: taints,
                wait: try ClusterArguments.duration(wait, flag: "--wait"))
            let added = try await operations.addNode(request)
            ClusterCommandRunner.write("node/\(added) created\n")
        }
    }
}
