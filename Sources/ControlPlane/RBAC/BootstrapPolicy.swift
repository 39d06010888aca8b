import KubeAPI

/// The ClusterRoles and ClusterRoleBindings every cluster starts with, as Kubernetes' RBAC bootstrap policy
/// (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy`) creates them: `cluster-admin` (bound to `system:masters`),
/// the aggregated user-facing roles `admin`, `edit` and `view` with the `system:aggregate-to-*` roles they gather,
/// the roles every authenticated user holds (`system:basic-user`, `system:discovery`,
/// `system:public-info-viewer`), and the unbound roles third-party manifests bind (`system:node-problem-detector`
/// among them). Pure data.
enum BootstrapPolicy {
    static let bootstrappingLabel = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    static let autoupdate = ["rbac.authorization.kubernetes.io/autoupdate": "true"]

    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]
    static let readWrite = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]

    static func aggregateLabel(_ role: String) -> String { "rbac.authorization.k8s.io/aggregate-to-\(role)" }

    static func rule(_ verbs: [String], _ groups: [String], _ resources: [String], names: [String]? = nil) -> PolicyRule {
        PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names)
    }

    static func urls(_ verbs: [String], _ urls: [String]) -> PolicyRule {
        PolicyRule(verbs: verbs, nonResourceURLs: urls)
    }

    static func role(
        _ name: String, labels: [String: String] = [:], aggregateTo: [String] = [], aggregating: String? = nil,
        _ rules: [PolicyRule]
    ) -> ClusterRole {
        var allLabels = bootstrappingLabel.merging(labels) { _, new in new }
        for target in aggregateTo { allLabels[aggregateLabel(target)] = "true" }
        let aggregation = aggregating.map {
            AggregationRule(clusterRoleSelectors: [LabelSelector(matchLabels: [aggregateLabel($0): "true"])])
        }
        return ClusterRole(
            metadata: ObjectMeta(name: name, labels: allLabels, annotations: autoupdate), rules: rules,
            aggregationRule: aggregation)
    }

    static func binding(_ name: String, groups: [String] = [], serviceAccount: (namespace: String, name: String)? = nil)
        -> ClusterRoleBinding
    {
        var subjects = groups.map { Subject(kind: Subject.groupKind, name: $0, apiGroup: RBACGroup.name) }
        if let serviceAccount {
            subjects.append(Subject(kind: Subject.serviceAccountKind, name: serviceAccount.name, namespace: serviceAccount.namespace))
        }
        return ClusterRoleBinding(
            metadata: ObjectMeta(name: name, labels: bootstrappingLabel, annotations: autoupdate), subjects: subjects,
            roleRef: RoleRef(kind: "ClusterRole", name: name))
    }

    static let discoveryURLs = [
        "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version",
        "/version/",
    ]
    static let publicInfoURLs = ["/healthz", "/livez", "/readyz", "/version", "/version/"]

    static let viewRules: [PolicyRule] = [
        rule(read, [""], [
            "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
            "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps",
        ]),
        rule(read, [""], [
            "bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
            "replicationcontrollers/status", "resourcequotas", "resourcequotas/status",
        ]),
        rule(read, [""], ["namespaces"]),
        rule(read, ["discovery.k8s.io"], ["endpointslices"]),
        rule(read, ["apps"], [
            "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
            "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
            "statefulsets/scale", "statefulsets/status",
        ]),
        rule(read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
        rule(read, ["extensions"], [
            "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
            "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status",
            "replicationcontrollers/scale",
        ]),
        rule(read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    ]

    static let editRules: [PolicyRule] = [
        rule(["impersonate"], [""], ["serviceaccounts"]),
        rule(write, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
        rule(["create"], [""], ["pods/eviction"]),
        rule(write, [""], [
            "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
            "persistentvolumeclaims", "configmaps", "secrets", "events",
        ]),
        rule(["create"], [""], ["serviceaccounts/token"]),
        rule(write, ["apps"], [
            "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
            "deployments/rollback", "replicasets", "replicasets/scale",
        ]),
        rule(write, ["autoscaling"], ["horizontalpodautoscalers"]),
        rule(write, ["batch"], ["jobs", "cronjobs"]),
        rule(write, ["extensions"], [
            "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets",
            "replicasets/scale", "replicationcontrollers/scale", "networkpolicies",
        ]),
        rule(write, ["policy"], ["poddisruptionbudgets"]),
        rule(write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
        rule(["create"], ["coordination.k8s.io"], ["leases"]),
        rule(read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
    ]

    static let adminRules: [PolicyRule] = [
        rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
        rule(readWrite, [RBACGroup.name], ["rolebindings", "roles"]),
    ]

    static let eventsRule = rule(["create", "update", "patch"], ["", "events.k8s.io"], ["events"])

    /// Every default ClusterRole, in Kubernetes' order of definition.
    static let clusterRoles: [ClusterRole] = [
        role("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
        role("system:discovery", [urls(["get"], discoveryURLs)]),
        role("system:monitoring", [
            urls(["get"], ["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"]),
        ]),
        role("system:basic-user", [
            rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
        ]),
        role("system:public-info-viewer", [urls(["get"], publicInfoURLs)]),
        role("admin", aggregating: "admin", []),
        role("edit", aggregateTo: ["admin"], aggregating: "edit", []),
        role("view", aggregateTo: ["edit"], aggregating: "view", []),
        role("system:aggregate-to-admin", aggregateTo: ["admin"], adminRules),
        role("system:aggregate-to-edit", aggregateTo: ["edit"], editRules),
        role("system:aggregate-to-view", aggregateTo: ["view"], viewRules),
        role("system:heapster", [
            rule(read, [""], ["events", "pods", "nodes", "namespaces"]),
            rule(read, ["extensions"], ["deployments"]),
        ]),
        role("system:node-problem-detector", [
            rule(["get"], [""], ["nodes"]),
            rule(["patch"], [""], ["nodes/status"]),
            eventsRule,
        ]),
        role("system:kubelet-api-admin", [
            rule(["get", "list", "watch", "proxy"], [""], ["nodes"]),
            rule(["*"], [""], ["nodes/proxy", "nodes/metrics", "nodes/stats", "nodes/log"]),
        ]),
        role("system:auth-delegator", [
            rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
            rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
        ]),
        role("system:kube-dns", [rule(["list", "watch"], [""], ["endpoints", "services"])]),
        role("system:service-account-issuer-discovery", [
            urls(["get"], ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"]),
        ]),
    ]

    /// Every default ClusterRoleBinding.
    static let clusterRoleBindings: [ClusterRoleBinding] = [
        binding("cluster-admin", groups: ["system:masters"]),
        binding("system:monitoring", groups: ["system:monitoring"]),
        binding("system:discovery", groups: ["system:authenticated"]),
        binding("system:basic-user", groups: ["system:authenticated"]),
        binding("system:public-info-viewer", groups: ["system:authenticated", "system:unauthenticated"]),
        binding("system:service-account-issuer-discovery", groups: ["system:serviceaccounts"]),
        binding("system:kube-dns", serviceAccount: ("kube-system", "kube-dns")),
    ]

    /// The default ClusterRoles with aggregated rules filled in, as the aggregation controller writes them.
    static var clusterRolesAggregated: [ClusterRole] {
        let policy = RBACPolicy(roles: [], clusterRoles: clusterRoles, roleBindings: [], clusterRoleBindings: [])
        return clusterRoles.map { role in
            guard role.aggregationRule != nil else { return role }
            var filled = role
            filled.rules = policy.clusterRoleRules(role.metadata.name ?? "") ?? []
            return filled
        }
    }
}
