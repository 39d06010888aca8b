import KubeAPI

/// Kubernetes' RBAC authorizer over one ``RBACPolicy``: a request is allowed when a rule of a role bound to the user
/// (by a ClusterRoleBinding, or by a RoleBinding of the request's namespace) matches it. Pure.
///
/// Matching is Kubernetes': `*` matches any verb, API group or resource; `*/sub` matches that subresource of any
/// resource; a rule's resource `pods/log` matches only that subresource; `resourceNames` limit a rule to the named
/// objects (a request that names none, a list or create, is not matched); a non-resource URL rule matches the path
/// exactly, or every path under a prefix ending in `*`, and only through ClusterRoleBindings.
struct RBACAuthorizer: Sendable {
    let policy: RBACPolicy

    /// The decision: allowed, or not with the reason Kubernetes adds to the Forbidden message (the roles that bound
    /// roles name and that do not exist, `RBAC: role.rbac.authorization.k8s.io "x" not found`; empty otherwise).
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var reason: String
    }

    func authorize(_ user: RBACUser, _ attributes: AuthorizationAttributes) -> Decision {
        var errors: [String] = []
        var allowed = false
        visitRules(for: user, namespace: attributes.namespace, errors: &errors) { rule in
            if Self.matches(rule, attributes) {
                allowed = true
                return false
            }
            return true
        }
        if allowed { return Decision(allowed: true, reason: "") }
        return Decision(allowed: false, reason: Self.reason(errors))
    }

    /// Every rule that applies to `user` in `namespace` (empty: cluster-wide only), in Kubernetes' order: those of
    /// ClusterRoleBindings, then those of the namespace's RoleBindings; with the errors met (missing roles).
    func rules(for user: RBACUser, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        var rules: [PolicyRule] = []
        var errors: [String] = []
        visitRules(for: user, namespace: namespace, errors: &errors) { rule in
            rules.append(rule)
            return true
        }
        return (rules, errors)
    }

    /// Kubernetes' reason for a denial: `RBAC: <error>`, or `RBAC: [<error>, <error>]` for several; empty for none.
    static func reason(_ errors: [String]) -> String {
        switch errors.count {
        case 0: return ""
        case 1: return "RBAC: \(errors[0])"
        default: return "RBAC: [\(errors.joined(separator: ", "))]"
        }
    }

    /// Calls `visit` with each applicable rule until it returns false.
    private func visitRules(
        for user: RBACUser, namespace: String, errors: inout [String], _ visit: (PolicyRule) -> Bool
    ) {
        for binding in policy.clusterRoleBindings
        where (binding.subjects ?? []).contains(where: { Self.applies($0, to: user, bindingNamespace: "") }) {
            guard let rules = policy.clusterRoleRules(binding.roleRef.name) else {
                errors.append("clusterrole.rbac.authorization.k8s.io \"\(binding.roleRef.name)\" not found")
                continue
            }
            for rule in rules where !visit(rule) { return }
        }
        guard !namespace.isEmpty else { return }
        for binding in policy.roleBindings[namespace] ?? []
        where (binding.subjects ?? []).contains(where: { Self.applies($0, to: user, bindingNamespace: namespace) }) {
            let rules: [PolicyRule]?
            if binding.roleRef.kind == "Role" {
                rules = policy.roles[namespace]?[binding.roleRef.name]
                if rules == nil { errors.append("role.rbac.authorization.k8s.io \"\(binding.roleRef.name)\" not found") }
            } else {
                rules = policy.clusterRoleRules(binding.roleRef.name)
                if rules == nil {
                    errors.append("clusterrole.rbac.authorization.k8s.io \"\(binding.roleRef.name)\" not found")
                }
            }
            for rule in rules ?? [] where !visit(rule) { return }
        }
    }

    // MARK: - Matching (pure, static)

    /// Whether a binding's subject is `user`: a User by name, a Group the user is in, or a ServiceAccount whose user
    /// name is `system:serviceaccount:<namespace>:<name>` (a RoleBinding's subject without a namespace is in the
    /// binding's).
    static func applies(_ subject: Subject, to user: RBACUser, bindingNamespace: String) -> Bool {
        switch subject.kind {
        case Subject.userKind:
            return subject.name == user.name
        case Subject.groupKind:
            return user.groups.contains(subject.name)
        case Subject.serviceAccountKind:
            let namespace = (subject.namespace ?? "").isEmpty ? bindingNamespace : subject.namespace ?? ""
            guard !namespace.isEmpty else { return false }
            return user.name == ServiceAccountUser.name(namespace: namespace, name: subject.name)
        default:
            return false
        }
    }

    /// Whether `rule` allows `attributes`.
    static func matches(_ rule: PolicyRule, _ attributes: AuthorizationAttributes) -> Bool {
        guard verbMatches(rule, attributes.verb) else { return false }
        if let path = attributes.path { return nonResourceURLMatches(rule, path) }
        return apiGroupMatches(rule, attributes.apiGroup)
            && resourceMatches(rule, attributes.resource, subresource: attributes.subresource)
            && resourceNameMatches(rule, attributes.name)
    }

    static func verbMatches(_ rule: PolicyRule, _ verb: String) -> Bool {
        rule.verbs.contains("*") || rule.verbs.contains(verb)
    }

    static func apiGroupMatches(_ rule: PolicyRule, _ group: String) -> Bool {
        let groups = rule.apiGroups ?? []
        return groups.contains("*") || groups.contains(group)
    }

    /// `*`, the resource (with `/subresource` when the request has one), or `*/subresource`.
    static func resourceMatches(_ rule: PolicyRule, _ resource: String, subresource: String) -> Bool {
        let combined = subresource.isEmpty ? resource : "\(resource)/\(subresource)"
        for ruleResource in rule.resources ?? [] {
            if ruleResource == "*" || ruleResource == combined { return true }
            if !subresource.isEmpty && ruleResource == "*/\(subresource)" { return true }
        }
        return false
    }

    static func resourceNameMatches(_ rule: PolicyRule, _ name: String) -> Bool {
        let names = rule.resourceNames ?? []
        return names.isEmpty || names.contains(name)
    }

    static func nonResourceURLMatches(_ rule: PolicyRule, _ path: String) -> Bool {
        for url in rule.nonResourceURLs ?? [] {
            if url == "*" || url == path { return true }
            if url.hasSuffix("*") && path.hasPrefix(String(url.dropLast())) { return true }
        }
        return false
    }
}

/// The user names of ServiceAccounts: `system:serviceaccount:<namespace>:<name>`, in the groups
/// `system:serviceaccounts` and `system:serviceaccounts:<namespace>`.
enum ServiceAccountUser {
    static let prefix = "system:serviceaccount:"

    static func name(namespace: String, name: String) -> String { "\(prefix)\(namespace):\(name)" }

    /// The namespace and name of a ServiceAccount user name; nil for other users.
    static func parse(_ user: String) -> (namespace: String, name: String)? {
        guard user.hasPrefix(prefix) else { return nil }
        let parts = user.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The groups of a ServiceAccount of `namespace` (besides `system:authenticated`, which every user is in).
    static func groups(namespace: String) -> [String] {
        ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"]
    }
}
