import Foundation

/// The container and network plumbing behind ``DockerRuntime``'s operations.
extension DockerRuntime {
    /// Runs the control plane's container and waits for its readiness lines; records its container and pid.
    func startControlPlane(
        _ state: inout ClusterState, docker: DockerCLI, layout: DockerLayout, image: String
    ) async throws {
        let directory = paths.controlPlaneDirectory(state.name)
        let logs = paths.logsDirectory(state.name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let log = paths.controlPlaneLog(state.name)
        let offset = ProcessDriver.logOffset(log)
        try await docker.check(
            layout.controlPlaneRunArguments(
                image: image, user: Self.user, dataDirectory: directory.path, logsDirectory: logs.path,
                timing: state.timing))
        state.controlPlane.runtimeData[Key.container] = layout.controlPlaneContainer
        state.controlPlane.pid = await mainPid(layout.controlPlaneContainer, docker: docker)
        state.controlPlane.running = true
        try await waitForControlPlane(
            &state, container: layout.controlPlaneContainer, log: log, from: offset, docker: docker)
    }

    /// Waits until the control plane's log (after `offset`) has both readiness lines; fails fast when its
    /// container ends, and stops it when it does not listen within ``listenTimeout``.
    func waitForControlPlane(
        _ state: inout ClusterState, container: String, log: URL, from offset: UInt64, docker: DockerCLI
    ) async throws {
        let deadline = ContinuousClock.now + Self.listenTimeout
        while true {
            if ReadinessLines.parse(ProcessDriver.logText(log, from: offset)).isComplete { return }
            let alive = state.controlPlane.pid.map(ProcessTable.isAlive) ?? false
            guard alive else {
                state.controlPlane.pid = nil
                state.controlPlane.running = false
                throw ClusterError.processFailed(
                    "the control plane's container \(container) exited before it was ready; see \(log.path):\n\(ProcessDriver.logTail(log, from: offset))")
            }
            guard ContinuousClock.now < deadline else {
                _ = await docker.run(["stop", "--time", "2", container])
                state.controlPlane.pid = nil
                state.controlPlane.running = false
                throw ClusterError.timedOut(
                    "the control plane did not listen within \(Self.listenTimeout); see \(log.path)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The state of `container` if it exists and belongs to this cluster (else `nil`).
    func containerStatus(_ container: String, of state: ClusterState, docker: DockerCLI) async -> String? {
        let format = "{{.State.Status}}\t{{index .Config.Labels \"\(DockerLayout.stateLabel)\"}}"
        let result = await docker.run(["container", "inspect", "--format", format, container])
        guard result.status == 0 else { return nil }
        let fields = result.output.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[1] == stateDirectory(state) else { return nil }
        return String(fields[0])
    }

    /// The host pid of the container's first process (its init), while it runs.
    func mainPid(_ container: String, docker: DockerCLI) async -> Int32? {
        let result = await docker.run(["container", "inspect", "--format", "{{.State.Pid}}", container])
        guard result.status == 0, let pid = Int32(result.output), pid > 0 else { return nil }
        return pid
    }

    /// SIGKILL to the container (also when it is frozen: it is thawed so the kill lands at once); one that is not
    /// running is left as it is.
    func kill(_ container: String, docker: DockerCLI) async throws(ClusterError) {
        let result = await docker.run(["kill", "--signal", "KILL", container])
        guard result.status == 0 || result.stderr.contains("is not running") else {
            throw .processFailed("docker kill \(container) failed: \(result.errorLine)")
        }
        _ = await docker.run(["unpause", container])  // a paused container's processes die once thawed
    }

    /// Creates the cluster's network on a free subnet (``freeOctet(preferred:docker:)``), choosing again when
    /// another network took the subnet in the meantime.
    func createNetwork(_ state: ClusterState, docker: DockerCLI) async throws(ClusterError) -> DockerLayout {
        var attempt = 1
        while true {
            let octet = try await freeOctet(preferred: state.subnet, docker: docker)
            let layout = DockerLayout(cluster: state.name, stateDirectory: stateDirectory(state), octet: octet)
            let result = await docker.run(layout.networkCreateArguments())
            if result.status == 0 { return layout }
            if result.stderr.contains("already exists") {
                throw .invalidArgument(
                    "docker network \"\(layout.network)\" already exists (a cluster \"\(state.name)\" of another HOME or user?): remove it with `docker network rm \(layout.network)`, or choose another name")
            }
            guard result.stderr.contains("overlaps"), attempt < 5 else {
                throw .processFailed("docker network create \(layout.network) failed: \(result.errorLine)")
            }
            attempt += 1
        }
    }

    /// The network octet for a new cluster: `preferred` (the cluster's loopback subnet) unless an existing docker
    /// network overlaps it, else the lowest free one.
    func freeOctet(preferred: Int, docker: DockerCLI) async throws(ClusterError) -> Int {
        let ids = await docker.run(["network", "ls", "--quiet"]).output
            .split(separator: "\n").map(String.init)
        var subnets = ""
        if !ids.isEmpty {
            subnets = await docker.run(
                ["network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}} {{end}}"] + ids
            ).stdout
        }
        guard let octet = DockerLayout.freeOctet(preferred: preferred, taken: DockerLayout.takenOctets(subnets)) else {
            throw .invalidArgument("no free 172.30.X.0/24 network left for a docker cluster: delete one first")
        }
        return octet
    }

    /// Stops (gracefully for `grace` seconds, then SIGKILL) and removes every container of the cluster, nodes
    /// first, then its networks. Found by the state-directory label, so leftovers of an interrupted run go too.
    /// Partitioned nodes are not given the grace: they cannot reach the control plane to leave.
    func removeContainersAndNetworks(of state: ClusterState, docker: DockerCLI, grace: Int) async throws {
        let partitioned = Set(state.nodes.filter(\.partitioned).compactMap { $0.runtimeData[Key.container] })
        let filter = ownerFilter(state)
        let listed = await docker.run(["ps", "--all", "--filter", filter, "--format", DockerLayout.psFormat])
        guard listed.status == 0 else {
            throw ClusterError.processFailed("docker ps failed: \(listed.errorLine)")
        }
        let rows = DockerLayout.containers(fromPSOutput: listed.stdout)
        let paused = rows.filter { $0.state == "paused" }.map(\.name)
        if !paused.isEmpty { _ = await docker.run(["unpause"] + paused) }
        if grace > 0 {
            let nodes = rows.filter { $0.isUp && $0.role == "node" && !partitioned.contains($0.name) }.map(\.name)
            if !nodes.isEmpty { _ = await docker.run(["stop", "--time", String(grace)] + nodes) }
            // The control plane's data goes with the cluster: a short grace is enough.
            let others = rows.filter { $0.isUp && $0.role != "node" }.map(\.name)
            if !others.isEmpty { _ = await docker.run(["stop", "--time", String(min(grace, 2))] + others) }
        }
        if !rows.isEmpty { try await docker.check(["rm", "--force", "--volumes"] + rows.map(\.name)) }
        let networks = await docker.run(["network", "ls", "--quiet", "--filter", filter]).output
            .split(separator: "\n").map(String.init)
        if !networks.isEmpty { try await docker.check(["network", "rm"] + networks) }
    }
}
