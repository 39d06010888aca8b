import KubeAPI

/// What `kubectl create role|clusterrole|rolebinding|clusterrolebinding` sends, from their flags: a role's rules
/// (one per API group of the resources, in group order, with the verbs and resource names; then one for the
/// non-resource URLs) or a binding's role reference and subjects, with kubectl's refusals and warning. Pure.
enum RBACGenerator {
    /// A refusal, printed as is (kubectl's own text, `error: ...` or not).
    struct Refusal: Error, CustomStringConvertible, Equatable {
        var description: String
    }

    static let standardVerbs = ["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"]
    static let nonResourceVerbs = ["*", "get", "post", "put", "delete", "patch", "head", "options"]
    /// Verbs that apply only to some resources (group, resource).
    static let specialVerbs: [String: [(group: String, resource: String)]] = [
        "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
        "bind": [(RBACGroup.name, "roles"), (RBACGroup.name, "clusterroles")],
        "escalate": [(RBACGroup.name, "roles"), (RBACGroup.name, "clusterroles")],
        "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras"),
                        ("authentication.k8s.io", "uids")],
    ]

    /// The values of a comma-separated, repeatable flag (pflag's string slice).
    static func slice(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// `resource[.group][/subresource]` resolved as kubectl's REST mapper does over the served kinds (`po` is
    /// `pods`, `deploy` is `deployments` in `apps`); names it does not know stay as typed.
    static func resolve(_ text: String) -> (group: String, resource: String, known: Bool) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var name = parts[0]
        var group: String?
        if let dot = name.firstIndex(of: ".") {
            group = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        let lowered = name.lowercased()
        let kind = ResourceKind.all.first { kind in
            (group == nil || kind.group == group)
                && (lowered == kind.plural || lowered == kind.singular || kind.shortNames.contains(lowered))
        }
        var resource = kind?.plural ?? name
        if parts.count == 2 { resource += "/\(parts[1])" }
        return (kind?.group ?? group ?? "", resource, kind != nil)
    }

    /// The rules of `create role` (and `create clusterrole` with `urls`), after kubectl's checks; `warnings` get
    /// kubectl's warning for each verb that is not a standard one.
    static func rules(
        verbs rawVerbs: [String], resources rawResources: [String], resourceNames: [String], urls rawURLs: [String] = [],
        warnings: inout [String]
    ) throws(Refusal) -> [PolicyRule] {
        let verbs = slice(rawVerbs)
        let resources = slice(rawResources)
        let urls = slice(rawURLs)
        guard !verbs.isEmpty else { throw Refusal(description: "error: at least one verb must be specified") }
        guard !resources.isEmpty || !urls.isEmpty else {
            throw Refusal(description: "error: at least one resource must be specified")
        }
        for url in urls {
            if !url.hasPrefix("/") { throw Refusal(description: "error: nonResourceURL should start with /") }
            if url.dropLast().contains("*") {
                throw Refusal(description: "error: nonResourceURL only supports wildcard matches when '*' is at the end")
            }
        }
        if !urls.isEmpty {
            for verb in verbs where !nonResourceVerbs.contains(verb) {
                throw Refusal(description: "error: invalid verb: '\(verb)' for nonResourceURL")
            }
        }
        for verb in verbs where !standardVerbs.contains(verb) && !nonResourceVerbs.contains(verb) {
            warnings.append("Warning: '\(verb)' is not a standard resource verb")
        }
        var groups: [String: [String]] = [:]
        for text in resources where !text.isEmpty {
            let (group, resource, known) = resolve(text)
            let plain = String(resource.prefix { $0 != "/" })
            var special = false
            for verb in verbs {
                guard let allowed = specialVerbs[verb] else { continue }
                guard allowed.contains(where: { $0.group == group && $0.resource == plain }) || text == "*" else {
                    throw Refusal(description: "error: can not perform '\(verb)' on '\(plain)' in group '\(group)'")
                }
                special = true
            }
            if !known && !special && text != "*" {
                throw Refusal(description: "the server doesn't have a resource type \(GoQuote.quote(plain))")
            }
            if !(groups[group] ?? []).contains(resource) { groups[group, default: []].append(resource) }
        }
        var rules = groups.keys.sorted().map { group in
            PolicyRule(
                verbs: verbs, apiGroups: [group], resources: groups[group],
                resourceNames: resourceNames.isEmpty ? nil : resourceNames)
        }
        if !urls.isEmpty { rules.append(PolicyRule(verbs: verbs, nonResourceURLs: urls)) }
        return rules
    }

    /// `--aggregation-rule=key=value,...`: one selector matching those labels.
    static func aggregationRule(_ text: String) throws(Refusal) -> AggregationRule {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw Refusal(description: "error: invalid argument \"\(text)\" for \"--aggregation-rule\" flag: \(pair) must be formatted as key=value")
            }
            labels[parts[0]] = parts[1]
        }
        return AggregationRule(clusterRoleSelectors: [LabelSelector(matchLabels: labels)])
    }

    /// The role reference and subjects of `create rolebinding` (`role` or `clusterRole`) and `create
    /// clusterrolebinding` (`clusterRole` only): users, then groups, then service accounts (`namespace:name`).
    static func binding(
        role: String?, clusterRole: String?, users: [String], groups: [String], serviceAccounts: [String]
    ) throws(Refusal) -> (roleRef: RoleRef, subjects: [Subject]) {
        let roleRef: RoleRef
        switch (role.flatMap { $0.isEmpty ? nil : $0 }, clusterRole.flatMap { $0.isEmpty ? nil : $0 }) {
        case (let role?, nil): roleRef = RoleRef(kind: "Role", name: role)
        case (nil, let clusterRole?): roleRef = RoleRef(kind: "ClusterRole", name: clusterRole)
        default: throw Refusal(description: "error: exactly one of clusterrole or role must be specified")
        }
        var subjects = users.map { Subject(kind: Subject.userKind, name: $0, apiGroup: RBACGroup.name) }
        subjects += groups.map { Subject(kind: Subject.groupKind, name: $0, apiGroup: RBACGroup.name) }
        for account in serviceAccounts {
            let parts = account.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Refusal(description: "error: serviceaccount must be <namespace>:<name>")
            }
            subjects.append(Subject(kind: Subject.serviceAccountKind, name: parts[1], namespace: parts[0]))
        }
        return (roleRef, subjects)
    }
}
