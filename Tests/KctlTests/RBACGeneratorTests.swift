import KubeAPI
import Testing

@testable import kctl

/// `kctl create role|clusterrole|rolebinding|clusterrolebinding`'s objects and refusals, as kubectl 1.32 builds them.
@Suite struct RBACGeneratorTests {
    func rules(_ verbs: [String], _ resources: [String], names: [String] = [], urls: [String] = []) throws -> [PolicyRule] {
        var warnings: [String] = []
        return try RBACGenerator.rules(verbs: verbs, resources: resources, resourceNames: names, urls: urls, warnings: &warnings)
    }

    func refusal(_ verbs: [String], _ resources: [String], urls: [String] = []) -> String? {
        do {
            _ = try rules(verbs, resources, urls: urls)
            return nil
        } catch {
            return (error as? RBACGenerator.Refusal)?.description
        }
    }

    @Test func resources_resolveAndGroupByAPIGroup_inGroupOrder() throws {
        #expect(try rules(["get"], ["po,deploy", "rs.apps,pods/log", "deployments.apps/scale", "pods"]) == [
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods", "pods/log"]),
            PolicyRule(verbs: ["get"], apiGroups: ["apps"], resources: ["deployments", "replicasets", "deployments/scale"]),
        ])
        #expect(try rules(["get,list"], ["secrets"], names: ["a", "b"]) == [
            PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"], resourceNames: ["a", "b"]),
        ])
        #expect(try rules(["get"], ["pods"], urls: ["/healthz,/logs/*"]) == [
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"]),
            PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/logs/*"]),
        ])
        #expect(try rules(["impersonate"], ["users,groups,serviceaccounts"]).first?.resources == ["users", "groups", "serviceaccounts"])
    }

    @Test func refusals_andTheWarning_areKubectls() throws {
        #expect(refusal([], ["pods"]) == "error: at least one verb must be specified")
        #expect(refusal(["get"], []) == "error: at least one resource must be specified")
        #expect(refusal(["get"], ["foo"]) == "the server doesn't have a resource type \"foo\"")
        #expect(refusal(["use"], ["pods"]) == "error: can not perform 'use' on 'pods' in group ''")
        #expect(refusal(["get"], [], urls: ["x"]) == "error: nonResourceURL should start with /")
        #expect(refusal(["list"], [], urls: ["/x"]) == "error: invalid verb: 'list' for nonResourceURL")
        var warnings: [String] = []
        _ = try RBACGenerator.rules(verbs: ["foo"], resources: ["pods"], resourceNames: [], warnings: &warnings)
        #expect(warnings == ["Warning: 'foo' is not a standard resource verb"])
    }

    @Test func bindings_referenceOneRole_andListUsersGroupsThenServiceAccounts() throws {
        let (roleRef, subjects) = try RBACGenerator.binding(
            role: "r", clusterRole: nil, users: ["u"], groups: ["g"], serviceAccounts: ["default:sa"])
        #expect(roleRef == RoleRef(kind: "Role", name: "r"))
        #expect(subjects == [
            Subject(kind: "User", name: "u", apiGroup: RBACGroup.name), Subject(kind: "Group", name: "g", apiGroup: RBACGroup.name),
            Subject(kind: "ServiceAccount", name: "sa", namespace: "default"),
        ])
        #expect(throws: RBACGenerator.Refusal(description: "error: exactly one of clusterrole or role must be specified")) {
            try RBACGenerator.binding(role: "r", clusterRole: "c", users: [], groups: [], serviceAccounts: [])
        }
        #expect(throws: RBACGenerator.Refusal(description: "error: serviceaccount must be <namespace>:<name>")) {
            try RBACGenerator.binding(role: "r", clusterRole: nil, users: [], groups: [], serviceAccounts: ["bad"])
        }
        #expect(try RBACGenerator.aggregationRule("a=b,c=d")
            == AggregationRule(clusterRoleSelectors: [LabelSelector(matchLabels: ["a": "b", "c": "d"])]))
    }
}
