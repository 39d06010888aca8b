import Foundation
import KubeAPI
import Logging
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// ``DaemonSetController`` driven against a real API server (``ControllerHarness``): the pods, statuses and events
/// it writes.
@Suite struct DaemonSetControllerTests {
    let harness: ControllerHarness
    let controller: DaemonSetController

    init() throws {
        harness = try ControllerHarness()
        controller = DaemonSetController(
            client: harness.client, recorder: harness.recorder("daemonset-controller"), now: harness.clock.reader,
            logger: Logger.forTests("daemonset-controller"))
    }

    /// Creates DaemonSet `ds` (label `app=ds`) running `image`.
    @discardableResult
    func addDaemonSet(
        image: String = "busybox:1.36", maxUnavailable: Int = 1
    ) async throws -> DaemonSet {
        let labels = ["app": "ds"]
        let daemonSet = DaemonSet(
            metadata: ObjectMeta(name: "ds", namespace: "default"),
            spec: DaemonSetSpec(
                selector: LabelSelector(matchLabels: labels),
                template: ControllerHarness.template(labels: labels, image: image),
                updateStrategy: DaemonSetUpdateStrategy(
                    type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: .int(maxUnavailable)))))
        return try await harness.client.create(daemonSet, namespace: "default")
    }

    /// The nodes the DaemonSet's live pods are for.
    func podNodes() async throws -> [String] {
        try await harness.livePods().compactMap(DaemonPods.targetNodeName).sorted()
    }

    /// Plays the scheduler and the kubelets: binds every unbound daemon pod to its target node and makes it Ready.
    func bindAndStartPods() async throws {
        for pod in try await harness.livePods() where (pod.spec.nodeName ?? "").isEmpty {
            let node = try #require(DaemonPods.targetNodeName(pod))
            try await harness.client.bind(namespace: "default", pod: pod.name, node: node)
            try await harness.setPodRunning(pod.name)
        }
    }

    func currentStatus() async throws -> DaemonSetStatus {
        try #require(try await harness.get(DaemonSet.self, "ds")).status
    }

    @Test func createsOneOwnedPodPerEligibleNode_noneOnATaintedOrNonMatchingNode() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        try await harness.addNode("node-c", taints: [Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")])
        let daemonSet = try await addDaemonSet()

        try await harness.run(controller)

        #expect(try await podNodes() == ["node-a", "node-b"])
        for pod in try await harness.livePods() {
            #expect(pod.metadata.controllerRef?.uid == daemonSet.metadata.uid)
            #expect(pod.labels["controller-revision-hash"] != nil)
        }
        #expect(try await harness.events(reason: "SuccessfulCreate").count == 2)
        #expect(try await harness.list(ControllerRevision.self, namespace: "default").count == 1)
        // Synced again with nothing changed: no further pods.
        try await harness.run(controller)
        #expect(try await harness.livePods().count == 2)
    }

    @Test func aNodeJoiningGetsAPod_aNodeThatStopsToleratingLosesIt() async throws {
        try await harness.addNode("node-a")
        try await addDaemonSet()
        try await harness.run(controller)
        #expect(try await podNodes() == ["node-a"])

        // Each change wakes the controller through its own keys(for:).
        try await harness.run(controller, after: { try await harness.addNode("node-b") })
        #expect(try await podNodes() == ["node-a", "node-b"])

        var nodeA = try #require(try await harness.get(Node.self, "node-a", namespace: nil))
        nodeA.spec.taints = [Taint(key: "dedicated", value: "gpu", effect: "NoExecute")]
        try await harness.run(controller, after: { try await harness.client.update(nodeA) })
        #expect(try await podNodes() == ["node-b"])
        #expect(try await harness.events(reason: "SuccessfulDelete").count == 1)
    }

    @Test func anUnscheduledPodForADepartedNodeIsDeleted() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        try await addDaemonSet()
        try await harness.run(controller)
        #expect(try await podNodes() == ["node-a", "node-b"])

        try await harness.run(controller, after: {
            try await harness.client.delete(.node, namespace: nil, name: "node-b")
        })

        #expect(try await podNodes() == ["node-a"])
    }

    @Test func writesTheStatusCounts() async throws {
        try await harness.addNode("node-a")
        try await harness.addNode("node-b")
        try await harness.addNode("node-c", taints: [Taint(key: "dedicated", effect: "NoSchedule")])
        try await addDaemonSet()

        try await harness.run(controller)
        var status = try await currentStatus()
        #expect(status.desiredNumberScheduled == 2)
        #expect(status.currentNumberScheduled == 2)
        #expect(status.numberReady == 0)
        #expect(status.numberMisscheduled == 0)

        try await bindAndStartPods()
        try await harness.run(controller)
        status = try await currentStatus()
        #expect(status.desiredNumberScheduled == 2)
        #expect(status.numberReady == 2)
        #expect(status.numberAvailable == 2)
        #expect(status.updatedNumberScheduled == 2)
        #expect(status.observedGeneration == 1)
    }

    @Test func rollingUpdateWithMaxUnavailableOne_replacesOnePodAtATime() async throws {
        for name in ["node-a", "node-b", "node-c"] { try await harness.addNode(name) }
        try await addDaemonSet(image: "busybox:1.36")
        try await harness.run(controller)
        try await bindAndStartPods()
        try await harness.run(controller)
        let original = Set(try await harness.livePods().map(\.name))
        #expect(original.count == 3)

        var daemonSet = try #require(try await harness.get(DaemonSet.self, "ds"))
        daemonSet.spec.template.spec.containers[0].image = "busybox:1.37"

        var replaced: [String] = []
        try await harness.run(controller, after: { try await harness.client.update(daemonSet) })
        for round in 1...3 {
            // One old pod is going (terminating on its node); nothing else is touched while it is unavailable.
            let old = try await harness.livePods().filter { original.contains($0.name) }
            #expect(old.count == 3 - round, "round \(round)")
            let terminating = try await harness.list(Pod.self, namespace: "default").filter {
                $0.metadata.deletionTimestamp != nil
            }
            #expect(terminating.count == 1, "round \(round)")
            replaced += terminating.compactMap(\.spec.nodeName)
            // The kubelet finishes the deletion: the controller creates the replacement.
            try await harness.run(controller, after: { try await harness.finishTerminatingPods() })
            #expect(try await harness.livePods().count == 3, "round \(round)")
            // The replacement starts Ready: the controller moves on to the next old pod.
            try await harness.run(controller, after: { try await bindAndStartPods() })
        }
        #expect(replaced.sorted() == ["node-a", "node-b", "node-c"])
        for pod in try await harness.livePods() { #expect(pod.spec.containers[0].image == "busybox:1.37") }
        #expect(try await currentStatus().updatedNumberScheduled == 3)
    }
}
