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

    /// The docker client, once the engine answers. Concurrent calls in one kctl process (a cluster's containers
    /// are set up in parallel) share one setup, so dockerd is never started twice.
    func ensure() async throws(ClusterError) -> DockerCLI {
        try await DockerEngineOnce.shared.ensure(self)
    }

    /// Gathers the facts, then installs, starts and waits as the plan says.
    fileprivate func run() async throws(ClusterError) -> DockerCLI {
        let facts = await gatherFacts()
        let plan = try DockerEnginePlan.plan(facts)
        if !plan.packages.isEmpty { try await install(plan.packages) }
        let docker = try DockerCLI.locate(environment: environment)
        var started: StartedDaemon?
        if plan.startDaemon { started = try startDaemon() }
        if plan.waitForEngine {
            if started == nil { say("A dockerd process exists but does not answer yet; waiting for it ...") }
            try await waitForEngine(docker, started: started)
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

    /// A dockerd this setup started: its pid, and where its output starts in the (appended) log.
    private struct StartedDaemon {
        var pid: Int32
        var logOffset: UInt64
    }

    private func startDaemon() throws(ClusterError) -> StartedDaemon {
        guard let dockerd = DockerHostCommand.find("dockerd", environment: environment) else {
            throw .runtimeUnavailable("there is no dockerd binary, although docker.io is installed")
        }
        say("Starting the Docker engine (dockerd, log: \(Self.daemonLog.path)) ...")
        // Its own session, descriptors closed: dockerd outlives kctl and holds nothing of its caller's.
        let offset = ProcessDriver.logOffset(Self.daemonLog)
        let pid = try ProcessDriver.launch(dockerd, [], log: Self.daemonLog, environment: environment)
        return StartedDaemon(pid: pid, logOffset: offset)
    }

    /// Waits until the engine answers; fails at the deadline, or at once when the dockerd this setup started
    /// (`started`) has exited. The log excerpt is what that dockerd wrote.
    private func waitForEngine(_ docker: DockerCLI, started: StartedDaemon?) async throws(ClusterError) {
        let clock = ContinuousClock()
        let deadline = clock.now + startLimit
        let logStart = started?.logOffset ?? 0
        while !(await docker.engineAnswers()) {
            guard clock.now < deadline else {
                throw .runtimeUnavailable(
                    "the Docker engine did not answer within \(startLimit); see \(Self.daemonLog.path):\n"
                        + ProcessDriver.logTail(Self.daemonLog, from: logStart))
            }
            if let started, !ProcessTable.isAlive(started.pid) {
                throw .runtimeUnavailable(
                    "dockerd exited; see \(Self.daemonLog.path):\n"
                        + ProcessDriver.logTail(Self.daemonLog, from: logStart))
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        say("The Docker engine is up")
    }
}

/// One engine setup per kctl process, shared by concurrent callers; a failed setup may be tried again.
private actor DockerEngineOnce {
    static let shared = DockerEngineOnce()

    private var ready: DockerCLI?
    private var inFlight: Task<Result<DockerCLI, ClusterError>, Never>?

    func ensure(_ setup: DockerEngineSetup) async throws(ClusterError) -> DockerCLI {
        if let ready { return ready }
        let task = inFlight ?? Task { () -> Result<DockerCLI, ClusterError> in
            do throws(ClusterError) {
                return .success(try await setup.run())
            } catch {
                return .failure(error)
            }
        }
        inFlight = task
        let result = await task.value
        inFlight = nil
        if case .success(let docker) = result { ready = docker }
        return try result.get()
    }
}
