import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// `kctl cluster` end to end in process mode: the built kctl creates real clusters under a temporary HOME, breaks
/// their nodes and deletes them. Every daemon a test starts is stopped by pid, also when the test fails.
@Suite(.serialized)
struct ClusterCommandTests {
    /// Fast timing: NotReady after 1 s of silence, removed after 2 s.
    static let timing = [
        "--heartbeat-interval", "200ms", "--node-monitor-grace-period", "1s", "--node-leave-timeout", "2s",
    ]

    @Test func create_faults_restart_andDelete() async throws {
        try await withClusterHome { home in
            // create: returns with all nodes Ready, quiet off a terminal but for the context line.
            let start = ContinuousClock.now
            let created = try await home.kctl(
                ["cluster", "create", "t1", "--nodes", "3"] + Self.timing, defaultKubeconfig: true)
            let elapsed = ContinuousClock.now - start
            print("kctl cluster create t1 --nodes 3 (processes) returned with all nodes Ready in \(elapsed)")
            #expect(created.status == 0, "\(created)")
            #expect(created.stdout == "Set kubectl context to \"kcluster-t1\"\n", "\(created)")
            #expect(elapsed < .seconds(5), "create took \(elapsed)")
            #expect(FileManager.default.fileExists(atPath: home.url.appendingPathComponent(".kctl/config").path))
            #expect(try await home.readiness() == ["n1": true, "n2": true, "n3": true])
            let table = try await home.kctl(["get", "nodes", "-o", "wide"])
            #expect(table.stdout.split(separator: "\n").filter { $0.contains(" Ready ") }.count == 3, "\(table)")
            // Each node has its own loopback address 127.0.S.N, S the cluster's subnet (one nothing else listens in).
            let addresses = try await home.kctl(
                ["get", "nodes", "-o", "jsonpath={.items[*].status.addresses[?(@.type==\"InternalIP\")].address}"])
            let nodeIPs = addresses.stdout.split(separator: " ").map(String.init)
            #expect(Set(nodeIPs).count == 3 && nodeIPs.allSatisfy { $0.hasPrefix("127.0.") }, "\(addresses)")
            let firstPids = try home.pids("t1")
            #expect(firstPids.count == 4 && firstPids.allSatisfy(ClusterProcesses.isAlive))
            #expect(try await home.kctl(["cluster", "list", "-o", "name"]).stdout == "t1\n")

            // kill-node: NotReady after the grace period, then removed; start-node brings it back Ready.
            #expect(try await home.kctl(["cluster", "kill-node", "n2"]).stdout == "node/n2 killed\n")
            try await home.waitFor("n2 NotReady") { $0["n2"] == false }
            try await home.waitFor("n2 removed") { $0["n2"] == nil }
            let started = try await home.kctl(["cluster", "start-node", "n2"])
            #expect(started.status == 0 && started.stdout == "node/n2 started\n", "\(started)")
            #expect(try await home.readiness()["n2"] == true)

            // pause/unpause: frozen it goes NotReady; thawed it is Ready again.
            #expect(try await home.kctl(["cluster", "pause-node", "n3"]).status == 0)
            let paused = try home.nodePid("t1", "n3")
            #expect(ClusterProcesses.state(paused) == "T")
            try await home.waitFor("n3 NotReady") { $0["n3"] == false }
            // A graceful control-plane restart does not wait on the frozen node's connection (its TLS close_notify
            // never comes); the thawed node then reconnects to the new control plane.
            let restartStart = ContinuousClock.now
            let restartedWhilePaused = try await home.kctl(["cluster", "restart-control-plane"])
            #expect(restartedWhilePaused.status == 0, "\(restartedWhilePaused)")
            let restartTook = ContinuousClock.now - restartStart
            #expect(restartTook < .seconds(3), "restart-control-plane with a paused node took \(restartTook)")
            #expect(try await home.kctl(["cluster", "unpause-node", "n3"]).status == 0)
            try await home.waitFor("n3 Ready") { $0["n3"] == true }

            // add-node returns with the node Ready and labelled; stop-node is a graceful leave (gone at once).
            let added = try await home.kctl(["cluster", "add-node", "--labels", "disk=ssd"])
            #expect(added.stdout == "node/n4 created\n", "\(added)")
            #expect(try await home.readiness()["n4"] == true)
            let labels = try await home.kctl(["get", "nodes", "-l", "disk=ssd", "-o", "name"])
            #expect(labels.stdout == "node/n4\n", "\(labels)")
            #expect(try await home.kctl(["cluster", "stop-node", "n4"]).stdout == "node/n4 stopped\n")
            #expect(try await home.readiness()["n4"] == nil)

            // restart-control-plane (graceful, then SIGKILL): same port, nodes keep their registration.
            for flags in [[], ["--kill"]] {
                let before = try home.controlPlanePort("t1")
                let restarted = try await home.kctl(["cluster", "restart-control-plane"] + flags)
                #expect(restarted.status == 0, "\(restarted)")
                #expect(try home.controlPlanePort("t1") == before)
                try await home.waitFor("3 Ready nodes after restart \(flags)") {
                    $0 == ["n1": true, "n2": true, "n3": true]
                }
            }

            // delete: every process ever started is gone, and so are the state and the context.
            let allPids = firstPids.union(try home.pids("t1"))
            let deleted = try await home.kctl(["cluster", "delete", "t1"])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(
                allPids.allSatisfy { !ClusterProcesses.isAlive($0) },
                "still alive: \(allPids.filter(ClusterProcesses.isAlive))")
            #expect(!FileManager.default.fileExists(atPath: home.clusterDirectory("t1").path))
            let config = try KubeconfigLoader.load(path: home.url.appendingPathComponent(".kctl/config").path)
            #expect(config.contexts.isEmpty && config.currentContext == "")
            let listed = try await home.kctl(["cluster", "list"])
            #expect(listed.stdout == "" && listed.stderr == "No clusters found.\n")
        }
    }

