import KubeAPI
import Wire

/// What `kctl cluster list` prints, as k3d's `cluster list` does: per cluster its runtime, how many nodes are Ready
/// out of how many, their states, the control plane's address and whether its context is current. Pure: it works
/// on saved states (refreshed by the caller) and the current context's name.
///
/// A node counts as Ready when kctl sees its daemon running with its network up; the other states are the fault
/// verbs' (`paused`, `partitioned`, `killed`, `stopped`) and `exited` for a daemon that ended by itself.
enum ClusterListTable {
    /// The table's column names.
    static let header = ["NAME", "RUNTIME", "NODES", "STATUS", "SERVER", "CURRENT"]

    /// The state words, in the order STATUS lists them.
    static let stateOrder = ["Ready", "paused", "partitioned", "killed", "stopped", "exited"]

    /// The table for `clusters` (sorted by name), `currentContext` marking the current one; `""` for none.
    static func render(_ clusters: [ClusterState], currentContext: String) -> String {
        TableWriter.render(header: header, rows: clusters.sorted { $0.name < $1.name }.map { row($0, currentContext) })
    }

    /// `-o name`: the names, one per line.
    static func names(_ clusters: [ClusterState]) -> String {
        clusters.map(\.name).sorted().map { $0 + "\n" }.joined()
    }

    /// One cluster's cells.
    static func row(_ cluster: ClusterState, _ currentContext: String) -> [String] {
        let states = cluster.nodes.map(nodeState)
        let ready = states.filter { $0 == "Ready" }.count
        return [
            cluster.name, cluster.runtime.rawValue, "\(ready)/\(cluster.nodes.count)", status(cluster, states),
            server(cluster.controlPlane), cluster.contextName == currentContext ? "*" : "",
        ]
    }

    /// A node's state word.
    static func nodeState(_ node: NodeRecord) -> String {
        switch node.state {
        case .running: return node.partitioned ? "partitioned" : "Ready"
        case .paused: return "paused"
        case .stopped: return "stopped"
        case .killed: return "killed"
        case .exited: return "exited"
        }
    }

    /// `3 Ready`, `2 Ready, 1 killed`, `no nodes`; `control plane stopped` first when it does not run.
    static func status(_ cluster: ClusterState, _ states: [String]) -> String {
        var parts = cluster.controlPlane.running ? [] : ["control plane stopped"]
        for word in stateOrder {
            let count = states.filter { $0 == word }.count
            if count > 0 { parts.append("\(count) \(word)") }
        }
        if states.isEmpty { parts.append("no nodes") }
        return parts.joined(separator: ", ")
    }

    /// `HOST:PORT` of the API, `-` before the control plane ever listened.
    static func server(_ controlPlane: ControlPlaneRecord) -> String {
        controlPlane.port > 0 ? ServerAddress(host: controlPlane.host, port: controlPlane.port).hostPort : "-"
    }
}
