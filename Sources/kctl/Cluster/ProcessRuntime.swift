import Foundation
import KubeAPI
import Wire

/// Runs a cluster as processes on this host: one `controlplane` on 127.0.0.1 and one `kubeletd` per node with its
/// own loopback address, each detached from kctl with its output appended to `logs/`. Faults are signals;
/// partitions are iptables rules on the node's address (see ``LoopbackPartition``).
struct ProcessRuntime: ClusterRuntime {
    let paths: ClusterPaths
    let binaries: BinaryLocator

    /// How long a control plane has to print its readiness lines.
    static let listenTimeout: Duration = .seconds(30)
    /// How long `delete` lets processes stop gracefully before SIGKILL.
    static let deleteGrace: Duration = .seconds(5)
    /// How long `stop-node` and `restart-control-plane` let a process stop gracefully before SIGKILL.
    static let stopGrace: Duration = .seconds(10)

    var kind: RuntimeKind { .process }

    func createControlPlane(_ state: inout ClusterState) async throws {
        try await startControlPlane(&state, port: 0, bootstrapPort: 0)
    }

    func adminAccess(_ state: ClusterState) throws -> ClusterAccess {
        let file = paths.controlPlaneDirectory(state.name).appendingPathComponent("admin.kubeconfig")
        let context = try KubeconfigLoader.load(path: file.path).resolvedContext(named: nil)
        return ClusterAccess(
            server: ServerAddress(host: state.controlPlane.host, port: state.controlPlane.port),
            caPEM: context.caPEM, certPEM: context.certPEM, keyPEM: context.keyPEM)
    }

