import KubeAPI
import Testing

@testable import kctl

/// kctl apply of a cluster-scoped object whose manifest names a namespace, as kube-router's ClusterRole does.
@Suite struct ApplyClusterScopeTests {
    static let manifest: JSONValue = .object([
        "apiVersion": .string("rbac.authorization.k8s.io/v1"), "kind": .string("ClusterRole"),
        "metadata": .object(["name": .string("kube-router"), "namespace": .string("kube-system")]),
        "rules": .array([.object(["apiGroups": .array([.string("")]), "resources": .array([.string("pods")]),
            "verbs": .array([.string("list")])])]),
    ])

    @Test func theNamespaceIsDropped_andTheOtherFieldsKept() {
        let cleared = ApplyPlanner.clusterScoped(Self.manifest)
        #expect(cleared[path: ["metadata", "namespace"]] == nil)
        #expect(cleared[path: ["metadata", "name"]] == .string("kube-router"))
        #expect(cleared["rules"] == Self.manifest["rules"])
        let unnamespaced = ApplyPlanner.clusterScoped(cleared)
        #expect(unnamespaced == cleared)
    }

    /// The created object's last-applied text has no namespace (as kubectl 1.32 writes it), and the same file
    /// applied again over what the server keeps (no namespace) plans nothing.
    @Test func theSameFileAppliedAgain_isUnchanged() throws {
        let manifest = ApplyPlanner.clusterScoped(Self.manifest)
        let (plan, _) = try ApplyPlanner.plan(manifest: manifest, live: nil)
        guard case .create(let created) = plan else {
            Issue.record("expected a create, got \(plan)")
            return
        }
        let lastApplied = created[path: ["metadata", "annotations", ApplyPlanner.lastAppliedAnnotation]]?.stringValue
        #expect(lastApplied?.contains("namespace") == false, "\(lastApplied ?? "")")
        var live = created
        live[path: ["metadata", "uid"]] = .string("u1")
        live[path: ["metadata", "resourceVersion"]] = .string("7")
        live[path: ["metadata", "namespace"]] = nil  // the server keeps none for a cluster-scoped object
        let (again, _) = try ApplyPlanner.plan(manifest: manifest, live: live)
        #expect(again == .unchanged)
        // The manifest as written (with its namespace) against that live object is a patch each time.
        let (withNamespace, _) = try ApplyPlanner.plan(manifest: Self.manifest, live: live)
        #expect(withNamespace != .unchanged)
    }
}
