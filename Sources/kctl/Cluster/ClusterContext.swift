import KubeAPI
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

    /// The cluster a command acts on: `explicit` (`--cluster`, or a NAME argument), else the one the chosen context
    /// (`--context`, else the current one) points at when it is one of ours, else ``defaultClusterName``; with
    /// how it was chosen, for the message when it does not exist.
    static func target(explicit: String?, config: Kubeconfig?, contextName: String?) -> ClusterTarget {
        if let explicit { return ClusterTarget(name: explicit, origin: .named) }
        let current = config?.currentContext ?? ""
        let chosen = contextName ?? current
        if let context = config?.contexts.first(where: { $0.name == chosen })?.context,
            context.cluster.hasPrefix(prefix)
        {
            return ClusterTarget(
                name: String(context.cluster.dropFirst(prefix.count)),
                origin: .context(chosen, current: contextName == nil))
        }
        return ClusterTarget(
            name: defaultClusterName, origin: .defaultName(context: chosen, current: contextName == nil))
    }

    /// What happened to the current context when a cluster's context was removed.
    enum CurrentContextChange: Sendable, Equatable {
        /// It was another context, and stays.
        case unchanged
        /// It was the removed one; another local cluster's context is current now.
        case switched(context: String, cluster: String)
        /// It was the removed one and no other local cluster has a context here: none is current. `remaining`
        /// lists the contexts left in the file.
        case cleared(remaining: [String])

        /// What `kctl cluster delete` says about it on standard error (nothing when unchanged).
        var notice: String? {
            switch self {
            case .unchanged:
                return nil
            case .switched(let context, let cluster):
                return "Switched to context \"\(context)\" (cluster \"\(cluster)\")."
            case .cleared(let remaining) where remaining.isEmpty:
                return
                    "No current context is set: no contexts remain. Create a local cluster with 'kctl cluster create'."
            case .cleared(let remaining):
                return "No current context is set. Choose one with 'kctl config use-context NAME' (contexts: "
                    + remaining.joined(separator: ", ") + ")."
            }
        }
    }

    /// `config` without `cluster`'s context; when it was current, the context of the most recently created of the
    /// `remaining` clusters that has one in `config` becomes current. Pure.
    static func removed(
        _ config: Kubeconfig, cluster: String, remaining: [ClusterState]
    ) -> (config: Kubeconfig, change: CurrentContextChange) {
        var updated = removed(config, cluster: cluster)
        guard config.currentContext == contextName(for: cluster), updated.currentContext.isEmpty else {
            return (updated, .unchanged)
        }
        let names = Set(updated.contexts.map(\.name))
        let candidates = remaining.filter { $0.name != cluster && names.contains($0.contextName) }
            .sorted { ($0.createdAt, $0.name) > ($1.createdAt, $1.name) }
        guard let next = candidates.first else {
            return (updated, .cleared(remaining: updated.contexts.map(\.name)))
        }
        updated.currentContext = next.contextName
        return (updated, .switched(context: next.contextName, cluster: next.name))
    }
}

/// A cluster chosen for a command, and how it was chosen.
struct ClusterTarget: Sendable, Equatable {
    /// How the name was found.
    enum Origin: Sendable, Equatable {
        /// Named on the command line (`--cluster NAME`, or the NAME argument).
        case named
        /// From a context pointing at a local cluster: the current one, or `--context`.
        case context(String, current: Bool)
        /// ``ClusterContext/defaultClusterName``, because the chosen context (empty: none) is not a local cluster's.
        case defaultName(context: String, current: Bool)
    }

    var name: String
    var origin: Origin
}

/// A command's cluster does not exist: says which name was looked for, how it was chosen, and what exists.
struct ClusterNotFound: Error, Sendable, Equatable, CustomStringConvertible {
    var target: ClusterTarget
    /// The clusters that exist.
    var existing: [String]

    var description: String {
        let how: String
        switch target.origin {
        case .named:
            how = "as named on the command line"
        case .context(let context, let current):
            how = current ? "from the current context \"\(context)\"" : "from --context \"\(context)\""
        case .defaultName(let context, let current):
            let which = current ? "the current context" : "--context"
            how =
                context.isEmpty
                ? "the default name: no --cluster, and no current context is set"
                : "the default name: no --cluster, and \(which) \"\(context)\" is not a local cluster's"
        }
        let hint =
            existing.isEmpty
            ? "There are no local clusters: create one with 'kctl cluster create NAME'."
            : "Local clusters: \(existing.joined(separator: ", ")). Choose one with --cluster NAME, or make it "
                + "current with 'kctl config use-context \(ClusterContext.prefix)NAME'."
        return "cluster \"\(target.name)\" not found (\(how))\n\(hint)"
    }
}
