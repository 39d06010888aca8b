// Part of the API's schema table (see APISchemaTable.swift): rbac.authorization.k8s.io/v1 roles and bindings.

extension APISchema {
    /// The short names of the RBAC definitions (package `io.k8s.api.rbac.v1`).
    static let rbacNames = [
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "PolicyRule", "Subject", "RoleRef", "AggregationRule",
    ]

    /// Roles, cluster roles, their bindings and the types they hold.
    static let rbac: [SchemaDefinition] = [
        resource(
            "Role",
            "A set of permissions within one namespace, granted to users, groups and service accounts by the role "
                + "bindings of that namespace.",
            [field("rules", .array(.ref("PolicyRule")), "The permissions the role grants.")]),
        resource(
            "ClusterRole",
            "A set of permissions granted cluster-wide by a cluster role binding, or within one namespace by a role "
                + "binding there.",
            [
                field(
                    "aggregationRule", .ref("AggregationRule"),
                    "When set, the role's rules are those of the cluster roles its selectors match, kept by the "
                        + "server; rules written directly are replaced."),
                field("rules", .array(.ref("PolicyRule")), "The permissions the role grants."),
            ]),
        resource(
            "RoleBinding",
            "Grants the permissions of a role of its namespace, or of a cluster role, to subjects within its "
                + "namespace.",
            [
                field(
                    "roleRef", .ref("RoleRef"), required: true,
                    "The Role of this namespace or the ClusterRole granted. It cannot change: delete and recreate "
                        + "the binding to grant another role."),
                field("subjects", .array(.ref("Subject")), "Who the role is granted to."),
            ]),
        resource(
            "ClusterRoleBinding",
            "Grants the permissions of a cluster role to subjects in every namespace, on cluster-scoped resources "
                + "and on non-resource URLs.",
            [
                field(
                    "roleRef", .ref("RoleRef"), required: true,
                    "The ClusterRole granted. It cannot change: delete and recreate the binding to grant another "
                        + "role."),
                field("subjects", .array(.ref("Subject")), "Who the role is granted to."),
            ]),
        object(
            "PolicyRule",
            "One permission: verbs allowed on resources of API groups (optionally only the named objects), or on "
                + "non-resource URLs. An asterisk matches everything.",
            [
                field(
                    "apiGroups", .array(.string),
                    "The API groups of the resources; \"\" is the core group and \"*\" every group."),
                field(
                    "nonResourceURLs", .array(.string),
                    "Paths outside the API's resources, such as /healthz. A final asterisk matches any suffix. "
                        + "Only for cluster roles bound by cluster role bindings; a rule names either resources or "
                        + "non-resource URLs."),
                field(
                    "resourceNames", .array(.string),
                    "When set, only the objects of these names. Requests that name no object (list, create) are "
                        + "not matched."),
                field(
                    "resources", .array(.string),
                    "The resources, such as pods or pods/log for a subresource; \"*\" is every resource and \"*/log\" "
                        + "that subresource of every resource."),
                field("verbs", .array(.string), required: true, "The verbs allowed, such as get, list or watch; \"*\" is every verb."),
            ]),
        object(
            "Subject",
            "Who a binding grants its role to: a user, a group or a service account.",
            [
                field(
                    "apiGroup", .string,
                    "The API group of the subject's kind: \"\" for ServiceAccount, rbac.authorization.k8s.io (the "
                        + "default) for User and Group."),
                field("kind", .string, required: true, "User, Group or ServiceAccount."),
                field("name", .string, required: true, "The name of the user, group or service account."),
                field(
                    "namespace", .string,
                    "The namespace of a service account; in a role binding, the binding's namespace when left out."),
            ]),
        object(
            "RoleRef",
            "The role a binding grants.",
            [
                field("apiGroup", .string, required: true, "The API group of the role: rbac.authorization.k8s.io."),
                field("kind", .string, required: true, "Role or ClusterRole."),
                field("name", .string, required: true, "The role's name."),
            ]),
        object(
            "AggregationRule",
            "How an aggregated cluster role finds the cluster roles whose rules it takes.",
            [
                field(
                    "clusterRoleSelectors", .array(.ref("LabelSelector")),
                    "Label selectors over cluster roles; the rules of every cluster role any of them matches are "
                        + "aggregated."),
            ]),
    ]
}
