import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// RBAC objects' defaults and validation, with Kubernetes' messages.
@Suite struct RBACValidationTests {
    func messages(_ errors: [FieldError]) -> [String] { errors.map(\.description) }

    @Test func roleRules_needVerbs_groupsAndResources_andNoURLsInRoles() {
        let role = Role(metadata: ObjectMeta(name: "r", namespace: "ns"), rules: [
            PolicyRule(verbs: []),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
        ])
        #expect(messages(role.validateCreate()) == [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[0].resources: Required value: resource rules must supply at least one resource",
            "rules[1].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs",
        ])
        let mixed = ClusterRole(metadata: ObjectMeta(name: "system:c"), rules: [
            PolicyRule(verbs: ["get"], apiGroups: [""], nonResourceURLs: ["/x"]),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
        ])
        #expect(messages(mixed.validateCreate()) == [
            "rules[0].nonResourceURLs: Invalid value: []string{\"/x\"}: rules cannot apply to both regular resources and non-resource URLs",
        ])
        let aggregated = ClusterRole(metadata: ObjectMeta(name: "a"), aggregationRule: AggregationRule(clusterRoleSelectors: []))
        #expect(messages(aggregated.validateCreate()) == [
            "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
        ])
    }

    @Test func names_arePathSegments() {
        #expect(messages(ClusterRole(metadata: ObjectMeta(name: "a/b")).validateCreate()) == [
            "metadata.name: Invalid value: \"a/b\": may not contain '/'",
        ])
        #expect(messages(ClusterRole(metadata: ObjectMeta(name: "..")).validateCreate()) == [
            "metadata.name: Invalid value: \"..\": may not be '..'",
        ])
        #expect(ClusterRole(metadata: ObjectMeta(name: "system:Weird:name")).validateCreate().isEmpty)
    }

    @Test func bindings_checkTheRoleRefAndSubjects_andDefaultTheirGroups() {
        var binding = RoleBinding(
            metadata: ObjectMeta(name: "b", namespace: "ns"),
            subjects: [
                Subject(kind: "User", name: "jane"), Subject(kind: "ServiceAccount", name: "robot"),
                Subject(kind: "Robot", name: "x"), Subject(kind: "Group", name: "", apiGroup: "other"),
            ],
            roleRef: RoleRef(kind: "Role", name: "r", apiGroup: ""))
        binding.applyDefaults()
        #expect(binding.roleRef.apiGroup == RBACGroup.name)
        #expect(binding.subjects?[0].apiGroup == RBACGroup.name)
        #expect(binding.subjects?[1].apiGroup == nil)
        #expect(messages(binding.validateCreate()) == [
            "subjects[2].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
            "subjects[3].name: Required value",
            "subjects[3].apiGroup: Unsupported value: \"other\": supported values: \"rbac.authorization.k8s.io\"",
        ])
        let cluster = ClusterRoleBinding(
            metadata: ObjectMeta(name: "c"), subjects: [Subject(kind: "ServiceAccount", name: "robot")],
            roleRef: RoleRef(kind: "Role", name: "r"))
        #expect(messages(cluster.validateCreate()) == [
            "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
            "subjects[0].namespace: Required value",
        ])
    }

    @Test func theRoleRef_cannotChange() {
        let old = RoleBinding(metadata: ObjectMeta(name: "b", namespace: "ns"), roleRef: RoleRef(kind: "Role", name: "r"))
        var new = old
        new.roleRef = RoleRef(kind: "ClusterRole", name: "view")
        #expect(messages(new.validateUpdate(old: old)) == [
            "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", Name:\"view\"}: cannot change roleRef",
        ])
        #expect(old.validateUpdate(old: old).isEmpty)
    }
}
