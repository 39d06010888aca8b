import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Nodes and pods for the scheduler tests.
private enum SchedFixture {
    static func node(
        _ name: String, labels: [String: String] = [:], taints: [Taint] = [], ready: String = "True",
        cordoned: Bool = false
    ) -> Node {
        var node = Node(metadata: ObjectMeta(name: name, labels: labels))
        node.spec.taints = taints.isEmpty ? nil : taints
        node.spec.unschedulable = cordoned ? true : nil
        node.status.conditions = [NodeCondition(type: "Ready", status: ready)]
        return node
    }

    static func pod(
        _ name: String = "web-1", node: String? = nil, phase: String = "Pending",
        nodeSelector: [String: String]? = nil, tolerations: [Toleration]? = nil, hostPort: Int32? = nil,
        hostIP: String? = nil, proto: String? = nil
    ) -> Pod {
        let ports = hostPort.map {
            [ContainerPort(containerPort: 80, hostPort: $0, protocol: proto, hostIP: hostIP)]
        }
        var spec = PodSpec(containers: [Container(name: "web", image: "nginx", ports: ports)])
        spec.nodeName = node
        spec.nodeSelector = nodeSelector
        spec.tolerations = tolerations
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
        pod.metadata.uid = "uid-\(name)"
        pod.status.phase = phase
        return pod
    }

    static func bound(_ counts: [String: Int]) -> [Pod] {
        counts.sorted { $0.key < $1.key }.flatMap { node, count in
            (0..<count).map { pod("\(node)-p\($0)", node: node, phase: "Running") }
        }
    }

    static let threeNodes = [node("n1"), node("n2"), node("n3")]
}

