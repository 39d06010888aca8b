import ArgumentParser

/// The node a fault verb acts on, and its cluster.
struct ClusterNodeTarget: ParsableArguments {
    @OptionGroup var selection: ClusterSelection

    @Argument(help: "The node's name.")
    var node: String

    /// Applies `verb` and prints `node/NAME <verb>ed`.
    func apply(_ verb: NodeVerb, wait: Duration = .zero) async throws {
        try await ClusterCommandRunner.run {
            let operations = ClusterOperations.current()
            try await operations.apply(verb, node: node, cluster: selection.resolve(operations), wait: wait)
            ClusterCommandRunner.write("node/\(node) \(verb.pastTense)\n")
        }
    }
}

/// `kctl cluster kill-node NODE`: SIGKILL.
struct ClusterKillNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kill-node",
        abstract: "SIGKILL a node: it goes silent (NotReady after the grace period, removed after the leave timeout).")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.kill) }
}

/// `kctl cluster stop-node NODE`: SIGTERM, a graceful leave.
struct ClusterStopNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop-node", abstract: "Stop a node gracefully (SIGTERM): it leaves the cluster at once.")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.stop) }
}

/// `kctl cluster start-node NODE`: starts a stopped or killed node again and waits until it is Ready.
struct ClusterStartNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-node", abstract: "Start a stopped or killed node again; returns when it is Ready.")
    @OptionGroup var target: ClusterNodeTarget
    @Option(help: "How long to wait for the node to be Ready (0s: do not wait).")
    var wait: String = "60s"
    func run() async throws {
        let timeout: Duration
        do {
            timeout = try ClusterArguments.duration(wait, flag: "--wait")
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        try await target.apply(.start, wait: timeout)
    }
}

/// `kctl cluster pause-node NODE`: SIGSTOP.
struct ClusterPauseNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause-node", abstract: "Freeze a node (SIGSTOP): heartbeats stop while its sockets stay open.")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.pause) }
}

/// `kctl cluster unpause-node NODE`: SIGCONT.
struct ClusterUnpauseNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpause-node", abstract: "Resume a frozen node (SIGCONT).")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.unpause) }
}

/// `kctl cluster partition-node NODE`: cuts the node's network.
struct ClusterPartitionNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partition-node", abstract: "Cut a node off the network while its process keeps running.")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.partition) }
}

/// `kctl cluster heal-node NODE`: restores the node's network.
struct ClusterHealNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heal-node", abstract: "Restore a partitioned node's network.")
    @OptionGroup var target: ClusterNodeTarget
    func run() async throws { try await target.apply(.heal) }
}
