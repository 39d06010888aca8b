import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``DisruptionController`` against a real API server (``ControllerHarness``): a budget's status follows its pods,
/// and an eviction through the API server spends a disruption or is refused with 429.
@Suite struct DisruptionControllerTests {
    static let admin = PeerIdentity(commonName: "admin", organizations: ["system:masters"])
    let harness: ControllerHarness
    let controller: DisruptionController

    init() throws {
        harness = try ControllerHarness()
        controller = DisruptionController(client: harness.client)
    }

    func budget() async throws -> PodDisruptionBudget {
        try #require(try await harness.apiClient.getIfPresent(PodDisruptionBudget.self, namespace: "default", name: "web"))
    }

    @Test func theStatusFollowsThePods_andEvictionsSpendIt() async throws {
        try await harness.addNode("node-a")
        for name in ["web-1", "web-2"] {
            try await harness.addPod(name, labels: ["app": "web"], node: "node-a")
            try await harness.setPodRunning(name, ready: true, ip: name == "web-1" ? "10.244.1.5" : "10.244.1.6")
        }
        let spec = PodDisruptionBudgetSpec(minAvailable: .int(1), selector: LabelSelector(matchLabels: ["app": "web"]))
        _ = try await harness.client.create(
            PodDisruptionBudget(metadata: ObjectMeta(name: "web", namespace: "default"), spec: spec), namespace: "default")

        try await harness.run(controller)
        var status = try await budget().status
        #expect(status.currentHealthy == 2 && status.desiredHealthy == 1 && status.expectedPods == 2)
        #expect(status.disruptionsAllowed == 1 && status.observedGeneration == 1)

        // One eviction spends the one disruption; the next is refused until the status says otherwise.
        var eviction = Request(verb: .create, kind: "Pod", namespace: "default", name: "web-1")
        eviction.subresource = "eviction"
        _ = try await harness.api.handle(eviction, from: Self.admin)
        status = try await budget().status
        #expect(status.disruptionsAllowed == 0 && status.disruptedPods?["web-1"] != nil)
        eviction.name = "web-2"
        await #expect(throws: APIServer.tooManyRequests("The disruption budget web needs 1 healthy pods and has 2 currently")) {
            _ = try await harness.api.handle(eviction, from: Self.admin)
        }
    }
}
