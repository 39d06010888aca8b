import Foundation
import KubeAPI
import Logging
import NIOSSL
import ServiceLifecycle
import Wire

/// The kubeletd process as a service: obtains credentials (joining with a bootstrap token the first time), then
/// keeps a session with the control plane, reconnecting with backoff, while the pod runtime keeps running pods
/// across disconnects. A graceful shutdown (SIGTERM) is a graceful leave.
struct NodeAgent: Service {
    let settings: AgentSettings
    let logger: Logger
    let bootID = UUID().uuidString.lowercased()

    func run() async throws {
        let credentials = try await obtainCredentials()
        let api = settings.apiServer ?? credentials.apiServer
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: credentials.certificatePEM, privateKeyPEM: credentials.privateKeyPEM,
            caPEM: credentials.caPEM)
        let outbox = StatusOutbox()
        let events = KubeletEventRecorder(nodeName: settings.nodeName, logger: logger)
        let runtime = RuntimeHolder(
            settings: settings, outbox: outbox, logger: logger,
            apiAccess: PodAPIAccess(
                host: api.host, port: api.port, caPEM: credentials.caPEM,
                localAddress: settings.bindNodeIP ? settings.internalIP : nil))
        let endpoint = KubeletEndpoint(
            host: settings.internalIP, port: settings.kubeletPort, credentials: credentials,
            service: KubeletService(
                runtime: runtime, exec: ExecRunner(helper: ExecRunner.currentExecutable(), logger: logger),
                logger: logger),
            logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await runtime.run() }
            // Returns only when cancelled, also when the port cannot be bound.
            group.addTask { await endpoint.run { port in portSink.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            let kubeletPort = await iterator.next() ?? 0
            group.addTask {
                try await connectLoop(
                    api: api, tls: tls, runtime: runtime, outbox: outbox, events: events, kubeletPort: kubeletPort)
            }
            try await group.next()
            group.cancelAll()
        }
        await runtime.shutdown()
        logger.info("kubeletd stopped")
    }

    /// Reconnects with exponential backoff (100 ms doubling to 2 s) until graceful shutdown; on shutdown leaves the
    /// cluster over the current connection.
    private func connectLoop(
        api: ServerAddress, tls: TLSConfiguration, runtime: RuntimeHolder, outbox: StatusOutbox,
        events: KubeletEventRecorder, kubeletPort: Int
    ) async throws {
        var backoff = ReconnectBackoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let attempt = ContinuousClock.now
            do {
                try await WireClient.withConnection(
                    host: api.host, port: api.port, tls: tls, serverHostname: "localhost",
                    agent: "kubeletd/\(WireVersion.softwareVersion)", connectTimeout: .seconds(2),
                    localAddress: settings.bindNodeIP ? settings.internalIP : nil
                ) { client in
                    let session = NodeSession(
                        client: WireClusterClient(client, timeout: .seconds(10)), settings: settings, bootID: bootID,
                        runtime: runtime, outbox: outbox,
                        events: events, kubeletPort: kubeletPort, logger: logger)
                    do {
                        try await cancelWhenGracefulShutdown { try await session.run() }
                    } catch where Task.isShuttingDownGracefully {}
                    if Task.isShuttingDownGracefully { try await session.leave() }
                }
            } catch {
                if Task.isShuttingDownGracefully { return }
                logger.info("not connected to the control plane; retrying", metadata: ["error": "\(error)"])
            }
            if Task.isShuttingDownGracefully { return }
            // A connection that lasted is not a failure streak: start the backoff again.
            if ContinuousClock.now - attempt > .seconds(5) { backoff.reset() }
            try? await Task.sleep(for: backoff.next())
        }
    }

    /// Credentials from the data directory, or a join with the bootstrap token and CA hash.
    private func obtainCredentials() async throws -> JoinedCredentials {
        if let saved = try? JoinedCredentials.load(from: settings.dataDirectory) {
            logger.info("using the node certificate from \(settings.dataDirectory.path)")
            return saved
        }
        guard let bootstrap = settings.bootstrapServer, let token = settings.token, let caHash = settings.caHash else {
            throw RegistrationError(
                "no node certificate in \(settings.dataDirectory.path): pass --bootstrap-server, --token and --ca-hash to join")
        }
        let credentials = try await JoinClient.join(
            bootstrapServer: bootstrap, token: token, caHash: caHash, nodeName: settings.nodeName, now: Date(),
            logger: logger)
        try FileManager.default.createDirectory(at: settings.dataDirectory, withIntermediateDirectories: true)
        try credentials.save(to: settings.dataDirectory)
        logger.info("joined the cluster as system:node:\(settings.nodeName)")
        return credentials
    }
}

/// Reconnection delays: 100 ms doubling to 2 s, reset after a successful connection. Pure.
struct ReconnectBackoff: Sendable {
    private var current: Duration = .milliseconds(100)

    mutating func next() -> Duration {
        defer { current = min(current * 2, .seconds(2)) }
        return current
    }

    mutating func reset() { current = .milliseconds(100) }
}
