import ArgumentParser
import Foundation
import KubeAPI
import Logging
import ServiceLifecycle
import UnixSignals
import Wire

/// `controlplane`: the API server with its durable store (and, with the nodes work, the controllers).
@main
struct ControlPlaneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controlplane",
        abstract: "Runs the cluster's control plane: the API server over the wire protocol, and its store.",
        version: WireVersion.softwareVersion,
        subcommands: [Serve.self, TokenCommand.self],
        defaultSubcommand: Serve.self
    )
}

/// `controlplane [serve] --data-dir D`
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API (the default command).")

    @Option(help: "Directory for the store, the cluster PKI and admin.kubeconfig (created if missing).")
    var dataDir: String

    @Option(help: "Address to listen on.")
    var listenAddress: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port; the chosen one is printed).")
    var port: Int = 6443

    @Option(help: "Extra address (IP or DNS name) for the serving certificate; repeatable.")
    var advertiseAddress: [String] = []

    @Option(help: "Largest frame accepted, in bytes.")
    var maxFrameBytes: Int = MessageCodec.defaultMaxFrameBytes

    @Option(help: "Seconds a new connection has to send its hello.")
    var helloTimeout: Double = 5

    @Option(help: "How many recent changes are kept for watches to resume from.")
    var watchWindow: Int = 10_000

    @Option(help: "Port of the bootstrap listener nodes join through (0 picks a free port; it is printed).")
    var bootstrapPort: Int = 6444

    @Option(help: "Silence after which a node is NotReady (Go duration; Kubernetes' default is 40s-50s).")
    var nodeMonitorGracePeriod: String = "3s"

    @Option(help: "Silence after which a node has left: it is removed and its pods reaped.")
    var nodeLeaveTimeout: String = "6s"

    @Option(help: "Seconds an HTTPS request may take to arrive whole, headers and body (then the connection closes).")
    var httpRequestTimeout: Double = 30

    @Option(help: "Seconds a watch, log or exec over HTTPS may wait for a client that does not read (then it closes).")
    var stalledWriteTimeout: Double = 60

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxFrameBytes >= 1024 else { throw ValidationError("--max-frame-bytes must be at least 1024") }
        guard helloTimeout > 0 else { throw ValidationError("--hello-timeout must be positive") }
        guard httpRequestTimeout > 0 else { throw ValidationError("--http-request-timeout must be positive") }
        guard stalledWriteTimeout > 0 else { throw ValidationError("--stalled-write-timeout must be positive") }
        guard watchWindow >= 1 else { throw ValidationError("--watch-window must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        guard (0...65535).contains(bootstrapPort) else {
            throw ValidationError("--bootstrap-port must be between 0 and 65535")
        }
        guard let grace = DurationText.parse(nodeMonitorGracePeriod), grace > .zero else {
            throw ValidationError("invalid --node-monitor-grace-period \(nodeMonitorGracePeriod)")
        }
        guard let leave = DurationText.parse(nodeLeaveTimeout), leave >= grace else {
            throw ValidationError("--node-leave-timeout must be a duration no shorter than --node-monitor-grace-period")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "controlplane")
        let settings = ControlPlaneSettings(
            dataDirectory: URL(fileURLWithPath: dataDir), listenAddress: listenAddress, port: port,
            advertiseAddresses: advertiseAddress, maxFrameBytes: maxFrameBytes,
            helloTimeout: .milliseconds(Int64(helloTimeout * 1000)), watchWindow: watchWindow,
            bootstrapPort: bootstrapPort,
            nodeLifecycle: NodeLifecycleSettings(
                monitorGracePeriod: DurationText.parse(nodeMonitorGracePeriod) ?? .seconds(3),
                leaveTimeout: DurationText.parse(nodeLeaveTimeout) ?? .seconds(6),
                startupGracePeriod: DurationText.parse(nodeLeaveTimeout) ?? .seconds(6)),
            httpRequestTimeout: .milliseconds(Int64(httpRequestTimeout * 1000)),
            stalledWriteTimeout: .milliseconds(Int64(stalledWriteTimeout * 1000)))
        let controlPlane = try ControlPlane(settings: settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: controlPlane, successTerminationBehavior: .gracefullyShutdownGroup,
                                 failureTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
