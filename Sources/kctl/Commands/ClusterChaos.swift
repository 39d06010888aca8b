import ArgumentParser

/// `kctl cluster chaos [NAME]`: runs a seeded, replayable fault schedule (kills, stops, freezes, partitions,
/// control-plane restarts, optionally during DaemonSet rollouts) against a local cluster while checking its
/// invariants continuously; prints a report and exits 1 on any violation.
struct ClusterChaos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Break a local cluster on a seeded, replayable schedule and check its invariants.",
        discussion: """
            Invariants, checked every 100ms on a watch of nodes, pods and DaemonSets: at most one daemon pod per \
            node per DaemonSet (two of different revisions during a rolling update with maxSurge), none on a node \
            that has left, every Ready eligible node covered by a Running daemon pod within --coverage-bound, and \
            every acknowledged probe object (ControllerRevisions the run creates in a namespace of its own) still \
            there. At the end everything is healed and the cluster must converge within --converge-timeout.
            """)

    @OptionGroup var file: KubeconfigFileOption

    @Option(help: ArgumentHelp("The context whose cluster to use (default: the current context).", valueName: "name"))
    var context: String?

    @Argument(help: "The cluster (default: the current context's cluster if it is a local one, else kcluster).")
    var name: String?

    @Option(help: "Seed of the schedule (default: a random one, printed so the run can be replayed).")
    var seed: UInt64?

    @Option(help: "How long faults are injected.")
    var duration: String = "30s"

    @Option(help: "Faults to draw from: kill, stop, pause, partition, restart-control-plane (comma separated).")
    var faults: String = ChaosFault.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Mean time between two faults.")
    var interval: String = "2s"

    @Option(help: "How long a node fault lasts, MIN-MAX (default: half the grace period to leave timeout + grace).")
    var hold: String?

    @Option(help: "The most nodes faulted at the same time.")
    var maxFaultyNodes: Int = 1

    @Flag(help: "Also roll out every DaemonSet (pod-template annotation change) now and then.")
    var rollouts = false

    @Option(help: "How long a Ready eligible node may go without a Running daemon pod.")
    var coverageBound: String = "10s"

    @Option(help: "How long the cluster may take to converge once everything is healed.")
    var convergeTimeout: String = "60s"

    @Flag(help: "Print the schedule and exit.")
    var printSchedule = false

    func run() async throws {
        try await ClusterCommandRunner.run {
            let operations = ClusterOperations.current()
            let cluster = try operations.selectCluster(explicit: name, kubeconfig: file.kubeconfig, context: context)
            let flags = ChaosArguments.Flags(
                seed: seed ?? UInt64.random(in: 1...999_999_999), duration: duration, faults: faults,
                interval: interval, hold: hold, maxFaultyNodes: maxFaultyNodes, rollouts: rollouts,
                coverageBound: coverageBound, convergeTimeout: convergeTimeout)
            let state = try operations.store.load(cluster)
            let settings = try ChaosArguments.settings(flags, timing: state.timing)
            let checks = try ChaosArguments.checks(flags)
            let converge = try ClusterArguments.duration(convergeTimeout, flag: "--converge-timeout", positive: true)
            let nodes = state.nodes.filter { $0.state == .running && !$0.partitioned }.map(\.name)
            let schedule = ChaosSchedule.plan(settings, nodes: nodes)
            if printSchedule {
                ClusterCommandRunner.write(schedule.text)
                return
            }
            let replay = ChaosArguments.replayCommand(
                cluster: cluster, settings: settings, coverageBound: coverageBound)
            ClusterCommandRunner.write(
                "chaos on cluster \"\(cluster)\": \(settings.summary)\nreplay: \(replay)\n")
            let runner = ChaosRunner(
                operations: operations, cluster: cluster, schedule: schedule, checks: checks,
                convergeTimeout: converge, replay: replay, write: ClusterCommandRunner.write)
            let report = try await runner.run()
            ClusterCommandRunner.write(report.text)
            if report.failed { throw ExitCode(1) }
        }
    }
}
