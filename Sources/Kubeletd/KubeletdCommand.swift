import ArgumentParser
import CSandbox
import Foundation
import KubeAPI
import Logging
import ServiceLifecycle
import UnixSignals
import Wire

/// `kubeletd`: one node of the cluster. Joins, heartbeats, and runs the pods bound to it.
@main
struct KubeletdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeletd",
        abstract: "Runs one node: joins the cluster, heartbeats, and runs the pods bound to it in an emulated runtime.",
        version: WireVersion.softwareVersion)

    @Option(help: "The node's name (default: the host name).")
    var nodeName: String?

    @Option(help: "Directory for the node's certificate, pod logs and working directories.")
    var dataDir: String

    @Option(help: "The control plane's bootstrap endpoint HOST:PORT, for the first join.")
    var bootstrapServer: String?

    @Option(help: "Bootstrap token (id.secret) for the first join.")
    var token: String?

    @Option(help: "The cluster CA's hash (sha256:<hex>), to verify the control plane at the first join.")
    var caHash: String?

    @Option(help: "The API endpoint HOST:PORT (default: the one learned at join).")
    var server: String?

    @Option(help: "The node's InternalIP.")
    var nodeIP: String = "127.0.0.1"

    @Option(help: "Connect from --node-ip (default: when it is a loopback address other than 127.0.0.1), so network faults can target this node.")
    var bindNodeIP: Bool?

    @Option(help: "Labels to register the node with: key=value,...")
    var nodeLabels: String = ""

    @Option(help: "Taints to register the node with: key=value:Effect,...")
    var registerWithTaints: String = ""

    @Option(help: "How often the node renews its lease (Go duration, e.g. 1s, 200ms).")
    var heartbeatInterval: String = "1s"

    @Option(help: "How long emulated image pulls take.")
    var imagePullDelay: String = "0s"

    @Option(help: "Factor applied to every restart and image-pull backoff (1 = Kubernetes' 10s..300s).")
    var backoffScale: Double = 1

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(help: "Port of the kubelet endpoint (logs, exec) on --node-ip; 0 picks a free one.")
    var kubeletPort: Int = KubeletPKI.defaultPort

    /// Runs the terminal helper of `kctl exec -t` when started as it (see ``ExecTTYHelper``), else the node.
    static func main() async {
        // `kubeletd __sandbox ...` never gets here: the launcher runs from a constructor (Sources/CSandbox).
        _ = kcluster_sandbox_linked()
        ExecTTYHelper.runIfRequested()
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    func validate() throws {
        guard DurationText.parse(heartbeatInterval) != nil else {
            throw ValidationError("invalid --heartbeat-interval \(heartbeatInterval)")
        }
        guard DurationText.parse(imagePullDelay) != nil else {
            throw ValidationError("invalid --image-pull-delay \(imagePullDelay)")
        }
        guard backoffScale > 0 else { throw ValidationError("--backoff-scale must be positive") }
        guard (0...65535).contains(kubeletPort) else { throw ValidationError("invalid --kubelet-port \(kubeletPort)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if let name = nodeName, !Validation.isDNS1123Subdomain(name).isEmpty {
            throw ValidationError("invalid --node-name \"\(name)\": \(Validation.isDNS1123Subdomain(name).joined())")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let name = nodeName ?? ProcessInfo.processInfo.hostName.lowercased()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "kubeletd")
        logger[metadataKey: "node"] = "\(name)"
        let settings: AgentSettings
        do {
            settings = AgentSettings(
                nodeName: name, dataDirectory: URL(fileURLWithPath: dataDir),
                bootstrapServer: try bootstrapServer.map { try ServerAddress(parsing: $0) }, token: token,
                caHash: caHash, apiServer: try server.map { try ServerAddress(parsing: $0) }, internalIP: nodeIP,
                bindNodeIP: bindNodeIP ?? (nodeIP.hasPrefix("127.") && nodeIP != "127.0.0.1"),
                labels: try NodeRegistration.parseLabels(nodeLabels),
                taints: try NodeRegistration.parseTaints(registerWithTaints),
                heartbeatInterval: DurationText.parse(heartbeatInterval) ?? .seconds(1),
                imagePullDelay: DurationText.parse(imagePullDelay) ?? .zero, backoffScale: backoffScale,
                kubeletPort: kubeletPort)
        } catch {
            throw ValidationError("\(error)")
        }
        let agent = NodeAgent(settings: settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: agent, successTerminationBehavior: .gracefullyShutdownGroup,
                                 failureTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