    func startNode(_ name: String, in state: inout ClusterState) async throws {
        let node = try state.node(name)
        let binary = try binaries.locate("kubeletd")
        let directory = nodeDirectory(state, name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [
            "--node-name", name, "--data-dir", directory.path, "--node-ip", node.ip,
            "--heartbeat-interval", state.timing.heartbeatInterval, "--image-pull-delay", state.timing.imagePullDelay,
        ]
        let controlPlane = paths.controlPlaneDirectory(state.name)
        if let token = Self.read(controlPlane.appendingPathComponent("join-token")),
            let caHash = Self.read(controlPlane.appendingPathComponent("ca.hash"))
        {
            let bootstrap = ServerAddress(host: state.controlPlane.host, port: state.controlPlane.bootstrapPort)
            arguments += ["--bootstrap-server", bootstrap.hostPort, "--token", token, "--ca-hash", caHash]
        }
        if !node.labels.isEmpty { arguments += ["--node-labels", node.labels] }
        if !node.taints.isEmpty { arguments += ["--register-with-taints", node.taints] }
        let pid = try ProcessDriver.launch(
            binary, arguments, log: paths.nodeLog(state.name, node: name), workingDirectory: directory)
        state.updateNode(name) { record in
            record.pid = pid
            record.state = .running
        }
    }

    func killNode(_ name: String, in state: inout ClusterState) async throws {
        if let pid = try livePid(of: name, in: state) {
            ProcessDriver.send(SIGKILL, to: pid)
            _ = await ProcessDriver.waitForExit(pid, within: .seconds(2))
        }
        state.updateNode(name) { $0 = NodeVerb.kill.applied(to: $0) }
    }

    func stopNode(_ name: String, in state: inout ClusterState) async throws {
        if let pid = try livePid(of: name, in: state) {
            await ProcessDriver.terminate([pid], grace: Self.stopGrace)
        }
        state.updateNode(name) { $0 = NodeVerb.stop.applied(to: $0) }
    }

    func pauseNode(_ name: String, in state: inout ClusterState) async throws {
        try signalNode(name, SIGSTOP, verb: .pause, in: &state)
    }

    func unpauseNode(_ name: String, in state: inout ClusterState) async throws {
        try signalNode(name, SIGCONT, verb: .unpause, in: &state)
    }

    func partitionNode(_ name: String, in state: inout ClusterState) async throws {
        let node = try state.node(name)
        try await firewall(state).partition(nodeIP: node.ip)
        state.updateNode(name) { $0 = NodeVerb.partition.applied(to: $0) }
    }

    func healNode(_ name: String, in state: inout ClusterState) async throws {
        let node = try state.node(name)
        try await firewall(state).heal(nodeIP: node.ip)
        state.updateNode(name) { $0 = NodeVerb.heal.applied(to: $0) }
    }

    func restartControlPlane(kill: Bool, in state: inout ClusterState) async throws {
        let marker = paths.controlPlaneDirectory(state.name).path
        if let pid = state.controlPlane.pid, ProcessTable.isDaemon(pid, dataDirectory: marker) {
            if kill {
                ProcessDriver.send(SIGKILL, to: pid)
                _ = await ProcessDriver.waitForExit(pid, within: .seconds(5))
            } else {
                await ProcessDriver.terminate([pid], grace: Self.stopGrace)
            }
        }
        state.controlPlane.pid = nil
        state.controlPlane.running = false
        // The old sockets may take a moment to be released: retry the same ports briefly.
        let (port, bootstrapPort) = (state.controlPlane.port, state.controlPlane.bootstrapPort)
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                try await startControlPlane(&state, port: port, bootstrapPort: bootstrapPort)
                return
            } catch ClusterError.processFailed where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    func deleteCluster(_ state: ClusterState) async throws {
        for node in state.nodes where node.partitioned {
            try? await firewall(state).heal(nodeIP: node.ip)
        }
        let nodes = state.nodes.compactMap { node in
            node.pid.flatMap {
                ProcessTable.isDaemon($0, dataDirectory: nodeDirectory(state, node.name).path) ? $0 : nil
            }
        }
        await ProcessDriver.terminate(nodes, grace: Self.deleteGrace)
        if let pid = state.controlPlane.pid,
            ProcessTable.isDaemon(pid, dataDirectory: paths.controlPlaneDirectory(state.name).path)
        {
            await ProcessDriver.terminate([pid], grace: Self.deleteGrace)
        }
        // Container processes of killed nodes, and anything else still working in the cluster's directory.
        let leftovers = ProcessTable.processes(under: paths.directory(state.name).path)
        for pid in leftovers { ProcessDriver.send(SIGKILL, to: pid) }
        for pid in leftovers { _ = await ProcessDriver.waitForExit(pid, within: .seconds(2)) }
    }

    func refresh(_ state: inout ClusterState) {
        for node in state.nodes where node.state.hasProcess {
            let alive = node.pid.map { ProcessTable.isDaemon($0, dataDirectory: nodeDirectory(state, node.name).path) }
            if alive != true {
                state.updateNode(node.name) { record in
                    record.state = .exited
                    record.pid = nil
                }
            }
        }
        if state.controlPlane.running,
            state.controlPlane.pid.map({
                ProcessTable.isDaemon($0, dataDirectory: paths.controlPlaneDirectory(state.name).path)
            }) != true
        {
            state.controlPlane.running = false
            state.controlPlane.pid = nil
        }
    }

    func checkAlive(_ state: ClusterState, nodes: [String]) throws {
        if let pid = state.controlPlane.pid, !ProcessTable.isAlive(pid) {
            let log = paths.controlPlaneLog(state.name)
            throw ClusterError.processFailed(
                "the control plane exited; see \(log.path):\n\(ProcessDriver.logTail(log))")
        }
        for name in nodes {
            guard let node = try? state.node(name), let pid = node.pid, !ProcessTable.isAlive(pid) else { continue }
            let log = paths.nodeLog(state.name, node: name)
            throw ClusterError.processFailed("node \"\(name)\" exited; see \(log.path):\n\(ProcessDriver.logTail(log))")
        }
    }

    // MARK: - Internals

    /// Starts `controlplane` on the cluster's data directory and waits for its readiness lines; `0` ports pick free
    /// ones. Records the pid, and the ports it printed.
    private func startControlPlane(_ state: inout ClusterState, port: Int, bootstrapPort: Int) async throws {
        let binary = try binaries.locate("controlplane")
        let directory = paths.controlPlaneDirectory(state.name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = paths.controlPlaneLog(state.name)
        let offset = ProcessDriver.logOffset(log)
        let arguments = [
            "--data-dir", directory.path, "--listen-address", state.controlPlane.host, "--port", String(port),
            "--bootstrap-port", String(bootstrapPort),
            "--node-monitor-grace-period", state.timing.nodeMonitorGracePeriod,
            "--node-leave-timeout", state.timing.nodeLeaveTimeout,
        ]
        let pid = try ProcessDriver.launch(binary, arguments, log: log, workingDirectory: paths.directory(state.name))
        state.controlPlane.pid = pid
        state.controlPlane.running = true
        let deadline = ContinuousClock.now + Self.listenTimeout
        while true {
            let lines = ReadinessLines.parse(ProcessDriver.logText(log, from: offset))
            if let api = lines.api, let bootstrap = lines.bootstrap {
                state.controlPlane.port = api.port
                state.controlPlane.bootstrapPort = bootstrap.port
                return
            }
            guard ProcessTable.isAlive(pid) else {
                state.controlPlane.pid = nil
                state.controlPlane.running = false
                throw ClusterError.processFailed(
                    "the control plane exited before it was ready; see \(log.path):\n\(ProcessDriver.logTail(log, from: offset))"
                )
            }
            guard ContinuousClock.now < deadline else {
                await ProcessDriver.terminate([pid], grace: .seconds(2))
                state.controlPlane.pid = nil
                state.controlPlane.running = false
                throw ClusterError.timedOut(
                    "the control plane did not listen within \(Self.listenTimeout); see \(log.path)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func nodeDirectory(_ state: ClusterState, _ name: String) -> URL {
        paths.nodeDirectory(state.name, node: name)
    }

    /// The node's pid if its process is alive and is the node's kubeletd.
    private func livePid(of name: String, in state: ClusterState) throws -> Int32? {
        let node = try state.node(name)
        guard let pid = node.pid, ProcessTable.isDaemon(pid, dataDirectory: nodeDirectory(state, name).path) else {
            return nil
        }
        return pid
    }

    private func signalNode(_ name: String, _ signal: Int32, verb: NodeVerb, in state: inout ClusterState) throws {
        guard let pid = try livePid(of: name, in: state), ProcessDriver.send(signal, to: pid) else {
            throw ClusterError.invalidTransition("node \"\(name)\" is not running")
        }
        state.updateNode(name) { $0 = verb.applied(to: $0) }
    }

    private func firewall(_ state: ClusterState) -> Firewall {
        Firewall(installLog: paths.logsDirectory(state.name).appendingPathComponent("iptables-install.log"))
    }

    private static func read(_ file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
