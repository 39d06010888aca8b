import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `kctl cluster create [NAME] --nodes N [--runtime process|docker] [timing flags] [--wait D]`: starts a control
/// plane and N nodes, waits until every node is Ready, then sets the kubeconfig context `kcluster-NAME`.
struct ClusterCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a local cluster; returns when every node is Ready and the context is set.")

    @OptionGroup var global: KubeconfigFileOption

    @Argument(help: "The cluster's name.")
    var name: String = ClusterContext.defaultClusterName

    @Option(help: "How many nodes (0 for a control plane alone).")
    var nodes: Int = 1

    @Option(help: "Where the daemons run: process or docker.")
    var runtime: String = RuntimeKind.process.rawValue

    @Option(help: "How often nodes renew their lease.")
    var heartbeatInterval: String = ClusterTiming.defaults.heartbeatInterval

    @Option(help: "Silence after which a node is NotReady.")
    var nodeMonitorGracePeriod: String = ClusterTiming.defaults.nodeMonitorGracePeriod

    @Option(help: "Silence after which a node has left: it is removed and its pods reaped.")
    var nodeLeaveTimeout: String = ClusterTiming.defaults.nodeLeaveTimeout

    @Option(help: "How long emulated image pulls take on the nodes.")
    var imagePullDelay: String = ClusterTiming.defaults.imagePullDelay

    @Option(help: "How long to wait for every node to be Ready.")
    var wait: String = "60s"

    func run() async throws {
        try await ClusterCommandRunner.run {
            let request = CreateRequest(
                name: name, nodes: nodes, runtime: try RuntimeKind.parse(runtime),
                timing: ClusterTiming(
                    heartbeatInterval: heartbeatInterval, nodeMonitorGracePeriod: nodeMonitorGracePeriod,
                    nodeLeaveTimeout: nodeLeaveTimeout, imagePullDelay: imagePullDelay),
                wait: try ClusterArguments.duration(wait, flag: "--wait", positive: true),
                kubeconfig: global.kubeconfig)
            let printer = StepPrinter(isTerminal: isatty(STDOUT_FILENO) == 1)
            let state = try await ClusterOperations.current().create(
                request, printer: printer, write: ClusterCommandRunner.write)
            ClusterCommandRunner.write(printer.done(context: state.contextName))
        }
    }
}
