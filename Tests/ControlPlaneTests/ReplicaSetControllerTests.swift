import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``ReplicaSetController`` driven against a real API server (``ControllerHarness``): the pods it creates, deletes
/// and adopts, and the status it writes.
@Suite struct ReplicaSetControllerTests {
    let harness: ControllerHarness
    let controller: ReplicaSetController

    init() throws {
        harness = try ControllerHarness()
        controller = ReplicaSetController(
            client: harness.client, recorder: harness.recorder("replicaset-controller"), now: harness.clock.reader)
    }

    /// Creates ReplicaSet `rs` selecting `app=web`.
    @discardableResult
    func addReplicaSet(replicas: Int32) async throws -> ReplicaSet {
        let labels = ["app": "web"]
        let replicaSet = ReplicaSet(
            metadata: ObjectMeta(name: "rs", namespace: "default"),
            spec: ReplicaSetSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: labels),
                template: ControllerHarness.template(labels: labels)))
        return try await harness.client.create(replicaSet, namespace: "default")
    }

    func scale(to replicas: Int32) async throws {
        var replicaSet = try #require(try await harness.get(ReplicaSet.self, "rs"))
        replicaSet.spec.replicas = replicas
        try await harness.client.update(replicaSet)
    }

    @Test func createsOwnedPodsToMatchReplicas_andDeletesTheExcessOnScaleDown() async throws {
        let replicaSet = try await addReplicaSet(replicas: 3)

        try await harness.run(controller)
        var pods = try await harness.livePods()
        #expect(pods.count == 3)
        for pod in pods {
            #expect(pod.metadata.controllerRef?.uid == replicaSet.metadata.uid)
            #expect(pod.name.hasPrefix("rs-"))
            #expect(pod.labels["app"] == "web")
        }
        #expect(try await harness.events(reason: "SuccessfulCreate").count == 3)
        #expect(try #require(try await harness.get(ReplicaSet.self, "rs")).status.replicas == 3)

        try await harness.run(controller, after: { try await scale(to: 1) })
        pods = try await harness.livePods()
        #expect(pods.count == 1)
        #expect(try await harness.events(reason: "SuccessfulDelete").count == 2)
        #expect(try #require(try await harness.get(ReplicaSet.self, "rs")).status.replicas == 1)
    }

    @Test func replacesADeletedPod() async throws {
        try await addReplicaSet(replicas: 2)
        try await harness.run(controller)
        let first = try await harness.livePods()

        try await harness.run(controller, after: {
            try await harness.client.delete(.pod, namespace: "default", name: first[0].name)
        })

        let now = try await harness.livePods()
        #expect(now.count == 2)
        #expect(!now.map(\.name).contains(first[0].name))
    }

    @Test func adoptsAnOrphanMatchingItsSelector_andLeavesOthersAlone() async throws {
        try await harness.addPod("orphan", labels: ["app": "web"])
        try await harness.addPod("stranger", labels: ["app": "db"])
        let replicaSet = try await addReplicaSet(replicas: 2)

        try await harness.run(controller)

        let pods = try await harness.livePods()
        let owned = pods.filter { $0.metadata.controllerRef?.uid == replicaSet.metadata.uid }
        #expect(owned.count == 2)
        #expect(owned.map(\.name).contains("orphan"))
        #expect(pods.first { $0.name == "stranger" }?.metadata.ownerReferences == nil)
        #expect(try await harness.events(reason: "SuccessfulCreate").count == 1)
    }

    @Test func writesReadyAndAvailableCounts() async throws {
        try await harness.addNode("node-a")
        try await addReplicaSet(replicas: 2)
        try await harness.run(controller)
        try await harness.startPendingPods(on: "node-a")

        try await harness.run(controller)

        let status = try #require(try await harness.get(ReplicaSet.self, "rs")).status
        #expect(status.replicas == 2)
        #expect(status.readyReplicas == 2)
        #expect(status.availableReplicas == 2)
        #expect(status.observedGeneration == 1)
    }
}
