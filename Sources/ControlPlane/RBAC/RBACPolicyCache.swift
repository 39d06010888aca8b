import KubeAPI
import Synchronization

/// The current ``RBACPolicy`` for the API server's authorizer, rebuilt from the store only after an RBAC object
/// changed: one watch per RBAC kind, drained by a task, tells whether anything was written since the policy was
/// built. A write is offered to its watchers before the writer's call returns, so a request that follows an
/// acknowledged write always sees it (never a stale policy), and requests between writes reuse the decoded policy.
final class RBACPolicyCache: Sendable {
    private struct State {
        var policy: RBACPolicy?
        /// The store's resourceVersion the policy is consistent with.
        var builtAt: Int64 = 0
        /// One watch per kind; empty until first used.
        var watches: [WatchStream] = []
        var drains: [Task<Void, Never>] = []
    }

    private let store: any ObjectStorage
    private let state = Mutex(State())

    static let kinds = [ResourceKind.role, .clusterRole, .roleBinding, .clusterRoleBinding].map(\.kind)

    init(store: any ObjectStorage) {
        self.store = store
    }

    deinit {
        state.withLock { state in
            for drain in state.drains { drain.cancel() }
        }
    }

    /// The policy as of now.
    func policy() -> RBACPolicy {
        let cached: RBACPolicy? = state.withLock { state in
            if state.watches.isEmpty { startWatching(&state) }
            guard let policy = state.policy, state.watches.count == Self.kinds.count,
                state.watches.allSatisfy({ $0.hasNoEvents(after: state.builtAt) })
            else { return nil }
            return policy
        }
        if let cached { return cached }
        return rebuild()
    }

    private func rebuild() -> RBACPolicy {
        var lists: [[JSONValue]] = []
        var version = Int64.max
        for kind in Self.kinds {
            let (items, listed) = (try? store.list(kind: kind, namespace: nil)) ?? ([], 0)
            lists.append(items)
            version = min(version, listed)
        }
        let policy = RBACPolicy(roles: lists[0], clusterRoles: lists[1], roleBindings: lists[2], clusterRoleBindings: lists[3])
        state.withLock { state in
            // A watch that ended (cut off) is replaced; the policy is then rebuilt on the next read.
            if state.watches.contains(where: { $0.hasEnded }) {
                for drain in state.drains { drain.cancel() }
                state.watches = []
                state.drains = []
                state.policy = nil
                return
            }
            state.policy = policy
            state.builtAt = version
        }
        return policy
    }

    private func startWatching(_ state: inout State) {
        let from = store.resourceVersion
        for kind in Self.kinds {
            guard let stream = try? store.watch(kind: kind, namespace: nil, fromResourceVersion: from) else { continue }
            state.watches.append(stream)
            state.drains.append(Task.detached { for await _ in stream {} })
        }
        state.policy = nil
    }
}