    @Test func errors_areClear_exitNonZero_andChangeNothing() async throws {
        try await withClusterHome { home in
            let unknown = try await home.kctl(["cluster", "create", "d", "--runtime", "podman"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "error: unknown runtime \"podman\": expected one of process, docker\n")
            let missing = try await home.kctl(["cluster", "kill-node", "n1"])
            #expect(
                missing.stderr == """
                    error: cluster "kcluster" not found (the default name: no --cluster, and no current context is set)
                    There are no local clusters: create one with 'kctl cluster create NAME'.

                    """, "\(missing)")
            #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent(".kctl").path))

            #expect(try await home.kctl(["cluster", "create", "--nodes", "1"] + Self.timing).status == 0)
            let again = try await home.kctl(["cluster", "create", "--nodes", "2"] + Self.timing)
            #expect(again.status == 1 && again.stderr == "error: cluster \"kcluster\" already exists\n", "\(again)")
            #expect(try home.pids("kcluster").count == 2)
            let unknownNode = try await home.kctl(["cluster", "kill-node", "n9"])
            #expect(unknownNode.stderr == "error: node \"n9\" not found in cluster \"kcluster\"\n", "\(unknownNode)")
            let notPaused = try await home.kctl(["cluster", "unpause-node", "n1"])
            #expect(notPaused.status == 1 && notPaused.stderr == "error: node \"n1\" is not paused\n")
            let badLabel = try await home.kctl(["cluster", "add-node", "--labels", "nope"])
            #expect(badLabel.stderr == "error: invalid label \"nope\": expected key=value\n")
            #expect(try home.pids("kcluster").count == 2)
            #expect(try await home.kctl(["cluster", "delete"]).status == 0)
        }
    }

    /// Partition in process mode needs iptables and root; it runs in a second cluster, so its rules target
    /// `127.0.2.x` and never the `127.0.1.x` nodes other suites run at the same time.
    @Test func partitionAndHeal_cutAndRestoreANodesNetwork() async throws {
        guard geteuid() == 0 else {
            print("SKIPPED partition-node end-to-end test: process-mode partitions need root (iptables)")
            return
        }
        try await withClusterHome { home in
            #expect(try await home.kctl(["cluster", "create", "first", "--nodes", "0"] + Self.timing).status == 0)
            let created = try await home.kctl(["cluster", "create", "second", "--nodes", "2"] + Self.timing)
            #expect(created.status == 0, "\(created)")
            // The second cluster's subnet is after the first's (which has 1 or, when something else listens there, more).
            let address = try await home.kctl(
                ["get", "node", "n1", "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}"])
            let octets = address.stdout.split(separator: ".").compactMap { Int($0) }
            #expect(octets.count == 4 && octets[0] == 127 && octets[2] >= 2 && octets[3] == 1, "\(address)")

            let partitioned = try await home.kctl(["cluster", "partition-node", "n1"])
            #expect(partitioned.stdout == "node/n1 partitioned\n", "\(partitioned)")
            try await home.waitFor("n1 NotReady") { $0["n1"] == false }
            try await home.waitFor("n1 removed") { $0["n1"] == nil }
            #expect(
                ClusterProcesses.isAlive(try home.nodePid("second", "n1")), "a partitioned node's process keeps running"
            )
            #expect(try await home.kctl(["cluster", "heal-node", "n1"]).stdout == "node/n1 healed\n")
            try await home.waitFor("n1 back and Ready", within: .seconds(10)) { $0["n1"] == true }

            // Deleting a cluster with a partitioned node removes its rules too.
            #expect(try await home.kctl(["cluster", "partition-node", "n2"]).status == 0)
            #expect(try await home.kctl(["cluster", "delete", "second"]).status == 0)
            #expect(try await home.kctl(["cluster", "delete", "first"]).status == 0)
        }
    }
}

// MARK: - Harness

/// A temporary HOME for `kctl cluster` runs.
struct ClusterHome: Sendable {
    let url: URL

