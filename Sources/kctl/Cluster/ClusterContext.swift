import Wire

/// The admin credentials of a cluster and where its API is reachable from this host.
struct ClusterAccess: Sendable, Equatable {
    var server: ServerAddress
    var caPEM: String
    var certPEM: String
    var keyPEM: String
}

/// How a local cluster appears in the user's kubeconfig: context and cluster `kcluster-NAME`, user
/// `kcluster-NAME-admin` (as kind writes `kind-NAME`). Pure.
enum ClusterContext {
    /// The prefix of every context kctl writes for its clusters.
    static let prefix = "kcluster-"
    /// The cluster used when none is named and the current context is not one of ours.
    static let defaultClusterName = "kcluster"

    /// `kcluster-NAME`.
    static func contextName(for cluster: String) -> String { prefix + cluster }

    /// `kcluster-NAME-admin`.
    static func userName(for cluster: String) -> String { prefix + cluster + "-admin" }

    /// `config` with the cluster's context added or replaced, and made current.
    static func merged(_ config: Kubeconfig, cluster: String, access: ClusterAccess) -> Kubeconfig {
        config.upserting(
            contextName: contextName(for: cluster), clusterName: contextName(for: cluster), server: access.server,
            caPEM: access.caPEM, userName: userName(for: cluster), certPEM: access.certPEM, keyPEM: access.keyPEM)
    }

    /// `config` without the cluster's context (and its cluster and user entries).
    static func removed(_ config: Kubeconfig, cluster: String) -> Kubeconfig {
        config.removingContext(named: contextName(for: cluster))
    }

    /// The cluster a node command acts on without `--cluster`: the one the chosen context (`--context`, else the
    /// current one) points at, if it is one of ours and exists; else ``defaultClusterName``.
    static func defaultCluster(config: Kubeconfig?, contextName: String?, existing: Set<String>) -> String {
        guard let config else { return defaultClusterName }
        let chosen = contextName ?? config.currentContext
        guard let context = config.contexts.first(where: { $0.name == chosen })?.context,
            context.cluster.hasPrefix(prefix)
        else { return defaultClusterName }
        let name = String(context.cluster.dropFirst(prefix.count))
        return existing.contains(name) ? name : defaultClusterName
    }
}
