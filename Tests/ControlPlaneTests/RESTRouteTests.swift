import KubeAPI
import Testing

@testable import ControlPlane

/// Kubernetes REST paths to what they name: pure parsing, no server.
@Suite struct RESTRouteTests {
    @Test func fixedPaths_areVersionDiscoveryAndOpenAPI() {
        #expect(RESTRoute.parse(path: "/version") == .version)
        #expect(RESTRoute.parse(path: "/version/") == .version)
        #expect(RESTRoute.parse(path: "/api") == .coreGroup)
        #expect(RESTRoute.parse(path: "/apis") == .groups)
        #expect(RESTRoute.parse(path: "/api/v1") == .groupVersion(group: "", version: "v1"))
        #expect(RESTRoute.parse(path: "/apis/apps/v1") == .groupVersion(group: "apps", version: "v1"))
        #expect(RESTRoute.parse(path: "/openapi/v3") == .openAPI(name: "v3"))
        #expect(RESTRoute.parse(path: "/openapi/v3/apis/apps/v1") == .openAPI(name: "v3/apis/apps/v1"))
        #expect(RESTRoute.parse(path: "/openapi/v2") == .openAPI(name: "v2"))
    }

    @Test func unknownPaths_groupsAndVersions_areNotFound() {
        #expect(RESTRoute.parse(path: "/") == .notFound)
        #expect(RESTRoute.parse(path: "/healthz/x") == .notFound)
        #expect(RESTRoute.parse(path: "/api/v2") == .notFound)
        #expect(RESTRoute.parse(path: "/apis/autoscaling/v2") == .notFound)
        #expect(RESTRoute.parse(path: "/apis/apps/v1/foos") == .notFound)
        // A kind under another group than its own.
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/default/daemonsets") == .notFound)
        #expect(RESTRoute.parse(path: "/apis/apps/v1/namespaces/default/daemonsets/x/status/more") == .notFound)
    }

    @Test func namespacedPaths_nameKindNamespaceNameAndSubresource() {
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo/pods")
            == .resource(RESTTarget(kind: .pod, namespace: "demo", name: nil, subresource: nil)))
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo/pods/web-1")
            == .resource(RESTTarget(kind: .pod, namespace: "demo", name: "web-1", subresource: nil)))
        #expect(RESTRoute.parse(path: "/apis/apps/v1/namespaces/demo/daemonsets/agent/status")
            == .resource(RESTTarget(kind: .daemonSet, namespace: "demo", name: "agent", subresource: "status")))
        #expect(RESTRoute.parse(path: "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1")
            == .resource(RESTTarget(kind: .lease, namespace: "kube-node-lease", name: "n1", subresource: nil)))
    }

    @Test func aNamespacedCollectionWithoutNamespace_isEveryNamespace_butAnObjectNeedsOne() {
        #expect(RESTRoute.parse(path: "/api/v1/pods")
            == .resource(RESTTarget(kind: .pod, namespace: nil, name: nil, subresource: nil)))
        #expect(RESTRoute.parse(path: "/api/v1/pods/web-1") == .notFound)
    }

    @Test func clusterScopedKinds_haveNoNamespace_andNamespacesHaveTheirOwnSubresources() {
        #expect(RESTRoute.parse(path: "/api/v1/nodes/n1")
            == .resource(RESTTarget(kind: .node, namespace: nil, name: "n1", subresource: nil)))
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo/nodes") == .notFound)
        #expect(RESTRoute.parse(path: "/api/v1/namespaces")
            == .resource(RESTTarget(kind: .namespace, namespace: nil, name: nil, subresource: nil)))
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo")
            == .resource(RESTTarget(kind: .namespace, namespace: nil, name: "demo", subresource: nil)))
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo/status")
            == .resource(RESTTarget(kind: .namespace, namespace: nil, name: "demo", subresource: "status")))
    }

    @Test func percentEscapes_inSegments_areDecoded() {
        #expect(RESTRoute.parse(path: "/api/v1/namespaces/demo/pods/a%2Eb")
            == .resource(RESTTarget(kind: .pod, namespace: "demo", name: "a.b", subresource: nil)))
    }
}
