import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Makes this machine's Docker engine usable for the docker runtime, as a first docker-mode cluster on a fresh Debian
/// machine needs: installs Debian's docker.io (and busybox-static, the node image's shell) with apt-get when they are
/// missing, starts `dockerd` in a session of its own when no engine answers, and waits for it, saying each step on
/// standard error. Quiet when the engine already answers.
struct DockerEngineSetup: Sendable {
    /// Where apt-get's output goes.
    static let aptLog = URL(fileURLWithPath: "/var/log/kcluster-apt.log")
    /// Where a dockerd kctl starts writes its log.
    static let daemonLog = URL(fileURLWithPath: "/var/log/kcluster-dockerd.log")

    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// How long a starting engine may take to answer.
    var startLimit: Duration = .seconds(60)
    /// Writes a progress line.
    var say: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// The docker client, once the engine answers.
    func ensure() async throws(ClusterError) -> DockerCLI {
        let facts = await gatherFacts()
        let plan = try DockerEnginePlan.plan(facts)
        if !plan.packages.isEmpty { try await install(plan.packages) }
        let docker = try DockerCLI.locate(environment: environment)
        if plan.startDaemon { try startDaemon() }
        if plan.waitForEngine {
            if !plan.startDaemon { say("A dockerd process exists but does not answer yet; waiting for it ...") }
            try await waitForEngine(docker)
        }
        return docker
    }

    // MARK: - Steps

    private func gatherFacts() async -> DockerEnginePlan.Facts {
        let client = try? DockerCLI.locate(environment: environment)
        var answers = false
        if let client { answers = await client.engineAnswers() }
        return DockerEnginePlan.Facts(
            hasClient: client != nil, hasDaemon: DockerHostCommand.find("dockerd", environment: environment) != nil,
            hasBusybox: DockerImageBuilder.findBusybox() != nil,
            engineAnswers: answers, daemonProcessRuns: !ProcessTable.pids(named: "dockerd").isEmpty,
            isRoot: getuid() == 0, hasAptGet: DockerHostCommand.find("apt-get", environment: environment) != nil)
    }

    private func install(_ packages: [String]) async throws(ClusterError) {
        let list = packages.joined(separator: " ")
        say("Docker is not installed: installing Debian's \(list) with apt-get (log: \(Self.aptLog.path)) ...")
        guard let aptGet = DockerHostCommand.find("apt-get", environment: environment) else {
            throw .runtimeUnavailable("apt-get disappeared")
        }
        var aptEnvironment = environment
        aptEnvironment["DEBIAN_FRONTEND"] = "noninteractive"
        let steps = [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends"] + packages]
        var transcript = ""
        for arguments in steps {
            let result = await DockerHostCommand.run(aptGet, arguments, environment: aptEnvironment)
            transcript += "$ apt-get \(arguments.joined(separator: " "))\n\(result.stdout)\(result.stderr)"
            try? transcript.write(to: Self.aptLog, atomically: true, encoding: .utf8)
            guard result.status == 0 else {
                throw .runtimeUnavailable(
                    "apt-get \(arguments[0]) failed (\(result.errorLine)); see \(Self.aptLog.path)")
            }
        }
        say("Installed \(list)")
    }

    private func startDaemon() throws(ClusterError) {
        guard let dockerd = DockerHostCommand.find("dockerd", environment: environment) else {
            throw .runtimeUnavailable("there is no dockerd binary, although docker.io is installed")
        }
        say("Starting the Docker engine (dockerd, log: \(Self.daemonLog.path)) ...")
        // Its own session, descriptors closed: dockerd outlives kctl and holds nothing of its caller's.
        _ = try ProcessDriver.launch(dockerd, [], log: Self.daemonLog, environment: environment)
    }

    private func waitForEngine(_ docker: DockerCLI) async throws(ClusterError) {
        let clock = ContinuousClock()
        let deadline = clock.now + startLimit
        while !(await docker.engineAnswers()) {
            guard clock.now < deadline else {
                throw .runtimeUnavailable(
                    "the Docker engine did not answer within \(startLimit); see \(Self.daemonLog.path):\n"
                        + ProcessDriver.logTail(Self.daemonLog))
            }
            if ProcessTable.pids(named: "dockerd").isEmpty {
                throw .runtimeUnavailable(
                    "dockerd exited; see \(Self.daemonLog.path):\n\(ProcessDriver.logTail(Self.daemonLog))")
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        say("The Docker engine is up")
    }
}
