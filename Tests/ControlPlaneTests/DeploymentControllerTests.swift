import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``DeploymentController`` driven against a real API server (``ControllerHarness``): the ReplicaSets it creates and
/// scales, alone and together with the ReplicaSet controller for a full rollout.
@Suite struct DeploymentControllerTests {
    let harness: ControllerHarness
    let controller: DeploymentController
    let replicaSets: ReplicaSetController

    init() throws {
        harness = try ControllerHarness()
        controller = DeploymentController(
            client: harness.client, recorder: harness.recorder("deployment-controller"), now: harness.clock.reader)
        replicaSets = ReplicaSetController(
            client: harness.client, recorder: harness.recorder("replicaset-controller"), now: harness.clock.reader)
    }

    /// Creates Deployment `web` selecting `app=web`.
    @discardableResult
    func addDeployment(replicas: Int32, image: String = "nginx:1.25") async throws -> Deployment {
        let labels = ["app": "web"]
        let deployment = Deployment(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: DeploymentSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: labels),
                template: ControllerHarness.template(labels: labels, image: image)))
        return try await harness.client.create(deployment, namespace: "default")
    }

    func editDeployment(_ edit: (inout Deployment) -> Void) async throws {
        var deployment = try #require(try await harness.get(Deployment.self, "web"))
        edit(&deployment)
        try await harness.client.update(deployment)
    }

    @Test func createsAnOwnedReplicaSetNamedAndLabelledWithThePodTemplateHash() async throws {
        let deployment = try await addDeployment(replicas: 3)

        try await harness.run(controller)

        let replicaSets = try await harness.list(ReplicaSet.self, namespace: "default")
        try #require(replicaSets.count == 1)
        let replicaSet = replicaSets[0]
        let hash = try #require(replicaSet.labels["pod-template-hash"])
        #expect(!hash.isEmpty)
        #expect(replicaSet.name == "web-\(hash)")
        #expect(replicaSet.spec.selector?.matchLabels?["pod-template-hash"] == hash)
        #expect(replicaSet.spec.template.metadata.labels?["pod-template-hash"] == hash)
        #expect(replicaSet.spec.replicas == 3)
        #expect(replicaSet.metadata.controllerRef?.uid == deployment.metadata.uid)
        #expect(replicaSet.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
        #expect(try await harness.events(reason: "ScalingReplicaSet").count == 1)
    }

    @Test func scalesItsReplicaSet() async throws {
        try await addDeployment(replicas: 3)
        try await harness.run(controller)

        try await harness.run(controller, after: { try await editDeployment { $0.spec.replicas = 5 } })

        let replicaSets = try await harness.list(ReplicaSet.self, namespace: "default")
        #expect(replicaSets.map(\.spec.replicas) == [5])
    }

    @Test func aTemplateChangeRollsToANewReplicaSet() async throws {
        try await harness.addNode("node-a")
        try await addDeployment(replicas: 3, image: "nginx:1.25")
        try await harness.settle([controller, replicaSets]) { try await harness.startPendingPods(on: "node-a") }
        let first = try await harness.list(ReplicaSet.self, namespace: "default")
        try #require(first.count == 1)
        #expect(try await harness.livePods().count == 3)

        // One step: the new ReplicaSet appears beside the old one, within maxSurge (25% of 3, rounded up: 1).
        try await harness.run(controller, after: {
            try await editDeployment { $0.spec.template.spec.containers[0].image = "nginx:1.26" }
        })
        let during = try await harness.list(ReplicaSet.self, namespace: "default")
        #expect(during.count == 2)
        let newSet = try #require(during.first { $0.name != first[0].name })
        #expect(newSet.spec.template.spec.containers[0].image == "nginx:1.26")
        #expect(newSet.labels["pod-template-hash"] != first[0].labels["pod-template-hash"])
        #expect(newSet.metadata.annotations?["deployment.kubernetes.io/revision"] == "2")
        #expect(during.reduce(0) { $0 + ($1.spec.replicas ?? 0) } <= 4)

        // To the end, with the ReplicaSet controller and the kubelet: all pods run the new image, the old set is 0.
        try await harness.settle([controller, replicaSets]) {
            try await harness.finishTerminatingPods()
            try await harness.startPendingPods(on: "node-a")
        }
        let after = try await harness.list(ReplicaSet.self, namespace: "default")
        #expect(after.first { $0.name == first[0].name }?.spec.replicas == 0)
        #expect(after.first { $0.name == newSet.name }?.spec.replicas == 3)
        let pods = try await harness.livePods()
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { $0.spec.containers[0].image == "nginx:1.26" })
        let status = try #require(try await harness.get(Deployment.self, "web")).status
        #expect(status.updatedReplicas == 3)
        #expect(status.availableReplicas == 3)
    }
}
