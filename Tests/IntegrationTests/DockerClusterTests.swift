import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

#if canImport(Glibc)
    import Glibc
#endif

/// The docker runtime end to end, against the built kctl: one 3-node cluster in containers, created by kctl from a
/// machine where dockerd may not run (kctl then starts it and says so; scripts/test installs docker.io and starts no
/// engine, so CI always takes that path), the seed manifest, a killed node's daemon pod
/// reaped, a partitioned node NotReady then gone while its container keeps running, healed and back with its pod,
/// and `delete` leaving no container or network behind. Skipped, with a loud line saying why, only where Docker
/// cannot run at all.
@Suite(.serialized)
struct DockerClusterTests {
    /// Whether Docker is installed here (scripts/test installs Debian's docker.io).
    static let docker = DockerProbe.run()

    @Test(.enabled(if: DockerClusterTests.docker.available, "Docker cannot run on this machine"),
          .timeLimit(.minutes(4)))
    func threeNodeCluster_killPartitionHeal_deleteLeavesNothing() async throws {
        let run = try DockerScenario()
        defer { try? FileManager.default.removeItem(at: run.home) }
        do {
            try await run.exercise()
        } catch {
            await run.forceCleanup()
            throw error
        }
    }
}

/// One run of the scenario: a private HOME (so cluster state and kubeconfig are the test's own) and a cluster name
/// no one else uses.
struct DockerScenario {
    let home: URL
    let cluster: String
    let kctl: URL
    let timing = ["--heartbeat-interval", "500ms", "--node-monitor-grace-period", "2s", "--node-leave-timeout", "4s"]

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("kctl-docker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        cluster = "dt-" + UUID().uuidString.prefix(8).lowercased()
        kctl = try BuiltProducts.url(for: "kctl")
    }

    var environment: [String: String] {
        ["HOME": home.path, "KUBECONFIG": home.appendingPathComponent(".kctl/config").path]
    }
    /// The label every container and network of the cluster carries.
    var ownerFilter: String { "label=io.kcluster.state-dir=\(home.path)/.kctl/clusters/\(cluster)" }

