import Foundation
import KubeAPI
import NIOSSL
import Wire

/// A `controlplane` process kbench started on a fresh data directory and free ports, and the `kubeletd` nodes it
/// starts against it. Every process is registered with ``ProcessRegistry``.
struct BenchCluster: Sendable {
    /// Node timing used unless a benchmark says otherwise: kctl cluster's defaults.
    static let heartbeatInterval = "1s"
    static let gracePeriod = "3s"
    static let leaveTimeout = "6s"

    let binaries: Binaries
    let directory: URL
    let process: BenchProcess
    let port: Int
    let bootstrapPort: Int
    let token: String
    let caHash: String
    let tls: TLSConfiguration

    /// Starts a control plane in `directory` (created) and waits until both its listeners are up.
    static func start(binaries: Binaries, directory: URL) async throws -> BenchCluster {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("controlplane")
        let process = try BenchProcess(
            name: "controlplane", role: .controlPlane, executable: binaries.controlPlane,
            arguments: [
                "--data-dir", data.path, "--port", "0", "--bootstrap-port", "0",
                "--node-monitor-grace-period", gracePeriod, "--node-leave-timeout", leaveTimeout,
            ],
            logFile: directory.appendingPathComponent("controlplane.log"))
        let apiLine = try await process.waitForLine(containing: "controlplane listening on", within: .seconds(30))
        let joinLine = try await process.waitForLine(
            containing: "controlplane bootstrap listening on", within: .seconds(5))
        guard let port = Self.port(in: apiLine), let bootstrapPort = Self.port(in: joinLine) else {
            throw BenchError("cannot read the control plane's ports from \"\(apiLine)\" / \"\(joinLine)\"")
        }
        func read(_ file: String) throws -> String {
            try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let context = try KubeconfigLoader.load(path: data.appendingPathComponent("admin.kubeconfig").path)
            .resolvedContext(named: nil)
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: context.certPEM, privateKeyPEM: context.keyPEM, caPEM: context.caPEM)
        return BenchCluster(
            binaries: binaries, directory: directory, process: process, port: port, bootstrapPort: bootstrapPort,
            token: try read("join-token"), caHash: try read("ca.hash"), tls: tls)
    }

    /// The port at the end of a `... listening on HOST:PORT` line.
    static func port(in line: String) -> Int? {
        line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// Starts node `name` with its own data directory and InternalIP `ip` (a loopback address); it joins with the
    /// bootstrap token.
    func startNode(_ name: String, ip: String, heartbeatInterval: String = BenchCluster.heartbeatInterval) throws
        -> BenchProcess
    {
        try BenchProcess(
            name: "kubeletd-\(name)", role: .node, executable: binaries.kubeletd,
            arguments: [
                "--node-name", name, "--data-dir", directory.appendingPathComponent("nodes/\(name)").path,
                "--bootstrap-server", "127.0.0.1:\(bootstrapPort)", "--token", token, "--ca-hash", caHash,
                "--node-ip", ip, "--heartbeat-interval", heartbeatInterval,
            ],
            logFile: directory.appendingPathComponent("\(name).log"))
    }

    /// Connects as the cluster's admin and runs `body` with a client whose calls may take 10 s each.
    func withAdmin<T: Sendable>(_ body: @Sendable (WireClusterClient) async throws -> T) async throws -> T {
        try await WireClient.withConnection(
            host: "127.0.0.1", port: port, tls: tls, agent: "kbench/\(WireVersion.softwareVersion)"
        ) { connection in
            try await body(WireClusterClient(connection, timeout: .seconds(10)))
        }
    }

    /// Creates the benchmark DaemonSet (one simulated container, no command) in `default`.
    func createDaemonSet(_ client: WireClusterClient, name: String = BenchObjects.daemonSetName) async throws {
        _ = try await client.createObject(.daemonSet, BenchObjects.daemonSet(name: name), namespace: "default")
    }
}

/// The objects benchmarks create.
enum BenchObjects {
    static let daemonSetName = "bench-agent"

    /// A DaemonSet whose pods run one simulated container (no `command`, so no child process of the node).
    static func daemonSet(name: String) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": ["containers": [["name": "agent", "image": "busybox:1.36"]]],
                ],
            ],
        ]
    }

    /// A small pod that no node runs: bound to a node that does not exist (`boundTo`), or left for the scheduler
    /// with a node selector that matches nothing.
    static func idlePod(name: String, namespace: String, boundTo node: String?) -> JSONValue {
        var spec: [String: JSONValue] = ["containers": [["name": "c", "image": "busybox:1.36"]]]
        if let node {
            spec["nodeName"] = .string(node)
        } else {
            spec["nodeSelector"] = ["kbench/no-such-label": "true"]
        }
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["app": "kbench"]],
            "spec": .object(spec),
        ]
    }
}
