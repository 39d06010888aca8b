import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// How the API server picks the container and node of `pods/log` and `pods/exec`, and the kubelet's address.
@Suite struct PodStreamTargetTests {
    private func pod(_ containers: [String], initContainers: [String] = [], node: String? = "n1") -> Pod {
        var spec = PodSpec(
            containers: containers.map { Container(name: $0, image: "busybox") },
            initContainers: initContainers.isEmpty ? nil : initContainers.map { Container(name: $0, image: "busybox") })
        spec.nodeName = node
        return Pod(metadata: ObjectMeta(name: "p", namespace: "default"), spec: spec)
    }

    @Test func theOnlyContainer_isTheDefault() throws {
        #expect(try PodStreamTarget.resolve(pod: pod(["app"]), container: nil) == PodStreamTarget(container: "app", nodeName: "n1"))
        #expect(try PodStreamTarget.resolve(pod: pod(["app"]), container: "").container == "app")
    }

    @Test func severalContainers_needAName_andAnyContainerMayBeNamed() throws {
        #expect(throws: Status.badRequest("a container name must be specified for pod p, choose one of: [init a b]")) {
            try PodStreamTarget.resolve(pod: pod(["a", "b"], initContainers: ["init"]), container: nil)
        }
        #expect(try PodStreamTarget.resolve(pod: pod(["a", "b"], initContainers: ["init"]), container: "init").container == "init")
        #expect(try PodStreamTarget.resolve(pod: pod(["a", "b"]), container: "b").container == "b")
        #expect(throws: Status.badRequest("container x is not valid for pod p")) {
            try PodStreamTarget.resolve(pod: pod(["a", "b"]), container: "x")
        }
    }

    @Test func anUnscheduledPod_hasNoHost() {
        #expect(throws: Status.badRequest("pod p does not have a host assigned")) {
            try PodStreamTarget.resolve(pod: pod(["app"], node: nil), container: nil)
        }
    }

    @Test func theKubeletAddress_isTheInternalIPAndTheReportedPort() throws {
        var node = Node()
        node.metadata.name = "n1"
        node.status.addresses = [NodeAddress(type: "Hostname", address: "n1"), NodeAddress(type: "InternalIP", address: "127.0.1.1")]
        node.status.daemonEndpoints = ["kubeletEndpoint": ["Port": 10250]]
        #expect(try KubeletAddress(node: node) == KubeletAddress(host: "127.0.1.1", port: 10250))
        node.status.daemonEndpoints = ["kubeletEndpoint": ["Port": 0]]
        #expect(throws: KubeletAddress.dialError("node \"n1\" reports no kubelet endpoint")) { try KubeletAddress(node: node) }
        #expect(KubeletAddress.dialError("x").message == "error dialing backend: x")
        #expect(KubeletAddress.dialError("x").reason == nil)
    }
}
