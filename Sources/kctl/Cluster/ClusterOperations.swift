import Foundation
import KubeAPI
import Wire

/// The flows behind `kctl cluster` commands: validation, `cluster.json` bookkeeping and the kubeconfig, around a
/// ``ClusterRuntime`` that starts and signals the daemons. Commands are thin wrappers over these.
struct ClusterOperations: Sendable {
    let store: ClusterStore
    /// Picks the runtime for a kind (``ClusterRuntimes/make(_:paths:)``; replaced in tests).
    let runtime: @Sendable (RuntimeKind) throws -> any ClusterRuntime
    /// The process environment (`HOME`, `KUBECONFIG`).
    let environment: [String: String]
    /// Loopback subnets where something on the machine already listens (``LoopbackListeners/subnetsInUse()``;
    /// replaced in tests, whose outcome must not depend on clusters other tests run at the same time).
    var subnetsInUse: @Sendable () -> Set<Int> = { LoopbackListeners.subnetsInUse() }

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

    /// Where kubectl looks when no `--kubeconfig` is given and `KUBECONFIG` is unset (kind writes there too).
    static let kubectlDefaultRelativePath = ".kube/config"

    /// The kubeconfig files a cluster's context is written to and removed from: the `--kubeconfig` file alone when
    /// the flag is given; else kctl's (``kubeconfigLocation(explicit:)``) and kubectl's (`$KUBECONFIG`'s first
    /// entry, else `~/.kube/config`), one file when `KUBECONFIG` is set. kctl's comes first.
    func contextFiles(explicit: String?) -> [URL] {
        let own = kubeconfigLocation(explicit: explicit)
        guard own.source == .defaultPath else { return [own.url] }
        let kubectl = ClusterPaths.homeDirectory(environment: environment)
            .appendingPathComponent(Self.kubectlDefaultRelativePath)
        return own.url.standardizedFileURL == kubectl.standardizedFileURL ? [own.url] : [own.url, kubectl]
    }

    /// The cluster a command acts on (see ``ClusterContext/target(explicit:config:contextName:)``).
    ///
    /// - Throws: ``ClusterNotFound`` naming the cluster looked for and how it was chosen, when it does not exist.
    func selectCluster(explicit: String?, kubeconfig: String?, context: String?) throws -> String {
        let config = try? KubeconfigLoader.loadIfPresent(from: kubeconfigLocation(explicit: kubeconfig).url)
        let target = ClusterContext.target(explicit: explicit, config: config ?? nil, contextName: context)
        let existing = store.names()
        guard existing.contains(target.name) else { throw ClusterNotFound(target: target, existing: existing) }
        return target.name
    }

    /// Deletes a cluster: stops its daemons, removes its context from the kubeconfig and its state directory.
    /// When its context was current, another local cluster's becomes current (see
    /// ``ClusterContext/removed(_:cluster:remaining:)``); returns what happened to the current context of the
    /// kubeconfig kctl uses.
    ///
    /// - Throws: ``ClusterError/notFound(_:)`` when there is no such cluster.
    @discardableResult
    func delete(_ name: String, kubeconfig: String?) async throws -> ClusterContext.CurrentContextChange {
        guard store.exists(name) else { throw ClusterError.notFound(name) }
        let change = try await store.withLock(name) {
            let state = try store.load(name)
            let runtime = try self.runtime(state.runtime)
            try await runtime.deleteCluster(state)
            let current = kubeconfigLocation(explicit: kubeconfig).url
            let remaining = store.all().filter { $0.name != name }
            var change = ClusterContext.CurrentContextChange.unchanged
            let files = [URL(fileURLWithPath: state.kubeconfigPath)] + contextFiles(explicit: kubeconfig)
            for file in Set(files.map(\.standardizedFileURL)) {
                let fileChange = try removeContext(of: name, from: file, remaining: remaining)
                if file == current.standardizedFileURL { change = fileChange }
            }
            try store.remove(name)
            return change
        }
        store.removeLock(name)
        return change
    }

    /// Removes the cluster's context from one kubeconfig file, if it is there, and picks the next current context.
    func removeContext(
        of cluster: String, from file: URL, remaining: [ClusterState]
    ) throws -> ClusterContext.CurrentContextChange {
        guard let config = try KubeconfigLoader.loadIfPresent(from: file) else { return .unchanged }
        let (updated, change) = ClusterContext.removed(config, cluster: cluster, remaining: remaining)
        if updated != config { try KubeconfigLoader.write(updated, to: file) }
        return change
    }

    /// Writes the cluster's context into the kubeconfig file and makes it current.
    func writeContext(of state: ClusterState, access: ClusterAccess, to file: URL) throws {
        let config = try KubeconfigLoader.loadIfPresent(from: file) ?? Kubeconfig()
        try KubeconfigLoader.write(ClusterContext.merged(config, cluster: state.name, access: access), to: file)
    }
}
