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
        let deadline = try #require(first.requeues["nodes"])
        #expect(deadline == .seconds(3) + NodeLifecycleController.deadlineSlack)

        // node-b renews half-way: only noted, no sync; node-a's deadline is still the earliest.
        harness.clock.advance(by: 1.5)
        let renewal = try await harness.run(controller, after: { try await harness.renewLease(of: "node-b") })
        #expect(renewal.synced.isEmpty)

        // Just before the deadline nothing has changed.
        harness.clock.advance(by: 1.5)
        let early = try await harness.run(controller, keys: ["nodes"])
        #expect(try await readiness("node-a") == "True")
        #expect(early.requeues["nodes"] == NodeLifecycleController.deadlineSlack)

        // At the deadline the silent node is NotReady; node-b, renewed later, is not.
        harness.clock.advance(by: 0.001)
        let due = try await harness.run(controller, keys: ["nodes"])
        #expect(try await readiness("node-a") == "Unknown")
        #expect(try await readiness("node-b") == "True")
        // Next: node-b's expiry (renewed at 1.5 s, so 4.5 s) comes before node-a's leave timeout (6 s).
        let next = try #require(due.requeues["nodes"]) - NodeLifecycleController.deadlineSlack
        #expect(next >= .milliseconds(1_499) && next <= .milliseconds(1_500))
    }

    @Test func aRenewalOfANodeThatIsNotReady_wakesTheController() async throws {
        try await harness.addNode("node-a")
        try await harness.run(controller)
        harness.clock.advance(by: 4)
        try await harness.run(controller, keys: ["nodes"])
        #expect(try await readiness("node-a") == "Unknown")
        let renewal = try await harness.run(controller, after: { try await harness.renewLease(of: "node-a") })
        #expect(renewal.synced.first == "nodes")
    }
}
