import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The RBAC evaluator on its own: rule matching (wildcards, subresources, resource names, non-resource URLs), which
/// bindings apply to whom (users, groups, ServiceAccounts, RoleBindings to ClusterRoles), aggregation, the reasons
/// of denials, and the rules listed for `auth can-i --list`.
@Suite struct RBACAuthorizerTests {
    static let reader = PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods"])

    static func role(_ namespace: String, _ name: String, _ rules: [PolicyRule]) -> Role {
        Role(metadata: ObjectMeta(name: name, namespace: namespace), rules: rules)
    }

    static func clusterRole(_ name: String, labels: [String: String]? = nil, _ rules: [PolicyRule]) -> ClusterRole {
        ClusterRole(metadata: ObjectMeta(name: name, labels: labels), rules: rules)
    }

    static func roleBinding(_ namespace: String, _ name: String, _ ref: RoleRef, _ subjects: [Subject]) -> RoleBinding {
        RoleBinding(metadata: ObjectMeta(name: name, namespace: namespace), subjects: subjects, roleRef: ref)
    }

    static func clusterBinding(_ name: String, _ role: String, _ subjects: [Subject]) -> ClusterRoleBinding {
        ClusterRoleBinding(metadata: ObjectMeta(name: name), subjects: subjects, roleRef: RoleRef(kind: "ClusterRole", name: role))
    }

    static let account = Subject(kind: "ServiceAccount", name: "robot", namespace: "apps")
    static let robot = RBACUser(name: "system:serviceaccount:apps:robot", groups: ServiceAccountUser.groups(namespace: "apps"))
    static let jane = RBACUser(name: "jane", groups: ["dev"])

