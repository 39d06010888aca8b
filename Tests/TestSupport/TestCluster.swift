import Foundation
import KubeAPI
import Wire

/// A real control plane and real kubeletd processes, each node with its own data directory and loopback address,
/// with fast timing (heartbeat 200ms, NotReady after 1s, left after 2s) so tests take seconds.
public final class TestCluster: Sendable {
    public let controlPlane: TestControlPlane
    private let nodes = LockedNodes()

    /// Timing flags the control plane is started with.
    public static let controlPlaneTiming = ["--node-monitor-grace-period", "1s", "--node-leave-timeout", "2s"]
    /// The heartbeat interval nodes are started with.
    public static let heartbeat = "200ms"

    init(controlPlane: TestControlPlane) {
        self.controlPlane = controlPlane
    }

    /// Starts node `name` (joining with the bootstrap token the first time, reusing its certificate after).
    @discardableResult
    public func startNode(_ name: String, index: Int, extraArguments: [String] = []) throws -> ChildProcess {
        let directory = controlPlane.dataDirectory.appendingPathComponent("nodes/\(name)")
        let process = try ChildProcess(
            try BuiltProducts.url(for: "kubeletd"),
            [
                "--node-name", name, "--data-dir", directory.path,
                "--bootstrap-server", "127.0.0.1:\(controlPlane.bootstrapPort)",
                "--token", controlPlane.joinToken, "--ca-hash", controlPlane.caHash,
                "--node-ip", "127.0.1.\(index)", "--heartbeat-interval", Self.heartbeat, "--backoff-scale", "0.05",
                // A free kubelet port: test clusters running at once share these addresses.
                "--kubelet-port", "0",
            ] + extraArguments,
            name: "kubeletd-\(name)")
        nodes.set(name, process)
        return process
    }

    /// The running process of node `name`.
    public func node(_ name: String) -> ChildProcess? { nodes.get(name) }

    /// Runs kctl against the cluster.
    public func kctl(_ arguments: String..., stdin: String? = nil) async throws -> CommandResult {
        try await controlPlane.kctl(arguments, stdin: stdin)
    }

    /// Decoded `kctl get KIND -o json` items.
    public func items(_ arguments: String...) async throws -> [JSONValue] {
        let result = try await controlPlane.kctl(["get"] + arguments + ["-o", "json"])
        guard result.status == 0 else { throw HarnessError("kctl get failed: \(result)") }
        let list = try JSONValue(jsonData: Data(result.stdout.utf8))
        return list["items"]?.arrayValue ?? [list]
    }

    /// Waits until every named node is Ready.
    public func waitForReadyNodes(_ names: [String], within timeout: Duration = .seconds(20)) async throws {
        try await eventually(within: timeout, "nodes \(names) Ready") { () -> Bool? in
            let ready = try await items("nodes").filter { node in
                (node[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
                    $0["type"] == "Ready" && $0["status"] == "True"
                }
            }.compactMap { $0[path: ["metadata", "name"]]?.stringValue }
            return Set(names).isSubset(of: Set(ready)) ? true : nil
        }
    }

    /// Stops every node and the control plane.
    func stopAll() async {
        for process in nodes.all() { await process.stop(grace: .seconds(5)) }
        await controlPlane.stop()
    }

    /// Every process's output, for failure reports.
    func outputs() -> String {
        var text = "--- controlplane ---\n\(controlPlane.process.capturedOutput)"
        for process in nodes.all() { text += "\n--- \(process.name) ---\n\(process.capturedOutput)" }
        return text
    }
}

/// Runs `body` with a control plane and `nodes` kubeletd processes (n1...nN) that are all Ready; always tears
/// everything down; on failure the processes' output is attached to the error.
public func withTestCluster<T>(nodes count: Int, controlPlaneArguments: [String] = [],
                               _ body: (TestCluster) async throws -> T) async throws -> T {
    let controlPlane = try await TestControlPlane.start(arguments: TestCluster.controlPlaneTiming + controlPlaneArguments)
    let cluster = TestCluster(controlPlane: controlPlane)
    do {
        for index in 1...max(count, 1) where count > 0 { try cluster.startNode("n\(index)", index: index) }
        if count > 0 { try await cluster.waitForReadyNodes((1...count).map { "n\($0)" }) }
        let result = try await body(cluster)
        await cluster.stopAll()
        controlPlane.removeData()
        return result
    } catch {
        let outputs = cluster.outputs()
        await cluster.stopAll()
        controlPlane.removeData()
        throw HarnessError("\(error)\n\(outputs)")
    }
}

/// The node processes by name.
final class LockedNodes: Sendable {
    private let storage = LockedBox<[String: ChildProcess]>([:])
    func set(_ name: String, _ process: ChildProcess) { storage.update { $0[name] = process } }
    func get(_ name: String) -> ChildProcess? { storage.read { $0[name] } }
    func all() -> [ChildProcess] { storage.read { Array($0.values) } }
}

extension TestCluster {
    /// A kubeconfig that authenticates as node `name` (its certificate from its data directory).
    public func nodeKubeconfig(_ name: String) throws -> String {
        let directory = controlPlane.dataDirectory.appendingPathComponent("nodes/\(name)")
        func read(_ file: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        }
        let config = Kubeconfig.make(
            clusterName: "node-\(name)", server: ServerAddress(host: "127.0.0.1", port: controlPlane.port),
            caPEM: try read("ca.crt"), userName: "system:node:\(name)", certPEM: try read("kubelet.crt"),
            keyPEM: try read("kubelet.key"))
        let path = controlPlane.dataDirectory.appendingPathComponent("node-\(name).kubeconfig")
        try KubeconfigLoader.write(config, to: path)
        return path.path
    }

    /// Runs kctl with another kubeconfig.
    public func kctl(as kubeconfig: String, _ arguments: String..., stdin: String? = nil) async throws
        -> CommandResult
    {
        try await runCommand(try BuiltProducts.url(for: "kctl"), ["--kubeconfig", kubeconfig] + arguments, stdin: stdin)
    }

    /// Restarts the control plane process on the same data directory and port (after it was stopped or killed).
    public func restartControlPlane() async throws -> TestControlPlane {
        try await TestControlPlane.start(
            dataDirectory: controlPlane.dataDirectory, port: controlPlane.port, arguments: controlPlane.extraArguments)
    }
}
