import Foundation
import KubeAPI
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a cluster in Docker containers: the control plane and each node a container of the node image (built from
/// the binaries next to kctl, see ``DockerImageBuilder``) with its own address on the cluster's bridge network
/// (``DockerLayout``). kctl reaches the control plane at its container address directly (the host is the network's
/// gateway); nothing is published on the host. Data directories and logs are bind-mounted from the cluster's state
/// directory, so `join-token`, `ca.hash`, `admin.kubeconfig` and `logs/` are where process mode has them.
///
/// Faults map to docker verbs: kill = `docker kill --signal KILL`, stop = `docker stop` (SIGTERM: graceful leave),
/// pause = `docker pause` (cgroup freezer), partition = `docker network disconnect` (the process keeps running),
/// heal = `docker network connect` with the node's address, restart-control-plane = `docker restart` or
/// `docker kill` + `docker start`.
struct DockerRuntime: ClusterRuntime {
    let paths: ClusterPaths
    let binaries: BinaryLocator
    /// The environment `docker` runs with (its `PATH` finds the client).
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// How long a control plane has to print its readiness lines.
    static let listenTimeout: Duration = .seconds(30)
    /// Seconds `delete` lets containers stop gracefully before SIGKILL.
    static let deleteGraceSeconds = 5
    /// Seconds `stop-node` and `restart-control-plane` let a container stop gracefully before SIGKILL.
    static let stopGraceSeconds = 10

    /// `state.runtimeData` keys.
    enum Key {
        static let image = "image"
        static let network = "network"
        static let subnet = "subnet"
        static let octet = "octet"
        static let container = "container"
    }

    var kind: RuntimeKind { .docker }

    func createControlPlane(_ state: inout ClusterState) async throws {
        let docker = try await engine()
        let image = try await DockerImageBuilder(docker: docker, binaries: binaries).ensureImage(note: Self.note)
        state.runtimeData[Key.image] = image
        try await removeContainersAndNetworks(of: state, docker: docker, grace: 0)  // an interrupted create's
        let layout = try await createNetwork(state, docker: docker)
        let octet = layout.octet
        state.runtimeData[Key.network] = layout.network
        state.runtimeData[Key.subnet] = layout.subnet
        state.runtimeData[Key.octet] = String(octet)
        for node in state.nodes {
            let ip = try layout.nodeIP(index: node.index)
            state.updateNode(node.name) { $0.ip = ip }
        }
        state.controlPlane.host = layout.controlPlaneIP
        state.controlPlane.port = DockerLayout.apiPort
        state.controlPlane.bootstrapPort = DockerLayout.bootstrapPort
        try await startControlPlane(&state, docker: docker, layout: layout, image: image)
    }

    func adminAccess(_ state: ClusterState) throws -> ClusterAccess {
        let file = paths.controlPlaneDirectory(state.name).appendingPathComponent("admin.kubeconfig")
        let context = try KubeconfigLoader.load(path: file.path).resolvedContext(named: nil)
        return ClusterAccess(
            server: ServerAddress(host: state.controlPlane.host, port: state.controlPlane.port),
            caPEM: context.caPEM, certPEM: context.certPEM, keyPEM: context.keyPEM)
    }

    func startNode(_ name: String, in state: inout ClusterState) async throws {
        guard name != "controlplane" else {
            throw ClusterError.invalidArgument("a docker cluster's node cannot be named \"controlplane\"")
        }
        let docker = try await engine()
        let layout = try self.layout(state)
        let ip = try layout.nodeIP(index: try state.node(name).index)
        state.updateNode(name) { $0.ip = ip }
        let node = try state.node(name)
        let container = layout.nodeContainer(name)
        if await containerStatus(container, of: state, docker: docker) != nil {
            try await docker.check(["start", container])
        } else {
            guard let image = state.runtimeData[Key.image] else {
                throw ClusterError.stateFile("cluster \"\(state.name)\" records no image; delete and create it again")
            }
            let directory = paths.nodeDirectory(state.name, node: name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let controlPlane = paths.controlPlaneDirectory(state.name)
            let join = Self.read(controlPlane.appendingPathComponent("join-token")).flatMap { token in
                Self.read(controlPlane.appendingPathComponent("ca.hash")).map { (token: token, caHash: $0) }
            }
            try await docker.check(
                layout.nodeRunArguments(
                    node, image: image, user: Self.user, dataDirectory: directory.path,
                    logsDirectory: paths.logsDirectory(state.name).path, timing: state.timing, join: join))
        }
        let pid = await mainPid(container, docker: docker)
        state.updateNode(name) { record in
            record.pid = pid
            record.state = .running
            record.runtimeData[Key.container] = container
        }
    }

    func killNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        let container = try layout(state).nodeContainer(name)
        try await kill(container, docker: docker)
        if let pid = try state.node(name).pid { _ = await ProcessDriver.waitForExit(pid, within: .seconds(2)) }
        state.updateNode(name) { $0 = NodeVerb.kill.applied(to: $0) }
    }

    func stopNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        let container = try layout(state).nodeContainer(name)
        if try state.node(name).state == .paused { _ = await docker.run(["unpause", container]) }
        try await docker.check(["stop", "--time", String(Self.stopGraceSeconds), container])
        state.updateNode(name) { $0 = NodeVerb.stop.applied(to: $0) }
    }

    func pauseNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        try await docker.check(["pause", try layout(state).nodeContainer(name)])
        state.updateNode(name) { $0 = NodeVerb.pause.applied(to: $0) }
    }

    func unpauseNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        try await docker.check(["unpause", try layout(state).nodeContainer(name)])
        state.updateNode(name) { $0 = NodeVerb.unpause.applied(to: $0) }
    }

    func partitionNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        let layout = try self.layout(state)
        try await docker.check(["network", "disconnect", layout.network, layout.nodeContainer(name)])
        state.updateNode(name) { $0 = NodeVerb.partition.applied(to: $0) }
    }

    func healNode(_ name: String, in state: inout ClusterState) async throws {
        let docker = try await engine()
        let layout = try self.layout(state)
        let ip = try layout.nodeIP(index: try state.node(name).index)
        try await docker.check(layout.connectArguments(name, ip: ip))
        state.updateNode(name) { $0 = NodeVerb.heal.applied(to: $0) }
    }

    func restartControlPlane(kill: Bool, in state: inout ClusterState) async throws {
        let docker = try await engine()
        let layout = try self.layout(state)
        let container = layout.controlPlaneContainer
        let log = paths.controlPlaneLog(state.name)
        let offset = ProcessDriver.logOffset(log)
        if kill {
            try await self.kill(container, docker: docker)
            try await docker.check(["start", container])
        } else {
            try await docker.check(["restart", "--time", String(Self.stopGraceSeconds), container])
        }
        state.controlPlane.pid = await mainPid(container, docker: docker)
        state.controlPlane.running = true
        try await waitForControlPlane(&state, container: container, log: log, from: offset, docker: docker)
    }

    func deleteCluster(_ state: ClusterState) async throws {
        guard let docker = try? DockerCLI.locate(environment: environment) else {
            // Without a client nothing of the cluster can exist unless it got as far as creating its network.
            if state.runtimeData[Key.network] == nil { return }
            throw ClusterError.runtimeUnavailable(
                "cannot delete the cluster's containers: the docker client is not installed")
        }
        _ = try await engine()
        try await removeContainersAndNetworks(of: state, docker: docker, grace: Self.deleteGraceSeconds)
    }

    func refresh(_ state: inout ClusterState) {
        guard let docker = try? DockerCLI.locate(environment: environment) else { return }
        let listed = docker.runSynchronously(
            ["ps", "--all", "--filter", ownerFilter(state), "--format", DockerLayout.psFormat])
        guard listed.status == 0 else { return }  // the engine is not answering: nothing is known
        var states: [String: String] = [:]
        for row in DockerLayout.containers(fromPSOutput: listed.stdout) { states[row.name] = row.state }
        for node in state.nodes where node.state.hasProcess {
            let container = node.runtimeData[Key.container] ?? ""
            state.updateNode(node.name) { record in
                switch states[container] {
                case "running": record.state = .running
                case "paused": record.state = .paused
                default:
                    record.state = .exited
                    record.pid = nil
                }
            }
        }
        let controlPlane = state.controlPlane.runtimeData[Key.container] ?? ""
        if state.controlPlane.running, states[controlPlane] != "running", states[controlPlane] != "paused" {
            state.controlPlane.running = false
            state.controlPlane.pid = nil
        }
    }

    func checkAlive(_ state: ClusterState, nodes: [String]) throws {
        if let pid = state.controlPlane.pid, !ProcessTable.isAlive(pid),
            let container = state.controlPlane.runtimeData[Key.container], !isRunning(container)
        {
            let log = paths.controlPlaneLog(state.name)
            throw ClusterError.processFailed(
                "the control plane's container \(container) exited; see \(log.path):\n\(ProcessDriver.logTail(log))")
        }
        for name in nodes {
            guard let node = try? state.node(name), let pid = node.pid, !ProcessTable.isAlive(pid),
                let container = node.runtimeData[Key.container], !isRunning(container)
            else { continue }
            let log = paths.nodeLog(state.name, node: name)
            throw ClusterError.processFailed(
                "node \"\(name)\"'s container \(container) exited; see \(log.path):\n\(ProcessDriver.logTail(log))")
        }
    }

    /// Whether docker says `container` runs: the confirmation before a dead recorded pid is reported (a pid from
    /// another pid namespace, as with some rootless setups, would look dead from here).
    private func isRunning(_ container: String) -> Bool {
        guard let docker = try? DockerCLI.locate(environment: environment) else { return false }
        let result = docker.runSynchronously(["container", "inspect", "--format", "{{.State.Running}}", container])
        return result.status == 0 && result.output == "true"
    }

    // MARK: - Shared with the internals

    /// The host user's ids, which the containers run as (files they write in the bind mounts stay the user's).
    static var user: String { "\(getuid()):\(getgid())" }

    /// The cluster's layout, from what ``createControlPlane(_:)`` recorded.
    func layout(_ state: ClusterState) throws(ClusterError) -> DockerLayout {
        guard let octet = state.runtimeData[Key.octet].flatMap(Int.init) else {
            throw .stateFile("cluster \"\(state.name)\" records no docker network; delete and create it again")
        }
        return DockerLayout(cluster: state.name, stateDirectory: stateDirectory(state), octet: octet)
    }

    func stateDirectory(_ state: ClusterState) -> String { paths.directory(state.name).path }

    func ownerFilter(_ state: ClusterState) -> String { "label=\(DockerLayout.stateLabel)=\(stateDirectory(state))" }

    /// The docker client, once the engine answers: Docker is installed and started first when it has to be.
    func engine() async throws(ClusterError) -> DockerCLI {
        try await DockerEngineSetup(environment: environment).ensure()
    }

    /// Tells the user about a slow step (an image build) when standard error is a terminal.
    @Sendable static func note(_ text: String) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K \(text) ...\n".utf8))
    }

    static func read(_ file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
