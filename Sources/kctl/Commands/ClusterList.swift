import ArgumentParser

/// `kctl cluster list`: the local clusters' names, one per line (as `kind get clusters`).
struct ClusterList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List local clusters.")

    func run() async throws {
        let names = ClusterOperations.current().store.names()
        guard !names.isEmpty else {
            ErrorReporting.printError("No clusters found.")
            return
        }
        ClusterCommandRunner.write(names.map { $0 + "\n" }.joined())
    }
}