    func exercise() async throws {
        // Create: every node Ready when it returns (image build included on first use of these binaries).
        let started = ContinuousClock.now
        let engineWasRunning = DockerProbe.daemonRuns()
        let created = try await kctl(
            ["cluster", "create", cluster, "--nodes", "3", "--runtime", "docker", "--wait", "90s"] + timing,
            timeout: .seconds(150))
        try #require(created.status == 0, "\(created)")
        print(
            "docker-mode test: cluster create --nodes 3 --runtime docker took \(ContinuousClock.now - started)"
                + (engineWasRunning ? " (dockerd was running)" : " (dockerd was not running: kctl started it)"))
        if !engineWasRunning {
            #expect(created.stderr.contains("Starting the Docker engine"), "\(created)")
            #expect(created.stderr.contains("The Docker engine is up"), "\(created)")
            #expect(DockerProbe.daemonRuns())
        }
        let nodes = try await items("nodes")
        #expect(nodes.count == 3)
        for node in nodes {
            let addresses = node[path: ["status", "addresses"]]?.arrayValue ?? []
            let ip = addresses.first { $0["type"] == "InternalIP" }?["address"]?.stringValue ?? ""
            #expect(ip.hasPrefix("172.30."), "node InternalIP \(ip) is not its container's address")
            #expect(isReady(node))
        }
        // The context create merged serves the real kubectl too (HTTPS to the control plane's container), and so
        // does the standalone kubeconfig.
        if let kubectl = kubectlOnPath {
            let viaMerged = try await runCommand(
                kubectl, ["get", "nodes", "-o", "name"], environment: environment, timeout: .seconds(60))
            #expect(viaMerged.stdout == "node/n1\nnode/n2\nnode/n3\n", "\(viaMerged)")
            let standalone = try await kctl(["cluster", "kubeconfig", cluster])
            let standaloneFile = home.appendingPathComponent("standalone.kubeconfig")
            try Data(standalone.stdout.utf8).write(to: standaloneFile)
            let viaStandalone = try await runCommand(
                kubectl, ["--kubeconfig", standaloneFile.path, "get", "nodes", "-o", "name"], environment: environment,
                timeout: .seconds(60))
            #expect(viaStandalone.stdout == viaMerged.stdout, "\(viaStandalone)")
        }
        let containers = try await docker(["ps", "--filter", ownerFilter, "--format", "{{.Names}}"])
        #expect(Set(containers.stdout.split(separator: "\n").map(String.init)) == Set(
            ["controlplane", "n1", "n2", "n3"].map { "kcluster-\(cluster)-\($0)" }), "\(containers)")

        // The seed manifest: one filebeat pod per node.
        let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path
        let applied = try await kctl(["apply", "-f", seed])
        try #require(applied.status == 0, "\(applied)")
        try await waitForFilebeat(on: ["n1", "n2", "n3"])

        // kill-node: the container is SIGKILLed, the node leaves, its filebeat pod is reaped.
        let killed = try await kctl(["cluster", "kill-node", "n2", "--cluster", cluster])
        try #require(killed.status == 0, "\(killed)")
        try await eventually(within: .seconds(5), "n2's container exited") { () -> Bool? in
            try await containerStatus("n2") == "exited" ? true : nil
        }
        try await waitForFilebeat(on: ["n1", "n3"], within: .seconds(20))
        #expect(try await items("nodes").compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted()
            == ["n1", "n3"])

        // partition-node: NotReady, then gone, while the container keeps running; heal brings it back with its pod.
        let partitioned = try await kctl(["cluster", "partition-node", "n3", "--cluster", cluster])
        try #require(partitioned.status == 0, "\(partitioned)")
        try await eventually(within: .seconds(15), "n3 NotReady") { () -> Bool? in
            try await items("nodes").contains { $0[path: ["metadata", "name"]] == "n3" && !isReady($0) } ? true : nil
        }
        try await waitForFilebeat(on: ["n1"], within: .seconds(20))
        try await eventually(within: .seconds(10), "n3 gone") { () -> Bool? in
            try await items("nodes").compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["n1"] ? true : nil
        }
        #expect(try await containerStatus("n3") == "running", "a partitioned node's container keeps running")
        let healed = try await kctl(["cluster", "heal-node", "n3", "--cluster", cluster])
        try #require(healed.status == 0, "\(healed)")
        try await waitForFilebeat(on: ["n1", "n3"], within: .seconds(30))

        // delete: no container, no network left.
        let deleted = try await kctl(["cluster", "delete", cluster], timeout: .seconds(60))
        try #require(deleted.status == 0, "\(deleted)")
        let left = try await docker(["ps", "--all", "--quiet", "--filter", ownerFilter])
        #expect(left.stdout.isEmpty, "containers left: \(left.stdout)")
        let byName = try await docker(["ps", "--all", "--quiet", "--filter", "name=kcluster-\(cluster)-"])
        #expect(byName.stdout.isEmpty, "containers left: \(byName.stdout)")
        let networks = try await docker(["network", "ls", "--quiet", "--filter", "name=kcluster-\(cluster)"])
        #expect(networks.stdout.isEmpty, "networks left: \(networks.stdout)")
    }

    /// Removes whatever a failed run left: `kctl cluster delete`, then the containers and network directly.
    func forceCleanup() async {
        _ = try? await kctl(["cluster", "delete", cluster], timeout: .seconds(60))
        if let ids = try? await docker(["ps", "--all", "--quiet", "--filter", ownerFilter]).stdout,
            !ids.isEmpty
        {
            _ = try? await docker(["rm", "--force"] + ids.split(separator: "\n").map(String.init))
        }
        _ = try? await docker(["network", "rm", "kcluster-\(cluster)"])
    }

    // MARK: - Helpers

    func waitForFilebeat(on nodes: [String], within timeout: Duration = .seconds(30)) async throws {
        try await eventually(within: timeout, poll: .milliseconds(200), "one Running filebeat pod on each of \(nodes)") {
            () -> Bool? in
            let pods = try await items("pods", "-l", "app=filebeat")
            let running = pods.filter {
                $0[path: ["status", "phase"]] == "Running" && $0[path: ["metadata", "deletionTimestamp"]] == nil
            }.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }
            return pods.count == nodes.count && running.sorted() == nodes.sorted() ? true : nil
        }
    }

    func containerStatus(_ node: String) async throws -> String {
        let result = try await docker(["inspect", "--format", "{{.State.Status}}", "kcluster-\(cluster)-\(node)"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func isReady(_ node: JSONValue) -> Bool {
        (node[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"] == "Ready" && $0["status"] == "True"
        }
    }

    func items(_ arguments: String...) async throws -> [JSONValue] {
        let result = try await kctl(["get"] + arguments + ["-o", "json"])
        guard result.status == 0 else { throw HarnessError("kctl get failed: \(result)") }
        return try JSONValue(jsonData: Data(result.stdout.utf8))["items"]?.arrayValue ?? []
    }

    func kctl(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> DockerTestOutput {
        try await DockerTestCommand.run(kctl, arguments, environment: environment, timeout: timeout)
    }

    func docker(_ arguments: [String]) async throws -> DockerTestOutput {
        try await DockerTestCommand.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, environment: [:], timeout: .seconds(60))
    }
}

/// Whether Docker is installed here: Debian's docker.io (which scripts/test installs) gives `dockerd` and `docker`.
/// Whether an engine runs does not matter: kctl starts one. When Docker is not installed, says so loudly on stdout
/// and stderr, so a skipped docker-mode test is never silent.
struct DockerProbe: Sendable {
    let available: Bool

    static func run() -> DockerProbe {
        let directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"]
        for program in ["dockerd", "docker"]
        where !directories.contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }) {
            let banner =
                "*** DOCKER-MODE TEST SKIPPED: \(program) is not installed (scripts/install-deps --docker installs it)\n"
            print(banner, terminator: "")
            FileHandle.standardError.write(Data(banner.utf8))
            return DockerProbe(available: false)
        }
        return DockerProbe(available: true)
    }

    /// Whether a `dockerd` process runs on this machine.
    static func daemonRuns() -> Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { entry in
            guard Int32(entry) != nil,
                let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8)
            else { return false }
            return comm.trimmingCharacters(in: .whitespacesAndNewlines) == "dockerd"
        }
    }
}

/// What a finished command printed and how it exited.
struct DockerTestOutput: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// Runs a command to completion, or kills it at its deadline and says so.
enum DockerTestCommand {
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String], timeout: Duration
    ) async throws -> DockerTestOutput {
        let result = try await runCommand(executable, arguments, environment: environment, timeout: timeout)
        return DockerTestOutput(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
