import KubeAPI

extension Subject {
    /// An unset `apiGroup` is `rbac.authorization.k8s.io` for users and groups and `""` for service accounts
    /// (rbac/v1 `SetDefaults_Subject`).
    mutating func applyDefaults() {
        guard apiGroup == nil || apiGroup == "" else { return }
        switch kind {
        case Subject.userKind, Subject.groupKind: apiGroup = RBACGroup.name
        default: apiGroup = nil
        }
    }
}

extension RoleBinding: Defaultable {
    /// `roleRef.apiGroup` defaults to `rbac.authorization.k8s.io`, and each subject's API group as
    /// ``Subject/applyDefaults()`` (rbac/v1 `SetDefaults_RoleBinding`).
    public mutating func applyDefaults() {
        if roleRef.apiGroup.isEmpty { roleRef.apiGroup = RBACGroup.name }
        if var list = subjects {
            for index in list.indices { list[index].applyDefaults() }
            subjects = list
        }
    }
}

extension ClusterRoleBinding: Defaultable {
    /// As ``RoleBinding/applyDefaults()`` (rbac/v1 `SetDefaults_ClusterRoleBinding`).
    public mutating func applyDefaults() {
        if roleRef.apiGroup.isEmpty { roleRef.apiGroup = RBACGroup.name }
        if var list = subjects {
            for index in list.indices { list[index].applyDefaults() }
            subjects = list
        }
    }
}

extension Role: Defaultable {
    /// Roles have no defaults.
    public mutating func applyDefaults() {}
}

extension ClusterRole: Defaultable {
    /// ClusterRoles have no defaults.
    public mutating func applyDefaults() {}
}
