extension ProtobufSchema {
    /// The rbac.authorization.k8s.io/v1 messages `kubectl create role|clusterrole|rolebinding|clusterrolebinding`
    /// sends, as published in k8s.io/api's rbac/v1 `generated.proto`. Format: see ``ProtobufSchema``.
    static let rbacTable = """
        AggregationRule: 1 clusterRoleSelectors *.LabelSelector
        ClusterRole: 1 metadata .ObjectMeta; 2 rules *.PolicyRule; 3 aggregationRule .AggregationRule
        ClusterRoleBinding: 1 metadata .ObjectMeta; 2 subjects *.Subject; 3 roleRef .RoleRef
        PolicyRule: 1 verbs *s; 2 apiGroups *s; 3 resources *s; 4 resourceNames *s; 5 nonResourceURLs *s
        Role: 1 metadata .ObjectMeta; 2 rules *.PolicyRule
        RoleBinding: 1 metadata .ObjectMeta; 2 subjects *.Subject; 3 roleRef .RoleRef
        RoleRef: 1 apiGroup s; 2 kind s; 3 name s
        Subject: 1 kind s; 2 apiGroup s; 3 name s; 4 namespace s
        """

    /// The RBAC kinds a protobuf body may hold.
    static let rbacKinds: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]
}