@Suite struct SchedulerTests {
    @Test func spreadsToTheLeastLoadedNodeThenByName() {
        let bound = SchedFixture.bound(["n1": 2, "n3": 1])
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: SchedFixture.threeNodes, boundPods: bound)
                == .bind(node: "n2"))
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: SchedFixture.threeNodes, boundPods: [])
                == .bind(node: "n1"))
        // Finished pods do not count.
        let finished = SchedFixture.bound(["n1": 1]).map { pod -> Pod in
            var pod = pod
            pod.status.phase = "Succeeded"
            return pod
        } + SchedFixture.bound(["n2": 1])
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: SchedFixture.threeNodes, boundPods: finished)
                == .bind(node: "n1"))
    }

    @Test func respectsNodeSelectorAndRequiredAffinity() {
        let nodes = [SchedFixture.node("n1"), SchedFixture.node("n2", labels: ["disk": "ssd"]), SchedFixture.node("n3")]
        let bound = SchedFixture.bound(["n2": 5])
        #expect(Scheduler.schedule(SchedFixture.pod(nodeSelector: ["disk": "ssd"]), nodes: nodes, boundPods: bound)
                == .bind(node: "n2"))

        var pod = SchedFixture.pod()
        pod.spec.affinity = Affinity(nodeAffinity: NodeAffinity(
            requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                NodeSelectorTerm(matchExpressions: [
                    NodeSelectorRequirement(key: "disk", operator: "In", values: ["ssd"]),
                ]),
            ])))
        #expect(Scheduler.schedule(pod, nodes: nodes, boundPods: bound) == .bind(node: "n2"))
    }

    @Test func skipsUntoleratedTaintsButIgnoresPreferNoSchedule() {
        let nodes = [SchedFixture.node("n1", taints: [Taint(key: "dedicated", value: "db", effect: "NoSchedule")]),
                     SchedFixture.node("n2", taints: [Taint(key: "spot", effect: "PreferNoSchedule")])]
        let bound = SchedFixture.bound(["n2": 3])
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: nodes, boundPods: bound) == .bind(node: "n2"))
        let tolerant = SchedFixture.pod(tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "db",
                                                                 effect: "NoSchedule")])
        #expect(Scheduler.schedule(tolerant, nodes: nodes, boundPods: bound) == .bind(node: "n1"))
    }

    @Test func skipsCordonedNodesUnlessTolerated() {
        let nodes = [SchedFixture.node("n1", cordoned: true), SchedFixture.node("n2")]
        let bound = SchedFixture.bound(["n2": 3])
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: nodes, boundPods: bound) == .bind(node: "n2"))
        let tolerant = SchedFixture.pod(tolerations: [Toleration(key: "node.kubernetes.io/unschedulable",
                                                                 operator: "Exists", effect: "NoSchedule")])
        #expect(Scheduler.schedule(tolerant, nodes: nodes, boundPods: bound) == .bind(node: "n1"))
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: [nodes[0]], boundPods: [])
                == .unschedulable(message: "0/1 nodes are available: 1 node(s) were unschedulable. "
                    + "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."))
    }

    @Test func skipsNodesThatAreNotReady() {
        let nodes = [SchedFixture.node("n1", ready: "False"), SchedFixture.node("n2", ready: "Unknown"),
                     SchedFixture.node("n3")]
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: nodes, boundPods: SchedFixture.bound(["n3": 4]))
                == .bind(node: "n3"))
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: Array(nodes.prefix(2)), boundPods: [])
                == .unschedulable(message: "0/2 nodes are available: "
                    + "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, "
                    + "1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. "
                    + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."))
        let tolerant = SchedFixture.pod(tolerations: [Toleration(key: "node.kubernetes.io/not-ready",
                                                                 operator: "Exists")])
        #expect(Scheduler.schedule(tolerant, nodes: Array(nodes.prefix(2)), boundPods: []) == .bind(node: "n1"))
    }

    @Test func avoidsHostPortConflicts() {
        let nodes = [SchedFixture.node("n1"), SchedFixture.node("n2")]
        let onN1 = [SchedFixture.pod("other", node: "n1", phase: "Running", hostPort: 8080)]
        #expect(Scheduler.schedule(SchedFixture.pod(hostPort: 8080), nodes: nodes, boundPods: onN1 + SchedFixture.bound(["n2": 2]))
                == .bind(node: "n2"))
        // Another protocol, or two distinct specific addresses, do not conflict.
        #expect(Scheduler.schedule(SchedFixture.pod(hostPort: 8080, proto: "UDP"), nodes: [nodes[0]], boundPods: onN1)
                == .bind(node: "n1"))
        let specific = [SchedFixture.pod("other", node: "n1", phase: "Running", hostPort: 8080, hostIP: "10.0.0.1")]
        #expect(Scheduler.schedule(SchedFixture.pod(hostPort: 8080, hostIP: "10.0.0.2"), nodes: [nodes[0]],
                                   boundPods: specific) == .bind(node: "n1"))
        let both = onN1 + [SchedFixture.pod("other2", node: "n2", phase: "Running", hostPort: 8080)]
        #expect(Scheduler.schedule(SchedFixture.pod(hostPort: 8080), nodes: nodes, boundPods: both)
                == .unschedulable(message: "0/2 nodes are available: "
                    + "2 node(s) didn't have free ports for the requested pod ports. "
                    + "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."))
    }

    @Test func unschedulableMessageMatchesKubernetes() {
        let nodes = [
            SchedFixture.node("n1", labels: ["disk": "ssd"],
                              taints: [Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule")],
                              ready: "Unknown"),
            SchedFixture.node("n2"),
            SchedFixture.node("n3"),
        ]
        let decision = Scheduler.schedule(SchedFixture.pod(nodeSelector: ["disk": "ssd"]), nodes: nodes, boundPods: [])
        #expect(decision == .unschedulable(message:
            "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, "
            + "2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."))
        #expect(Scheduler.schedule(SchedFixture.pod(), nodes: [], boundPods: [])
                == .unschedulable(message: "no nodes available to schedule pods"))
    }

    @Test func reasonsSortAsStrings() {
        let reasons = Array(repeating: "b", count: 2) + Array(repeating: "a", count: 10)
        #expect(SchedulerMessage.histogram(reasons) == "10 a, 2 b")
    }

    @Test func needsScheduling_onlyUnboundLivePodsOfThisScheduler() {
        #expect(Scheduler.needsScheduling(SchedFixture.pod()))
        #expect(!Scheduler.needsScheduling(SchedFixture.pod(node: "n1")))
        var other = SchedFixture.pod()
        other.spec.schedulerName = "custom"
        #expect(!Scheduler.needsScheduling(other))
        var deleting = SchedFixture.pod()
        deleting.metadata.deletionTimestamp = "2026-01-01T00:00:00Z"
        #expect(!Scheduler.needsScheduling(deleting))
        var gated = SchedFixture.pod()
        gated.spec.schedulingGates = [["name": "wait"]]
        #expect(!Scheduler.needsScheduling(gated))
    }
}
