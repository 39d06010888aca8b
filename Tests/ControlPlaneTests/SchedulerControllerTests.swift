import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``SchedulerController`` driven against a real API server (``ControllerHarness``): the bindings, conditions and
/// events it writes.
@Suite struct SchedulerControllerTests {
    let harness: ControllerHarness
    let controller: SchedulerController

    init() throws {
        harness = try ControllerHarness()
        controller = SchedulerController(
            client: harness.client, recorder: harness.recorder("default-scheduler"), now: harness.clock.reader)
    }

    func nodeName(of pod: String) async throws -> String? {
        try await harness.get(Pod.self, pod)?.spec.nodeName
    }

    @Test func bindsAPendingPodToAFittingNode() async throws {
        try await harness.addNode("node-a")

        let run = try await harness.run(controller, after: { try await harness.addPod("web") })

        #expect(try await nodeName(of: "web") == "node-a")
        let pod = try #require(try await harness.get(Pod.self, "web"))
        #expect(pod.status.conditions?.first { $0.type == "PodScheduled" }?.status == "True")
        let events = try await harness.events(reason: "Scheduled")
        #expect(events.map(\.message) == ["Successfully assigned default/web to node-a"])
        #expect(run.requeues.isEmpty)
    }

    @Test func respectsNodeSelectors() async throws {
        try await harness.addNode("node-hdd", labels: ["disk": "hdd"])
        try await harness.addNode("node-ssd", labels: ["disk": "ssd"])
        for index in 1...3 {
            try await harness.addPod("fast-\(index)") { $0.spec.nodeSelector = ["disk": "ssd"] }
        }

        try await harness.run(controller)

        for index in 1...3 { #expect(try await nodeName(of: "fast-\(index)") == "node-ssd") }
    }

    @Test func respectsTaints_unlessTolerated() async throws {
        let taint = Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")
        try await harness.addNode("node-gpu", labels: ["kind": "gpu"], taints: [taint])
        try await harness.addNode("node-plain", labels: ["kind": "plain"])
        for index in 1...3 { try await harness.addPod("plain-\(index)") }
        try await harness.addPod("gpu") {
            $0.spec.tolerations = [Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule")]
            $0.spec.nodeSelector = ["kind": "gpu"]
        }

        try await harness.run(controller)

        for index in 1...3 { #expect(try await nodeName(of: "plain-\(index)") == "node-plain") }
        #expect(try await nodeName(of: "gpu") == "node-gpu")
    }

    @Test func anUnschedulablePodStaysPendingWithPodScheduledFalse_andIsBoundOnceANodeFits() async throws {
        try await harness.addNode("node-gpu", taints: [Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")])
        try await harness.addNode("node-off", unschedulable: true)
        try await harness.addPod("web")

        let run = try await harness.run(controller)

        let pod = try #require(try await harness.get(Pod.self, "web"))
        #expect((pod.spec.nodeName ?? "").isEmpty)
        let condition = try #require(pod.status.conditions?.first { $0.type == "PodScheduled" })
        #expect(condition.status == "False")
        #expect(condition.reason == "Unschedulable")
        #expect(condition.message?.hasPrefix("0/2 nodes are available") == true)
        #expect(try await harness.events(reason: "FailedScheduling").count == 1)
        #expect(run.requeues["default/web"] == .seconds(5))

        // A node that fits joins: the node change requeues the pending pod, which is bound.
        try await harness.run(controller, after: { try await harness.addNode("node-a") })
        #expect(try await nodeName(of: "web") == "node-a")
    }
}
