import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct AuthorizerTests {
    let authorizer = Authorizer()
    let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])
    let node = PeerIdentity(commonName: "system:node:n1", organizations: ["system:nodes"])
    let stranger = PeerIdentity(commonName: "jane", organizations: [])

    func decide(_ request: Request, _ kind: ResourceKind, _ namespace: String?, _ peer: PeerIdentity)
        -> Authorizer.Decision
    {
        authorizer.authorize(request, kind: kind, namespace: namespace, peer: peer, policy: { RBACPolicy() })
    }

    @Test func admin_mayDoEverything() {
        #expect(decide(Request(verb: .create, kind: "DaemonSet"), .daemonSet, "default", admin) == .allow)
    }

    @Test func stranger_isForbidden_withKubernetesMessage() {
        let decision = decide(Request(verb: .list, kind: "Pod"), .pod, "default", stranger)
        #expect(decision == .deny(.forbidden(
            "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"")))
    }

    @Test func node_managesOnlyItsOwnNode() {
        #expect(decide(Request(verb: .update, kind: "Node", name: "n1"), .node, nil, node) == .allow)
        guard case .deny(let status) = decide(Request(verb: .update, kind: "Node", name: "n2"), .node, nil, node) else {
            Issue.record("a node must not update another node")
            return
        }
        #expect(status.message
            == "nodes \"n2\" is forbidden: User \"system:node:n1\" cannot update resource \"nodes\" in API group \"\" at the cluster scope")
    }

    @Test func node_listsPodsOnlyWhenSelectingItself() {
        var own = Request(verb: .watch, kind: "Pod")
        own.fieldSelector = "spec.nodeName=n1"
        #expect(decide(own, .pod, nil, node) == .allow)
        var other = own
        other.fieldSelector = "spec.nodeName=n2"
        #expect(decide(other, .pod, nil, node) != .allow)
        #expect(decide(Request(verb: .list, kind: "Pod"), .pod, nil, node) != .allow)
    }

    @Test func node_podReadsAndStatusWritesDependOnBinding_specWritesAndCreatesAreForbidden() {
        #expect(decide(Request(verb: .get, kind: "Pod", name: "p"), .pod, "default", node)
            == .allowIfPodBoundTo(node: "n1"))
        var status = Request(verb: .patch, kind: "Pod", name: "p")
        status.subresource = "status"
        #expect(decide(status, .pod, "default", node) == .allowIfPodBoundTo(node: "n1"))
        #expect(decide(Request(verb: .update, kind: "Pod", name: "p"), .pod, "default", node) != .allow)
        #expect(decide(Request(verb: .create, kind: "Pod"), .pod, "default", node) != .allow)
        #expect(decide(Request(verb: .create, kind: "DaemonSet"), .daemonSet, "default", node) != .allow)
    }

    @Test func node_keepsOnlyItsOwnLease_andMayCreateEvents() {
        #expect(decide(Request(verb: .update, kind: "Lease", name: "n1"), .lease, "kube-node-lease", node) == .allow)
        #expect(decide(Request(verb: .update, kind: "Lease", name: "n2"), .lease, "kube-node-lease", node) != .allow)
        #expect(decide(Request(verb: .update, kind: "Lease", name: "n1"), .lease, "default", node) != .allow)
        #expect(decide(Request(verb: .create, kind: "Event"), .event, "default", node) == .allow)
        #expect(decide(Request(verb: .delete, kind: "Event", name: "e"), .event, "default", node) != .allow)
        #expect(decide(Request(verb: .patch, kind: "Event", name: "e"), .event, "default", node) == .allow,
                "the kubelet bumps a repeated event's count")
    }

    @Test func node_readsServices_forTheServiceLinkVariables_butWritesNone() {
        #expect(decide(Request(verb: .list, kind: "Service"), .service, nil, node) == .allow)
        #expect(decide(Request(verb: .watch, kind: "Service"), .service, nil, node) == .allow)
        #expect(decide(Request(verb: .get, kind: "Service", name: "redis"), .service, "default", node) == .allow)
        #expect(decide(Request(verb: .create, kind: "Service"), .service, "default", node) != .allow)
        #expect(decide(Request(verb: .delete, kind: "Service", name: "redis"), .service, "default", node) != .allow)
    }

    @Test func certificateNamedLikeANode_withoutTheNodesGroup_isNotANode() {
        let impostor = PeerIdentity(commonName: "system:node:n1", organizations: [])
        #expect(decide(Request(verb: .get, kind: "Node", name: "n1"), .node, nil, impostor) != .allow)
    }
}
