import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``NodeLifecycleController`` driven against a real API server and its in-memory lease table
/// (``ControllerHarness``), with the manual clock: what it writes when a node's lease stops being renewed.
@Suite struct NodeLifecycleControllerTests {
    let harness: ControllerHarness
    let controller: NodeLifecycleController
    /// NotReady after 3 s of silence, removed after 6 s (the defaults).
    let settings = NodeLifecycleSettings()

    init() throws {
        harness = try ControllerHarness()
        controller = NodeLifecycleController(
            client: harness.client, recorder: harness.recorder("node-controller"), settings: settings,
            now: harness.clock.reader)
    }

    func node(_ name: String) async throws -> Node? {
        try await harness.get(Node.self, name, namespace: nil)
    }

    /// Advances the clock by `seconds`, renewing the leases of `renewing` (kubeletd heartbeats) on the way.
    func advance(by seconds: TimeInterval, renewing: [String]) async throws {
        harness.clock.advance(by: seconds)
        for name in renewing { try await harness.renewLease(of: name) }
    }

    @Test func aSilentNodeGoesNotReadyAfterTheGracePeriod_andIsRemovedWithItsPodsAfterTheLeaveTimeout() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        try await harness.addPod("on-a", node: "node-a")
        try await harness.setPodRunning("on-a", ip: "10.244.1.2")
        try await harness.addPod("on-b", node: "node-b")
        try await harness.setPodRunning("on-b", ip: "10.244.2.2")
        try await harness.run(controller)
        #expect(try await node("node-a")?.status.condition("Ready")?.status == "True")

        // Within the grace period: nothing changes.
        try await advance(by: 2, renewing: ["node-b"])
        try await harness.run(controller)
        #expect(try await node("node-a")?.status.condition("Ready")?.status == "True")
        #expect(try await node("node-a")?.spec.taints ?? [] == [])

        // Past it: Ready Unknown, tainted unreachable, its pod not ready; node-b untouched.
        try await advance(by: 2, renewing: ["node-b"])
        try await harness.run(controller)
        let silent = try #require(try await node("node-a"))
        #expect(silent.status.condition("Ready")?.status == "Unknown")
        let taints = (silent.spec.taints ?? []).filter { $0.key == NodeHealth.unreachableTaintKey }
        #expect(Set(taints.map(\.effect)) == ["NoSchedule", "NoExecute"])
        let pod = try #require(try await harness.get(Pod.self, "on-a"))
        #expect(pod.status.conditions?.first { $0.type == "Ready" }?.status == "False")
        #expect(try await harness.get(Pod.self, "on-b")?.status.conditions?.first { $0.type == "Ready" }?.status
            == "True")
        #expect(try await node("node-b")?.status.condition("Ready")?.status == "True")
        #expect(try await harness.events(reason: "NodeNotReady").count == 1)

        // Past the leave timeout: the node, its lease and its pods are gone.
        try await advance(by: 3, renewing: ["node-b"])
        try await harness.run(controller)
        #expect(try await node("node-a") == nil)
        #expect(harness.api.leases.get(namespace: "kube-node-lease", name: "node-a") == nil)
        #expect(try await harness.get(Pod.self, "on-a") == nil)
        #expect(try await node("node-b") != nil)
        #expect(try await harness.get(Pod.self, "on-b") != nil)
        #expect(try await harness.events(reason: "RemovingNode").count == 1)
    }

    @Test func aNodeThatResumesHeartbeatsBecomesReadyAgain() async throws {
        try await harness.addNode("node-a")
        try await harness.run(controller)
        try await advance(by: 4, renewing: [])
        try await harness.run(controller)
        #expect(try await node("node-a")?.status.condition("Ready")?.status == "Unknown")

        // The kubelet comes back: renews its lease and reports Ready again.
        try await advance(by: 1, renewing: ["node-a"])
        var back = try #require(try await node("node-a"))
        back.status.conditions = [NodeCondition(
            type: "Ready", status: "True", lastHeartbeatTime: Timestamp.format(harness.clock.now),
            lastTransitionTime: Timestamp.format(harness.clock.now), reason: "KubeletReady")]
        try await harness.client.updateStatus(back)
        try await harness.run(controller)

        let ready = try #require(try await node("node-a"))
        #expect(ready.status.condition("Ready")?.status == "True")
        #expect((ready.spec.taints ?? []).filter { $0.key == NodeHealth.unreachableTaintKey }.isEmpty)
    }

    @Test func aNodeThatNeverHeartbeatsIsRemovedAfterTheStartupGrace() async throws {
        try await harness.addNode("node-a", lease: false)
        try await harness.run(controller)
        // Startup grace 6 s, then the same 3 s NotReady-to-left interval.
        try await advance(by: 7, renewing: [])
        try await harness.run(controller)
        #expect(try await node("node-a")?.status.condition("Ready")?.status == "Unknown")
        try await advance(by: 3, renewing: [])
        try await harness.run(controller)
        #expect(try await node("node-a") == nil)
    }
}