    static let policy = RBACPolicy(
        roles: [
            role("apps", "pod-reader", [reader]),
            role("apps", "one-secret", [
                PolicyRule(verbs: ["get", "update"], apiGroups: [""], resources: ["secrets"], resourceNames: ["token"]),
                PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"]),
                PolicyRule(verbs: ["create"], apiGroups: [""], resources: ["pods/exec"]),
            ]),
        ],
        clusterRoles: [
            clusterRole("node-viewer", [PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["nodes"])]),
            clusterRole("deployer", [PolicyRule(verbs: ["*"], apiGroups: ["apps"], resources: ["*"])]),
            clusterRole("statuses", [PolicyRule(verbs: ["get"], apiGroups: ["*"], resources: ["*/status"])]),
            clusterRole("health", [PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/metrics/*"])]),
        ],
        roleBindings: [
            roleBinding("apps", "read-pods", RoleRef(kind: "Role", name: "pod-reader"), [account]),
            roleBinding("apps", "secret", RoleRef(kind: "Role", name: "one-secret"), [Subject(kind: "ServiceAccount", name: "robot")]),
            roleBinding("apps", "deploy", RoleRef(kind: "ClusterRole", name: "deployer"), [Subject(kind: "Group", name: "dev", apiGroup: RBACGroup.name)]),
            roleBinding("apps", "dangling", RoleRef(kind: "Role", name: "gone"), [Subject(kind: "User", name: "jane", apiGroup: RBACGroup.name)]),
        ],
        clusterRoleBindings: [
            clusterBinding("nodes", "node-viewer", [account]),
            clusterBinding("statuses", "statuses", [Subject(kind: "User", name: "jane", apiGroup: RBACGroup.name)]),
            clusterBinding("health", "health", [Subject(kind: "Group", name: "system:authenticated", apiGroup: RBACGroup.name)]),
        ])

    static func allows(_ user: RBACUser, _ attributes: AuthorizationAttributes) -> Bool {
        RBACAuthorizer(policy: policy).authorize(user, attributes).allowed
    }

    static func pods(_ verb: String, name: String = "", namespace: String = "apps", sub: String = "") -> AuthorizationAttributes {
        AuthorizationAttributes(verb: verb, resource: "pods", subresource: sub, name: name, namespace: namespace)
    }

    @Test func aRoleBinding_grantsItsRole_inItsNamespaceOnly() {
        #expect(Self.allows(Self.robot, Self.pods("list")))
        #expect(Self.allows(Self.robot, Self.pods("get", name: "web")))
        #expect(Self.allows(Self.robot, Self.pods("watch")))
        #expect(!Self.allows(Self.robot, Self.pods("delete", name: "web")))
        #expect(!Self.allows(Self.robot, Self.pods("list", namespace: "default")))
        #expect(!Self.allows(Self.robot, Self.pods("list", namespace: "")))
        #expect(!Self.allows(Self.jane, Self.pods("list")))
    }

    @Test func resourceNames_limitTheRule_toTheNamedObjects() {
        let secret = { (verb: String, name: String) in
            AuthorizationAttributes(verb: verb, resource: "secrets", name: name, namespace: "apps")
        }
        #expect(Self.allows(Self.robot, secret("get", "token")))
        #expect(Self.allows(Self.robot, secret("update", "token")))
        #expect(!Self.allows(Self.robot, secret("get", "other")))
        #expect(!Self.allows(Self.robot, secret("list", "")))
    }

    @Test func subresources_areMatchedWhole_orByStarSlash() {
        #expect(Self.allows(Self.robot, Self.pods("get", name: "web", sub: "log")))
        #expect(Self.allows(Self.robot, Self.pods("create", name: "web", sub: "exec")))
        #expect(!Self.allows(Self.robot, Self.pods("create", name: "web", sub: "attach")))
        // pods does not cover pods/status; */status covers every status.
        #expect(!Self.allows(Self.robot, Self.pods("get", name: "web", sub: "status")))
        #expect(Self.allows(Self.jane, Self.pods("get", name: "web", sub: "status")))
        #expect(Self.allows(Self.jane, AuthorizationAttributes(verb: "get", apiGroup: "apps", resource: "deployments", subresource: "status", name: "d", namespace: "x")))
        #expect(!Self.allows(Self.jane, Self.pods("get", name: "web")))
    }

    @Test func groups_andRoleBindingsToClusterRoles_andWildcards() {
        let deployments = AuthorizationAttributes(verb: "deletecollection", apiGroup: "apps", resource: "deployments", namespace: "apps")
        #expect(Self.allows(Self.jane, deployments))
        var elsewhere = deployments
        elsewhere.namespace = "default"
        #expect(!Self.allows(Self.jane, elsewhere))
        var core = deployments
        core.apiGroup = ""
        #expect(!Self.allows(Self.jane, core))
    }

    @Test func clusterRoleBindings_grantEverywhere_andClusterScope() {
        let nodes = AuthorizationAttributes(verb: "list", resource: "nodes")
        #expect(Self.allows(Self.robot, nodes))
        #expect(!Self.allows(Self.robot, AuthorizationAttributes(verb: "delete", resource: "nodes", name: "n1")))
        #expect(!Self.allows(RBACUser(name: "system:serviceaccount:other:robot", groups: []), nodes))
    }

    @Test func nonResourceURLs_exactOrPrefixWithStar_throughClusterRoleBindings() {
        #expect(Self.allows(Self.jane, .nonResource(verb: "get", path: "/healthz")))
        #expect(Self.allows(Self.jane, .nonResource(verb: "get", path: "/metrics/slis")))
        #expect(!Self.allows(Self.jane, .nonResource(verb: "get", path: "/metrics")))
        #expect(!Self.allows(Self.jane, .nonResource(verb: "post", path: "/healthz")))
        #expect(!Self.allows(Self.jane, .nonResource(verb: "get", path: "/healthz/ping")))
    }

    @Test func aBindingToAMissingRole_isTheDenialsReason() {
        let decision = RBACAuthorizer(policy: Self.policy).authorize(Self.jane, Self.pods("list"))
        #expect(decision == .init(allowed: false, reason: "RBAC: role.rbac.authorization.k8s.io \"gone\" not found"))
        #expect(RBACAuthorizer(policy: Self.policy).authorize(Self.robot, Self.pods("delete")).reason == "")
        #expect(RBACAuthorizer.reason(["a", "b"]) == "RBAC: [a, b]")
    }

    @Test func theForbiddenMessages_areKubernetes() {
        let denied = Authorizer.forbidden(Self.pods("create", name: "web", sub: "exec"), user: "system:serviceaccount:apps:robot")
        #expect(denied.code == 403)
        #expect(denied.message == "pods \"web\" is forbidden: User \"system:serviceaccount:apps:robot\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"apps\"")
        let cluster = Authorizer.forbidden(AuthorizationAttributes(verb: "list", apiGroup: "apps", resource: "deployments"), user: "u", reason: "RBAC: x")
        #expect(cluster.message == "deployments.apps is forbidden: User \"u\" cannot list resource \"deployments\" in API group \"apps\" at the cluster scope: RBAC: x")
        let path = Authorizer.forbidden(.nonResource(verb: "get", path: "/version"), user: "u")
        #expect(path.message == "forbidden: User \"u\" cannot get path \"/version\"")
    }

    @Test func rulesFor_listsClusterWideRulesFirst_thenTheNamespaces() {
        let (rules, errors) = RBACAuthorizer(policy: Self.policy).rules(for: Self.robot, namespace: "apps")
        #expect(errors.isEmpty)
        // ClusterRoleBindings in name order (health, nodes), then the namespace's RoleBindings (read-pods, secret).
        let nodes = rules.firstIndex(of: PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["nodes"]))
        #expect(rules.first?.nonResourceURLs == ["/healthz", "/metrics/*"])
        #expect(nodes == 1)
        #expect(rules.firstIndex(of: Self.reader) == 2)
        #expect(rules.contains { $0.resourceNames == ["token"] })
        let (elsewhere, _) = RBACAuthorizer(policy: Self.policy).rules(for: Self.robot, namespace: "default")
        #expect(!elsewhere.contains(Self.reader))
    }

    @Test func aggregatedClusterRoles_takeTheRulesOfWhatTheirSelectorsMatch() {
        let view = BootstrapPolicy.clusterRoles
        var policy = RBACPolicy(roles: [], clusterRoles: view, roleBindings: [], clusterRoleBindings: [
            Self.clusterBinding("viewers", "view", [Subject(kind: "User", name: "v", apiGroup: RBACGroup.name)]),
            Self.clusterBinding("editors", "edit", [Subject(kind: "User", name: "e", apiGroup: RBACGroup.name)]),
        ])
        let viewer = RBACUser(name: "v", groups: [])
        let editor = RBACUser(name: "e", groups: [])
        let listDeployments = AuthorizationAttributes(verb: "list", apiGroup: "apps", resource: "deployments", namespace: "x")
        let createDeployments = AuthorizationAttributes(verb: "create", apiGroup: "apps", resource: "deployments", namespace: "x")
        let getSecret = AuthorizationAttributes(verb: "get", resource: "secrets", name: "s", namespace: "x")
        #expect(RBACAuthorizer(policy: policy).authorize(viewer, listDeployments).allowed)
        #expect(!RBACAuthorizer(policy: policy).authorize(viewer, createDeployments).allowed)
        #expect(!RBACAuthorizer(policy: policy).authorize(viewer, getSecret).allowed)
        #expect(RBACAuthorizer(policy: policy).authorize(editor, createDeployments).allowed)
        #expect(RBACAuthorizer(policy: policy).authorize(editor, listDeployments).allowed)
        #expect(RBACAuthorizer(policy: policy).authorize(editor, getSecret).allowed)
        // A new ClusterRole labelled aggregate-to-view extends view (and edit, which aggregates view).
        let crontabs = AuthorizationAttributes(verb: "get", apiGroup: "example.com", resource: "crontabs", name: "c", namespace: "x")
        #expect(!RBACAuthorizer(policy: policy).authorize(viewer, crontabs).allowed)
        policy.clusterRoles["crontab-viewer"] = Self.clusterRole(
            "crontab-viewer", labels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"],
            [PolicyRule(verbs: ["get"], apiGroups: ["example.com"], resources: ["crontabs"])])
        policy.aggregateClusterRoles()
        #expect(RBACAuthorizer(policy: policy).authorize(viewer, crontabs).allowed)
        #expect(RBACAuthorizer(policy: policy).authorize(editor, crontabs).allowed)
    }

    @Test func theBootstrapPolicy_grantsEveryAuthenticatedUserDiscoveryAndTheSelfReviews() {
        let policy = RBACPolicy(
            roles: [], clusterRoles: BootstrapPolicy.clusterRolesAggregated, roleBindings: [],
            clusterRoleBindings: BootstrapPolicy.clusterRoleBindings)
        let anyone = RBACUser(name: "someone", groups: [])
        let authorizer = RBACAuthorizer(policy: policy)
        for path in ["/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/openapi/v3", "/healthz"] {
            #expect(authorizer.authorize(anyone, .nonResource(verb: "get", path: path)).allowed, "\(path)")
        }
        #expect(!authorizer.authorize(anyone, .nonResource(verb: "get", path: "/metrics")).allowed)
        #expect(authorizer.authorize(anyone, AuthorizationAttributes(
            verb: "create", apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews")).allowed)
        #expect(!authorizer.authorize(anyone, Self.pods("list")).allowed)
        let admin = RBACUser(name: "root", groups: ["system:masters"])
        #expect(authorizer.authorize(admin, Self.pods("delete", name: "x")).allowed)
        let admins = policy.clusterRoleRules("admin") ?? []
        #expect(admins.contains { $0.resources == ["rolebindings", "roles"] })
        #expect(admins.contains { $0.resources?.contains("pods/exec") == true })
    }

    @Test func serviceAccountUserNames_parse() {
        #expect(ServiceAccountUser.parse("system:serviceaccount:apps:robot")! == ("apps", "robot"))
        #expect(ServiceAccountUser.parse("system:serviceaccount:apps") == nil)
        #expect(ServiceAccountUser.parse("jane") == nil)
    }

    @Test func attributesOfARequest_listByNamePinsTheName_createHasNone() {
        var watch = Request(verb: .watch, kind: "Pod", namespace: "apps")
        watch.fieldSelector = "metadata.name=web"
        #expect(AuthorizationAttributes(watch, kind: .pod, namespace: "apps").name == "web")
        var create = Request(verb: .create, kind: "Pod", namespace: "apps")
        create.object = ["metadata": ["name": "web"]]
        #expect(AuthorizationAttributes(create, kind: .pod, namespace: "apps").name == "")
        var update = Request(verb: .update, kind: "Pod", namespace: "apps")
        update.object = ["metadata": ["name": "web"]]
        #expect(AuthorizationAttributes(update, kind: .pod, namespace: "apps").name == "web")
    }
}
