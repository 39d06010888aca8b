import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``GarbageCollectorController`` driven against a real API server (``ControllerHarness``): which dependents it
/// deletes after their owner is deleted with each propagation policy, and pod GC for departed nodes.
@Suite struct GarbageCollectorControllerTests {
    let harness: ControllerHarness
    let controller: GarbageCollectorController

    init() throws {
        harness = try ControllerHarness()
        controller = GarbageCollectorController(client: harness.client)
    }

    /// A ReplicaSet `rs` (replicas 0, so no ReplicaSet controller is involved) and `count` pods it controls.
    @discardableResult
    func addOwnerWithPods(_ count: Int) async throws -> ReplicaSet {
        let labels = ["app": "web"]
        let owner = try await harness.client.create(
            ReplicaSet(
                metadata: ObjectMeta(name: "rs", namespace: "default"),
                spec: ReplicaSetSpec(
                    replicas: 0, selector: LabelSelector(matchLabels: labels),
                    template: ControllerHarness.template(labels: labels))),
            namespace: "default")
        let reference = OwnerReference(
            apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: try #require(owner.metadata.uid),
            controller: true, blockOwnerDeletion: true)
        for index in 1...count {
            try await harness.addPod("rs-\(index)", labels: labels) { $0.metadata.ownerReferences = [reference] }
        }
        return owner
    }

    func deleteOwner(policy: String?) async throws {
        try await harness.client.delete(.replicaSet, namespace: "default", name: "rs", propagationPolicy: policy)
    }

    @Test func backgroundDeletion_deletesTheDependentsOfTheDeletedOwner() async throws {
        try await addOwnerWithPods(2)
        try await harness.addPod("unowned", labels: ["app": "web"])

        try await harness.run(controller, after: { try await deleteOwner(policy: nil) })

        #expect(try await harness.list(Pod.self, namespace: "default").map(\.name) == ["unowned"])
    }

    @Test func orphanPropagation_keepsTheDependentsWithoutTheirOwnerReference() async throws {
        try await addOwnerWithPods(2)

        try await harness.run(controller, after: { try await deleteOwner(policy: "Orphan") })

        let pods = try await harness.list(Pod.self, namespace: "default")
        #expect(pods.map(\.name) == ["rs-1", "rs-2"])
        #expect(pods.allSatisfy { ($0.metadata.ownerReferences ?? []).isEmpty })
        #expect(try await harness.get(ReplicaSet.self, "rs") == nil)
    }

    @Test func foregroundDeletion_deletesTheDependentsFirst_thenReleasesTheOwner() async throws {
        try await addOwnerWithPods(2)
        try await harness.run(controller, after: {
            try await deleteOwner(policy: "Foreground")
            let waiting = try #require(try await harness.get(ReplicaSet.self, "rs"))
            #expect(waiting.metadata.deletionTimestamp != nil)
            #expect(waiting.metadata.finalizers == ["foregroundDeletion"])
        })

        #expect(try await harness.list(Pod.self, namespace: "default").isEmpty)
        #expect(try await harness.get(ReplicaSet.self, "rs") == nil)
    }

    @Test func podsBoundToADepartedNodeAreDeletedAtOnce() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        try await harness.addPod("on-a", node: "node-a")
        try await harness.addPod("on-b", node: "node-b")

        try await harness.run(controller, after: {
            try await harness.client.delete(.node, namespace: nil, name: "node-b")
            #expect(try await harness.get(Pod.self, "on-b") != nil)
        })

        #expect(try await harness.list(Pod.self, namespace: "default").map(\.name) == ["on-a"])
    }
}
