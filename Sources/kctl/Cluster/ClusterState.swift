import Foundation

/// Which runtime runs a cluster's daemons.
enum RuntimeKind: String, Codable, Sendable, CaseIterable {
    /// Each daemon is a process on this host, each node with its own loopback address.
    case process
    /// Each daemon is a container on a network of the project's own.
    case docker

    /// Parses `--runtime`; the error names the accepted values.
    static func parse(_ text: String) throws(ClusterError) -> RuntimeKind {
        guard let kind = RuntimeKind(rawValue: text.lowercased()) else { throw .unknownRuntime(text) }
        return kind
    }
}

/// The timing flags a cluster's daemons run with, as Go durations (`200ms`, `1s`), passed through unchanged.
struct ClusterTiming: Codable, Sendable, Equatable {
    /// kubeletd `--heartbeat-interval`.
    var heartbeatInterval: String
    /// controlplane `--node-monitor-grace-period`.
    var nodeMonitorGracePeriod: String
    /// controlplane `--node-leave-timeout`.
    var nodeLeaveTimeout: String
    /// kubeletd `--image-pull-delay`.
    var imagePullDelay: String

    /// The binaries' own defaults.
    static let defaults = ClusterTiming(
        heartbeatInterval: "1s", nodeMonitorGracePeriod: "3s", nodeLeaveTimeout: "6s", imagePullDelay: "0s")
}

/// Whether a daemon process is running, from kctl's point of view.
enum NodeRunState: String, Codable, Sendable, Equatable {
    /// Running (its process is alive and not stopped).
    case running
    /// Frozen with SIGSTOP (`pause-node`).
    case paused
    /// Left gracefully (`stop-node`, SIGTERM).
    case stopped
    /// Killed with SIGKILL (`kill-node`).
    case killed
    /// Its process ended without kctl asking (crashed, or killed by someone else).
    case exited

    /// Whether a process is expected to exist.
    var hasProcess: Bool { self == .running || self == .paused }
}

/// One node of a cluster as recorded in `cluster.json`.
struct NodeRecord: Codable, Sendable, Equatable {
    /// The node's name (`n1`...).
    var name: String
    /// Its index in the cluster (1-based), which also picks its address.
    var index: Int
    /// Its InternalIP (process mode: its own loopback address, `127.0.<subnet>.<index>`).
    var ip: String
    /// The process id while it has a process (process runtime).
    var pid: Int32?
    /// Whether its process runs.
    var state: NodeRunState
    /// Whether its network is cut (`partition-node`).
    var partitioned: Bool
    /// Labels it registers with, `k=v,...` (empty for none).
    var labels: String
    /// Taints it registers with, `k=v:Effect,...` (empty for none).
    var taints: String
    /// Runtime-specific details (a container id, ...).
    var runtimeData: [String: String]

    init(
        name: String, index: Int, ip: String, pid: Int32? = nil, state: NodeRunState = .stopped,
        partitioned: Bool = false, labels: String = "", taints: String = "", runtimeData: [String: String] = [:]
    ) {
        self.name = name
        self.index = index
        self.ip = ip
        self.pid = pid
        self.state = state
        self.partitioned = partitioned
        self.labels = labels
        self.taints = taints
        self.runtimeData = runtimeData
    }
}

/// The control plane of a cluster as recorded in `cluster.json`.
struct ControlPlaneRecord: Codable, Sendable, Equatable {
    /// The process id while it runs (process runtime).
    var pid: Int32?
    /// The address it listens on, as reachable from this host.
    var host: String
    /// The API port (kept across restarts).
    var port: Int
    /// The bootstrap (join) port (kept across restarts).
    var bootstrapPort: Int
    /// Whether it runs.
    var running: Bool
    /// Runtime-specific details.
    var runtimeData: [String: String]

    init(
        pid: Int32? = nil, host: String = "127.0.0.1", port: Int = 0, bootstrapPort: Int = 0, running: Bool = false,
        runtimeData: [String: String] = [:]
    ) {
        self.pid = pid
        self.host = host
        self.port = port
        self.bootstrapPort = bootstrapPort
        self.running = running
        self.runtimeData = runtimeData
    }
}

/// A local cluster: everything `cluster.json` holds. Pure value; ``ClusterStore`` reads and writes it.
struct ClusterState: Codable, Sendable, Equatable {
    /// The cluster's name (`kcluster` by default).
    var name: String
    /// The runtime its daemons run in.
    var runtime: RuntimeKind
    /// When it was created (RFC 3339).
    var createdAt: String
    /// The timing flags its daemons run with.
    var timing: ClusterTiming
    /// The third octet of its nodes' loopback addresses (process mode), unique among this user's clusters.
    var subnet: Int
    /// The kubeconfig file its context was written to.
    var kubeconfigPath: String
    /// The control plane.
    var controlPlane: ControlPlaneRecord
    /// The nodes, in the order they were added.
    var nodes: [NodeRecord]
    /// Runtime-specific details (a network name, ...).
    var runtimeData: [String: String]

    init(
        name: String, runtime: RuntimeKind, createdAt: String, timing: ClusterTiming, subnet: Int,
        kubeconfigPath: String, controlPlane: ControlPlaneRecord = ControlPlaneRecord(), nodes: [NodeRecord] = [],
        runtimeData: [String: String] = [:]
    ) {
        self.name = name
        self.runtime = runtime
        self.createdAt = createdAt
        self.timing = timing
        self.subnet = subnet
        self.kubeconfigPath = kubeconfigPath
        self.controlPlane = controlPlane
        self.nodes = nodes
        self.runtimeData = runtimeData
    }

    /// The node named `name`.
    func node(_ name: String) throws(ClusterError) -> NodeRecord {
        guard let node = nodes.first(where: { $0.name == name }) else {
            throw .nodeNotFound(node: name, cluster: self.name)
        }
        return node
    }

    /// Changes the node named `name` (no-op when there is none).
    mutating func updateNode(_ name: String, _ change: (inout NodeRecord) -> Void) {
        guard let index = nodes.firstIndex(where: { $0.name == name }) else { return }
        change(&nodes[index])
    }

    /// The context kctl writes for this cluster: `kcluster-NAME`.
    var contextName: String { ClusterContext.contextName(for: name) }

    /// The state as `cluster.json` holds it (pretty, sorted keys).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Decodes `cluster.json`.
    static func decode(_ data: Data) throws -> ClusterState {
        try JSONDecoder().decode(ClusterState.self, from: data)
    }
}
