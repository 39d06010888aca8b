/// An rbac.authorization.k8s.io/v1 Role: rules granted in its own namespace to whoever a RoleBinding there binds.
public struct Role: APIResource, Hashable {
    public static let resourceKind = ResourceKind.role

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var rules: [PolicyRule]?

    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.rules = rules
    }
}

/// An rbac.authorization.k8s.io/v1 ClusterRole: rules granted cluster-wide by a ClusterRoleBinding, or in one
/// namespace by a RoleBinding there. With an `aggregationRule`, its rules are those of the ClusterRoles its selectors
/// match.
public struct ClusterRole: APIResource, Hashable {
    public static let resourceKind = ResourceKind.clusterRole

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var rules: [PolicyRule]?
    public var aggregationRule: AggregationRule?

    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule]? = nil, aggregationRule: AggregationRule? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }
}

/// An rbac.authorization.k8s.io/v1 RoleBinding: grants a Role of its namespace, or a ClusterRole, to subjects in its
/// namespace.
public struct RoleBinding: APIResource, Hashable {
    public static let resourceKind = ResourceKind.roleBinding

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var subjects: [Subject]?
    @OrEmpty public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject]? = nil, roleRef: RoleRef = RoleRef()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// An rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole to subjects in every namespace and on
/// cluster-scoped resources and non-resource URLs.
public struct ClusterRoleBinding: APIResource, Hashable {
    public static let resourceKind = ResourceKind.clusterRoleBinding

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    public var subjects: [Subject]?
    @OrEmpty public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject]? = nil, roleRef: RoleRef = RoleRef()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// One rule of a role: the verbs allowed on the resources (of the API groups, optionally only the named objects), or
/// on the non-resource URLs (ClusterRoles only). `*` matches everything in each list.
public struct PolicyRule: Codable, Sendable, Hashable {
    @OrEmpty public var verbs: [String]
    public var apiGroups: [String]?
    public var resources: [String]?
    public var resourceNames: [String]?
    public var nonResourceURLs: [String]?

    public init(
        verbs: [String], apiGroups: [String]? = nil, resources: [String]? = nil, resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}

/// Who a binding grants its role to: a `User`, a `Group` (API group `rbac.authorization.k8s.io`) or a
/// `ServiceAccount` (API group `""`, with its namespace).
public struct Subject: Codable, Sendable, Hashable {
    @OrEmpty public var kind: String
    public var apiGroup: String?
    @OrEmpty public var name: String
    public var namespace: String?

    public init(kind: String, name: String, apiGroup: String? = nil, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.apiGroup = apiGroup
        self.namespace = namespace
    }

    public static let userKind = "User"
    public static let groupKind = "Group"
    public static let serviceAccountKind = "ServiceAccount"
}

/// The role a binding grants: a `Role` (RoleBindings only) or a `ClusterRole`, by name. Cannot change.
public struct RoleRef: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var apiGroup: String
    @OrEmpty public var kind: String
    @OrEmpty public var name: String

    public init() {
        self.init(kind: "", name: "", apiGroup: "")
    }

    public init(kind: String, name: String, apiGroup: String = RBACGroup.name) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// Which ClusterRoles an aggregated ClusterRole takes its rules from.
public struct AggregationRule: Codable, Sendable, Hashable {
    public var clusterRoleSelectors: [LabelSelector]?

    public init(clusterRoleSelectors: [LabelSelector]? = nil) {
        self.clusterRoleSelectors = clusterRoleSelectors
    }
}

/// Names of the RBAC API group.
public enum RBACGroup {
    /// `rbac.authorization.k8s.io`
    public static let name = "rbac.authorization.k8s.io"
}
