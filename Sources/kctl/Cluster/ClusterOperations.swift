import Foundation
import Wire

/// The flows behind `kctl cluster` commands: validation, `cluster.json` bookkeeping and the kubeconfig, around a
/// ``ClusterRuntime`` that starts and signals the daemons. Commands are thin wrappers over these.
struct ClusterOperations: Sendable {
    let store: ClusterStore
    /// Picks the runtime for a kind (``ClusterRuntimes/make(_:paths:)``; replaced in tests).
    let runtime: @Sendable (RuntimeKind) throws -> any ClusterRuntime
    /// The process environment (`HOME`, `KUBECONFIG`).
    let environment: [String: String]

    /// The operations for this user: state under `$HOME/.kctl/clusters`.
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> ClusterOperations {
        let paths = ClusterPaths(home: ClusterPaths.homeDirectory(environment: environment))
        return ClusterOperations(
            store: ClusterStore(paths: paths), runtime: { try ClusterRuntimes.make($0, paths: paths) },
            environment: environment)
    }

    /// The kubeconfig file kctl uses: `--kubeconfig`, else `$KUBECONFIG`'s first entry, else `~/.kctl/config`.
    func kubeconfigLocation(explicit: String?) -> KubeconfigLoader.Location {
        KubeconfigLoader.resolvePath(
            explicit: explicit, environment: environment,
            homeDirectory: ClusterPaths.homeDirectory(environment: environment))
    }

    /// The cluster a node command acts on: `--cluster`, else the current (or `--context`) context's cluster when it
    /// is one of ours, else `kcluster`.
    func targetCluster(explicit: String?, kubeconfig: String?, context: String?) -> String {
        if let explicit { return explicit }
        let config = try? KubeconfigLoader.loadIfPresent(from: kubeconfigLocation(explicit: kubeconfig).url)
        return ClusterContext.defaultCluster(
            config: config ?? nil, contextName: context, existing: Set(store.names()))
    }

    /// Deletes a cluster: stops its daemons, removes its context from the kubeconfig and its state directory.
    ///
    /// - Throws: ``ClusterError/notFound(_:)`` when there is no such cluster.
    func delete(_ name: String, kubeconfig: String?) async throws {
        guard store.exists(name) else { throw ClusterError.notFound(name) }
        try await store.withLock(name) {
            let state = try store.load(name)
            let runtime = try self.runtime(state.runtime)
            try await runtime.deleteCluster(state)
            var files = [URL(fileURLWithPath: state.kubeconfigPath)]
            let current = kubeconfigLocation(explicit: kubeconfig).url
            if current.path != state.kubeconfigPath { files.append(current) }
            for file in files { try removeContext(of: name, from: file) }
            try store.remove(name)
        }
        store.removeLock(name)
    }

    /// Removes the cluster's context from one kubeconfig file, if it is there.
    func removeContext(of cluster: String, from file: URL) throws {
        guard let config = try KubeconfigLoader.loadIfPresent(from: file) else { return }
        let updated = ClusterContext.removed(config, cluster: cluster)
        if updated != config { try KubeconfigLoader.write(updated, to: file) }
    }

    /// Writes the cluster's context into the kubeconfig file and makes it current.
    func writeContext(of state: ClusterState, access: ClusterAccess, to file: URL) throws {
        let config = try KubeconfigLoader.loadIfPresent(from: file) ?? Kubeconfig()
        try KubeconfigLoader.write(ClusterContext.merged(config, cluster: state.name, access: access), to: file)
    }
}
