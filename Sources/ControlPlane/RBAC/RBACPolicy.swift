import KubeAPI
import Wire

/// The RBAC objects of a cluster at one moment: Roles, ClusterRoles, RoleBindings and ClusterRoleBindings, decoded
/// once and indexed for the authorizer. Pure: built from stored objects (objects that do not decode are skipped).
struct RBACPolicy: Sendable {
    /// namespace → name → the Role's rules.
    var roles: [String: [String: [PolicyRule]]] = [:]
    /// name → ClusterRole.
    var clusterRoles: [String: ClusterRole] = [:]
    /// namespace → that namespace's RoleBindings, in name order.
    var roleBindings: [String: [RoleBinding]] = [:]
    /// Every ClusterRoleBinding, in name order.
    var clusterRoleBindings: [ClusterRoleBinding] = []
    /// The rules of the aggregated ClusterRoles, worked out once when the policy is built.
    private var aggregated: [String: [PolicyRule]] = [:]

    init() {}

    init(roles: [Role], clusterRoles: [ClusterRole], roleBindings: [RoleBinding], clusterRoleBindings: [ClusterRoleBinding]) {
        for role in roles {
            self.roles[role.metadata.namespace ?? "", default: [:]][role.metadata.name ?? ""] = role.rules ?? []
        }
        for role in clusterRoles { self.clusterRoles[role.metadata.name ?? ""] = role }
        for binding in roleBindings.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            self.roleBindings[binding.metadata.namespace ?? "", default: []].append(binding)
        }
        self.clusterRoleBindings = clusterRoleBindings.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        aggregateClusterRoles()
    }

    /// Works out the rules of every aggregated ClusterRole (after a change to ``clusterRoles``).
    mutating func aggregateClusterRoles() {
        aggregated = [:]
        var result: [String: [PolicyRule]] = [:]
        for (name, role) in clusterRoles where role.aggregationRule != nil {
            var visiting: Set<String> = []
            result[name] = clusterRoleRules(name, visiting: &visiting)
        }
        aggregated = result
    }

    /// The policy of stored objects (each list of its kind).
    init(roles: [JSONValue], clusterRoles: [JSONValue], roleBindings: [JSONValue], clusterRoleBindings: [JSONValue]) {
        func decoded<T: Decodable>(_ objects: [JSONValue], _: T.Type) -> [T] {
            objects.compactMap { try? $0.decode(as: T.self) }
        }
        self.init(
            roles: decoded(roles, Role.self), clusterRoles: decoded(clusterRoles, ClusterRole.self),
            roleBindings: decoded(roleBindings, RoleBinding.self),
            clusterRoleBindings: decoded(clusterRoleBindings, ClusterRoleBinding.self))
    }

    /// The rules of the ClusterRole `name`: with an aggregation rule, the rules of every other ClusterRole its
    /// selectors match (in name order, themselves aggregated, each rule once), as the aggregation controller keeps
    /// them; else its own. nil when there is no such ClusterRole.
    func clusterRoleRules(_ name: String) -> [PolicyRule]? {
        if let rules = aggregated[name] { return rules }
        var visiting: Set<String> = []
        return clusterRoleRules(name, visiting: &visiting)
    }

    private func clusterRoleRules(_ name: String, visiting: inout Set<String>) -> [PolicyRule]? {
        guard let role = clusterRoles[name] else { return nil }
        guard let aggregation = role.aggregationRule else { return role.rules ?? [] }
        guard visiting.insert(name).inserted else { return [] }
        defer { visiting.remove(name) }
        let selectors = (aggregation.clusterRoleSelectors ?? []).compactMap { try? $0.selector() }
        var rules: [PolicyRule] = []
        for other in clusterRoles.keys.sorted() where other != name {
            let labels = clusterRoles[other]?.metadata.labels ?? [:]
            guard selectors.contains(where: { $0.matches(labels) }) else { continue }
            for rule in clusterRoleRules(other, visiting: &visiting) ?? [] where !rules.contains(rule) {
                rules.append(rule)
            }
        }
        return rules
    }
}
