import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``NodeLifecycleController`` is driven by lease deadlines: it sleeps until the earliest lease expiry (its requeue
/// delay), marks a node NotReady at that instant and not before, and a healthy node's renewal wakes nothing.
@Suite struct NodeLifecycleDeadlineTests {
    let harness: ControllerHarness
    let controller: NodeLifecycleController

    init() throws {
        harness = try ControllerHarness()
        controller = NodeLifecycleController(
            client: harness.client, recorder: harness.recorder("node-controller"), settings: NodeLifecycleSettings(),
            now: harness.clock.reader)
    }

    func readiness(_ name: String) async throws -> String? {
        try await harness.get(Node.self, name, namespace: nil)?.status.condition("Ready")?.status
    }

    @Test func aLeaseExpiringAtT_marksTheNodeNotReadyAtT_notBefore() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        let first = try await harness.run(controller)
        // Both leases were renewed now: the next look is when they expire, past the 3 s grace period.
        #expect(first.requeues["node-a"] == .seconds(3) + NodeLifecycleController.deadlineSlack)
        #expect(first.requeues["node-b"] == .seconds(3) + NodeLifecycleController.deadlineSlack)

        // node-b renews half-way: only noted, no sync.
        harness.clock.advance(by: 1.5)
        let renewal = try await harness.run(controller, after: { try await harness.renewLease(of: "node-b") })
        #expect(renewal.synced.isEmpty)

        // Just before the deadline nothing has changed; node-b's (old) deadline finds the renewal and moves on.
        harness.clock.advance(by: 1.5)
        let early = try await harness.run(controller, keys: ["node-a", "node-b"])
        #expect(try await readiness("node-a") == "True")
        #expect(early.requeues["node-a"] == NodeLifecycleController.deadlineSlack)
        #expect(early.requeues["node-b"] == .milliseconds(1_500) + NodeLifecycleController.deadlineSlack)

        // At the deadline the silent node is NotReady; node-b, renewed later, is not.
        harness.clock.advance(by: 0.001)
        let due = try await harness.run(controller, keys: ["node-a"])
        #expect(try await readiness("node-a") == "Unknown")
        #expect(try await readiness("node-b") == "True")
        #expect(due.synced.allSatisfy { $0 == "node-a" })
        // Next for node-a: its leave timeout, 6 s after its last renewal.
        let next = try #require(due.requeues["node-a"]) - NodeLifecycleController.deadlineSlack
        #expect(next >= .milliseconds(2_999) && next <= .milliseconds(3_000))
    }

    @Test func aRenewalOfANodeThatIsNotReady_wakesTheController() async throws {
        try await harness.addNode("node-a")
        try await harness.run(controller)
        harness.clock.advance(by: 4)
        try await harness.run(controller, keys: ["node-a"])
        #expect(try await readiness("node-a") == "Unknown")
        let renewal = try await harness.run(controller, after: { try await harness.renewLease(of: "node-a") })
        #expect(renewal.synced.first == "node-a")
    }
}
