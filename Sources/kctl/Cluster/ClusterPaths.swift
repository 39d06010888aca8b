import Foundation

/// Where clusters keep their state: `~/.kctl/clusters/NAME/` with `cluster.json`, `controlplane/`, `nodes/<node>/`
/// and `logs/`. Pure path arithmetic.
struct ClusterPaths: Sendable, Equatable {
    /// `~/.kctl/clusters`.
    let root: URL

    init(root: URL) {
        self.root = root
    }

    /// The paths under `home` (`$HOME`).
    init(home: URL) {
        self.init(root: home.appendingPathComponent(".kctl/clusters", isDirectory: true))
    }

    /// The home directory: `$HOME` when set, else the user's home from the password database.
    static func homeDirectory(environment: [String: String]) -> URL {
        if let home = environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home, isDirectory: true) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    func directory(_ cluster: String) -> URL { root.appendingPathComponent(cluster, isDirectory: true) }
    func stateFile(_ cluster: String) -> URL { directory(cluster).appendingPathComponent("cluster.json") }
    /// The lock serialising commands on one cluster (beside its directory, so `delete` can remove the directory).
    func lockFile(_ cluster: String) -> URL { root.appendingPathComponent(".\(cluster).lock") }
    func controlPlaneDirectory(_ cluster: String) -> URL {
        directory(cluster).appendingPathComponent("controlplane", isDirectory: true)
    }
    func nodeDirectory(_ cluster: String, node: String) -> URL {
        directory(cluster).appendingPathComponent("nodes/\(node)", isDirectory: true)
    }
    func logsDirectory(_ cluster: String) -> URL {
        directory(cluster).appendingPathComponent("logs", isDirectory: true)
    }
    func controlPlaneLog(_ cluster: String) -> URL { logsDirectory(cluster).appendingPathComponent("controlplane.log") }
    func nodeLog(_ cluster: String, node: String) -> URL {
        logsDirectory(cluster).appendingPathComponent("\(node).log")
    }
}