    var kubeconfig: String { url.appendingPathComponent(".kctl/config").path }

    /// Runs the built kctl with HOME set (and KUBECONFIG, unless `defaultKubeconfig`, so every kctl verb finds the
    /// file `cluster create` writes).
    func kctl(_ arguments: [String], defaultKubeconfig: Bool = false) async throws -> CommandResult {
        var environment = ["HOME": url.path]
        if !defaultKubeconfig { environment["KUBECONFIG"] = kubeconfig }
        return try await runCommand(try BuiltProducts.url(for: "kctl"), arguments, environment: environment)
    }

    func clusterDirectory(_ name: String) -> URL { url.appendingPathComponent(".kctl/clusters/\(name)") }

    func state(_ cluster: String) throws -> JSONValue {
        try JSONValue(jsonData: Data(contentsOf: clusterDirectory(cluster).appendingPathComponent("cluster.json")))
    }

    /// The pids `cluster.json` records now (control plane and nodes).
    func pids(_ cluster: String) throws -> Set<Int32> {
        let state = try state(cluster)
        let recorded = [state[path: ["controlPlane", "pid"]]] + (state["nodes"]?.arrayValue ?? []).map { $0["pid"] }
        return Set(recorded.compactMap { $0?.intValue.map { Int32($0) } })
    }

    func nodePid(_ cluster: String, _ node: String) throws -> Int32 {
        let record = try state(cluster)["nodes"]?.arrayValue?.first { $0["name"]?.stringValue == node }
        return try #require(record?["pid"]?.intValue.map { Int32($0) })
    }

    func controlPlanePort(_ cluster: String) throws -> Int64? {
        try state(cluster)[path: ["controlPlane", "port"]]?.intValue
    }

    /// Node name to Ready, from `kctl get nodes -o json` in the current context.
    func readiness() async throws -> [String: Bool] {
        let result = try await kctl(["get", "nodes", "-o", "json"])
        guard result.status == 0 else { throw HarnessError("kctl get nodes failed: \(result)") }
        let list = try JSONValue(jsonData: Data(result.stdout.utf8))
        var readiness: [String: Bool] = [:]
        for node in list["items"]?.arrayValue ?? [] {
            guard let name = node[path: ["metadata", "name"]]?.stringValue else { continue }
            readiness[name] = (node[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
                $0["type"] == "Ready" && $0["status"] == "True"
            }
        }
        return readiness
    }

    func waitFor(
        _ what: String, within timeout: Duration = .seconds(8), _ condition: @escaping ([String: Bool]) -> Bool
    ) async throws {
        try await eventually(within: timeout, poll: .milliseconds(100), what) { () -> Bool? in
            condition(try await readiness()) ? true : nil
        }
    }

    /// The last lines of every log, for failure reports.
    func logs() -> String {
        let root = url.appendingPathComponent(".kctl/clusters")
        let clusters = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var text = ""
        for cluster in clusters where !cluster.hasPrefix(".") {
            let logs = root.appendingPathComponent("\(cluster)/logs")
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []).sorted() {
                let content = (try? String(contentsOf: logs.appendingPathComponent(file), encoding: .utf8)) ?? ""
                text +=
                    "--- \(cluster)/\(file) ---\n" + content.split(separator: "\n").suffix(15).joined(separator: "\n")
                    + "\n"
            }
        }
        return text
    }
}

/// Runs `body` with a fresh HOME (a temporary directory named `prefix-…`); afterwards deletes every cluster in it,
/// SIGKILLs any process still running from it (found by its data directory on the command line), and removes it.
/// Logs are attached to failures.
func withClusterHome(prefix: String = "kctl-cluster", _ body: (ClusterHome) async throws -> Void) async throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "\(prefix)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let home = ClusterHome(url: url)
    var failure: (any Error)?
    do {
        try await body(home)
    } catch {
        failure = HarnessError("\(error)\n\(home.logs())")
    }
    let clusters = try? await home.kctl(["cluster", "list", "-o", "name"])
    for name in clusters?.stdout.split(separator: "\n") ?? [] {
        _ = try? await home.kctl(["cluster", "delete", String(name)])
    }
    for pid in ClusterProcesses.mentioning(url.path) { kill(pid, SIGKILL) }
    try? FileManager.default.removeItem(at: url)
    if let failure { throw failure }
}

/// What `/proc` says about the daemons a test started.
enum ClusterProcesses {
    /// Live processes whose command line mentions `text`.
    static func mentioning(_ text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard isAlive(pid), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
                return false
            }
            return String(decoding: data, as: UTF8.self).contains(text)
        }
    }

    /// The state letter of `/proc/PID/stat` (`R`, `S`, `T`, `Z`...), `nil` when the process is gone.
    static func state(_ pid: Int32) -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
    }

    /// Whether `pid` runs (exists and is not a zombie: daemons outlive kctl, and nothing may reap them here).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let state = state(pid) else { return false }
        return state != "Z" && state != "X"
    }
}
