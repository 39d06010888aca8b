import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``StatefulSetController`` driven against a real API server (``ControllerHarness``), with the test playing the
/// scheduler and the kubelet: ordered creation and scale-down, Parallel, rolling updates with a partition, OnDelete,
/// failed pods, the revision history and the status.
@Suite struct StatefulSetControllerTests {
    let harness: ControllerHarness
    let controller: StatefulSetController

    init() throws {
        harness = try ControllerHarness()
        controller = StatefulSetController(
            client: harness.client, recorder: harness.recorder("statefulset-controller"), now: harness.clock.reader)
    }

    /// Creates StatefulSet `web` (service `nginx`, selecting `app=web`) and node `n1`.
    @discardableResult
    func addSet(
        replicas: Int32, policy: String? = nil, image: String = "busybox:1.36",
        edit: (inout StatefulSet) -> Void = { _ in }
    ) async throws -> StatefulSet {
        try await harness.addNode("n1")
        let labels = ["app": "web"]
        var set = StatefulSet(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: StatefulSetSpec(
                replicas: replicas, selector: LabelSelector(matchLabels: labels),
                template: ControllerHarness.template(labels: labels, image: image), serviceName: "nginx",
                podManagementPolicy: policy))
        edit(&set)
        return try await harness.client.create(set, namespace: "default")
    }

    func names() async throws -> [String] { try await harness.livePods().map(\.name) }

    func set() async throws -> StatefulSet { try #require(try await harness.get(StatefulSet.self, "web")) }

    /// Changes the set as a user would, and runs the controller on what that change wakes.
    func change(_ edit: @escaping (inout StatefulSet) -> Void) async throws {
        var current = try await set()
        edit(&current)
        let updated = current
        try await harness.run(controller, after: { try await harness.client.update(updated) })
    }

    /// Plays the scheduler and kubelet for every new pod (bound to n1, Running and Ready), then runs the controller.
    func startPods() async throws {
        try await harness.run(controller, after: { try await harness.startPendingPods(on: "n1") })
    }

    /// Plays the kubelet finishing every terminating pod, then runs the controller.
    func finishTerminating() async throws {
        try await harness.run(controller, after: { try await harness.finishTerminatingPods() })
    }

    /// Runs the set up to `replicas` Running and Ready pods.
    func rollOut(_ replicas: Int) async throws {
        try await harness.run(controller)
        for _ in 0..<replicas { try await startPods() }
    }

    func image(of pod: String) async throws -> String? {
        try await harness.get(Pod.self, pod)?.spec.containers.first?.image
    }

    @Test func orderedReady_createsEachPodOnlyAfterThePreviousIsRunningAndReady() async throws {
        let created = try await addSet(replicas: 3)
        try await harness.run(controller)
        #expect(try await names() == ["web-0"])
        try await harness.run(controller)
        #expect(try await names() == ["web-0"], "web-1 waits for web-0 to be Running and Ready")

        try await harness.run(controller, after: {
            let pod = try #require(try await harness.get(Pod.self, "web-0"))
            try await harness.client.bind(namespace: "default", pod: pod.name, node: "n1")
            try await harness.setPodRunning("web-0", ready: false)
        })
        #expect(try await names() == ["web-0"], "Running but not Ready is not enough")

        try await harness.run(controller, after: { try await harness.setPodRunning("web-0") })
        #expect(try await names() == ["web-0", "web-1"])
        try await startPods()
        #expect(try await names() == ["web-0", "web-1", "web-2"])
        try await startPods()

        let pod = try #require(try await harness.get(Pod.self, "web-1"))
        #expect(pod.metadata.controllerRef?.uid == created.metadata.uid)
        #expect(pod.metadata.controllerRef?.kind == "StatefulSet")
        #expect(pod.spec.hostname == "web-1")
        #expect(pod.spec.subdomain == "nginx")
        #expect(pod.labels["statefulset.kubernetes.io/pod-name"] == "web-1")
        #expect(pod.labels["apps.kubernetes.io/pod-index"] == "1")
        #expect(pod.labels["app"] == "web")
        let status = try await set().status
        #expect(status.replicas == 3)
        #expect(status.readyReplicas == 3)
        #expect(status.availableReplicas == 3)
        #expect(status.currentReplicas == 3)
        #expect(status.updatedReplicas == 3)
        #expect(status.observedGeneration == 1)
        #expect(status.collisionCount == 0)
        let revision = try #require(status.updateRevision)
        #expect(status.currentRevision == revision)
        #expect(pod.labels["controller-revision-hash"] == revision)
        let revisions = try await harness.list(ControllerRevision.self, namespace: "default")
        #expect(revisions.map(\.name) == [revision])
        #expect(revisions.first?.revision == 1)
        #expect(revisions.first?.metadata.controllerRef?.uid == created.metadata.uid)
        let messages = try await harness.events(reason: "SuccessfulCreate").map(\.message)
        #expect(messages.contains("create Pod web-0 in StatefulSet web successful"))
    }

    @Test func orderedReady_scalesDownFromTheHighestOrdinal_oneAtATime() async throws {
        try await addSet(replicas: 3)
        try await rollOut(3)
        #expect(try await names() == ["web-0", "web-1", "web-2"])

        try await change { $0.spec.replicas = 1 }
        #expect(try await names() == ["web-0", "web-1"], "web-2 is terminating")
        try await harness.run(controller)
        #expect(try await names() == ["web-0", "web-1"], "web-1 waits until web-2 is gone")

        try await finishTerminating()
        #expect(try await names() == ["web-0"])
        try await finishTerminating()
        #expect(try await harness.list(Pod.self, namespace: "default").map(\.name) == ["web-0"])
        #expect(try await set().status.replicas == 1)
        let deleted = try await harness.events(reason: "SuccessfulDelete").map(\.message)
        #expect(deleted == ["delete Pod web-2 in StatefulSet web successful",
                            "delete Pod web-1 in StatefulSet web successful"])
    }

    @Test func parallel_createsAndDeletesEveryPodAtOnce() async throws {
        try await addSet(replicas: 3, policy: "Parallel")
        try await harness.run(controller)
        #expect(try await names() == ["web-0", "web-1", "web-2"])
        try await startPods()

        try await change { $0.spec.replicas = 0 }
        #expect(try await names() == [])
    }

    @Test func ordinalsStart_numbersThePodsFromIt() async throws {
        try await addSet(replicas: 2, policy: "Parallel") { $0.spec.ordinals = StatefulSetOrdinals(start: 5) }
        try await harness.run(controller)
        #expect(try await names() == ["web-5", "web-6"])
    }

    @Test func rollingUpdateWithAPartition_updatesOnlyTheOrdinalsAtOrAboveIt_highestFirst() async throws {
        try await addSet(replicas: 3)
        try await rollOut(3)
        let first = try #require(try await set().status.updateRevision)

        try await change {
            $0.spec.updateStrategy.rollingUpdate?.partition = 2
            $0.spec.template.spec.containers[0].image = "busybox:1.37"
        }
        #expect(try await names() == ["web-0", "web-1"], "web-2 is replaced first")
        try await finishTerminating()
        #expect(try await image(of: "web-2") == "busybox:1.37")
        try await startPods()
        #expect(try await image(of: "web-1") == "busybox:1.36")
        #expect(try await image(of: "web-0") == "busybox:1.36")
        var status = try await set().status
        let second = try #require(status.updateRevision)
        #expect(second != first)
        #expect(status.currentRevision == first)
        #expect(status.updatedReplicas == 1)
        #expect(status.currentReplicas == 2)
        #expect(try await harness.get(Pod.self, "web-2")?.labels["controller-revision-hash"] == second)

        try await change { $0.spec.updateStrategy.rollingUpdate?.partition = 0 }
        #expect(try await names() == ["web-0", "web-2"], "then web-1")
        try await finishTerminating()
        #expect(try await names() == ["web-0", "web-1", "web-2"], "web-0 waits for web-1 to be ready")
        try await startPods()
        #expect(try await names() == ["web-1", "web-2"], "then web-0")
        try await finishTerminating()
        try await startPods()
        for pod in ["web-0", "web-1", "web-2"] { #expect(try await image(of: pod) == "busybox:1.37") }
        status = try await set().status
        #expect(status.currentRevision == second)
        #expect(status.currentReplicas == 3)
        #expect(status.updatedReplicas == 3)
    }

    @Test func aRecreatedPodBelowThePartitionKeepsTheCurrentRevision() async throws {
        try await addSet(replicas: 2)
        try await rollOut(2)
        try await change {
            $0.spec.updateStrategy.rollingUpdate?.partition = 2
            $0.spec.template.spec.containers[0].image = "busybox:1.37"
        }
        try await harness.run(controller, after: {
            try await harness.client.delete(.pod, namespace: "default", name: "web-0", gracePeriodSeconds: 0)
        })
        #expect(try await names() == ["web-0", "web-1"])
        #expect(try await image(of: "web-0") == "busybox:1.36")
    }

    @Test func onDelete_replacesAPodOnlyWhenItIsDeleted() async throws {
        try await addSet(replicas: 2) { $0.spec.updateStrategy = StatefulSetUpdateStrategy(type: "OnDelete") }
        try await rollOut(2)
        try await change { $0.spec.template.spec.containers[0].image = "busybox:1.37" }
        #expect(try await names() == ["web-0", "web-1"])
        #expect(try await image(of: "web-1") == "busybox:1.36")

        try await harness.run(controller, after: {
            try await harness.client.delete(.pod, namespace: "default", name: "web-1", gracePeriodSeconds: 0)
        })
        #expect(try await image(of: "web-1") == "busybox:1.37")
        #expect(try await image(of: "web-0") == "busybox:1.36")
    }

    @Test func aFailedPodIsDeletedAndRecreatedWithTheSameName() async throws {
        try await addSet(replicas: 1)
        try await rollOut(1)
        let uid = try #require(try await harness.get(Pod.self, "web-0")?.metadata.uid)

        try await harness.run(controller, after: {
            var pod = try #require(try await harness.get(Pod.self, "web-0"))
            pod.status.phase = "Failed"
            try await harness.client.updateStatus(pod)
        })
        try await finishTerminating()
        let pod = try #require(try await harness.get(Pod.self, "web-0"))
        #expect(pod.metadata.uid != uid)
        #expect(pod.metadata.deletionTimestamp == nil)
        #expect(try await harness.events(reason: "RecreatingFailedPod").map(\.message)
            == ["StatefulSet default/web is recreating failed Pod web-0"])
    }

    @Test func rollingBackToAnEarlierTemplateRenumbersItsRevision() async throws {
        try await addSet(replicas: 1)
        try await rollOut(1)
        try await change { $0.spec.template.spec.containers[0].image = "busybox:1.37" }
        try await finishTerminating()
        try await startPods()
        try await change { $0.spec.template.spec.containers[0].image = "busybox:1.36" }

        let revisions = try await harness.list(ControllerRevision.self, namespace: "default")
            .sorted { $0.revision < $1.revision }
        #expect(revisions.map(\.revision) == [2, 3])
        #expect(revisions.last?.name == (try await set().status.updateRevision))
        #expect(StatefulSetHistory.template(of: try #require(revisions.last))?.spec.containers.first?.image
            == "busybox:1.36")
    }

    @Test func historyIsTruncatedToTheRevisionHistoryLimit() async throws {
        try await addSet(replicas: 1) { $0.spec.revisionHistoryLimit = 1 }
        try await rollOut(1)
        for image in ["busybox:1.37", "busybox:1.38", "busybox:1.39"] {
            try await change { $0.spec.template.spec.containers[0].image = image }
            try await finishTerminating()
            try await startPods()
        }
        let revisions = try await harness.list(ControllerRevision.self, namespace: "default")
        #expect(revisions.map(\.revision).sorted() == [3, 4], "the live revision and one more")
    }

    @Test func adoptsAnOrphanNamedAfterItsOrdinal_andLeavesOtherPodsAlone() async throws {
        try await harness.addPod("web-0", labels: ["app": "web"])
        try await harness.addPod("stranger", labels: ["app": "web"])
        let created = try await addSet(replicas: 1)
        try await harness.run(controller)
        #expect(try await harness.get(Pod.self, "web-0")?.metadata.controllerRef?.uid == created.metadata.uid)
        #expect(try await harness.get(Pod.self, "stranger")?.metadata.controllerRef == nil)
    }

    @Test func eachPodGetsTheClaimsOfTheTemplates_namedAfterTheTemplateSetAndOrdinal() async throws {
        let template: JSONValue = [
            "metadata": ["name": "www", "labels": ["tier": "data"]],
            "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]],
        ]
        let claimTemplate = try template.decode(as: PersistentVolumeClaim.self)
        try await addSet(replicas: 2, policy: "Parallel") { $0.spec.volumeClaimTemplates = [claimTemplate] }
        try await harness.run(controller)

        let claims = try await harness.list(PersistentVolumeClaim.self, namespace: "default")
        #expect(claims.map(\.name) == ["www-web-0", "www-web-1"])
        #expect(claims.first?.labels == ["app": "web", "tier": "data"])
        #expect(claims.first?.spec.resources?.requests?["storage"] == "1Gi")
        let pod = try #require(try await harness.get(Pod.self, "web-1"))
        #expect(pod.spec.volumes?.first == ["name": "www", "persistentVolumeClaim": ["claimName": "www-web-1"]])
        #expect(try await harness.events(reason: "SuccessfulCreate").map(\.message)
            .contains("create Claim www-web-0 Pod web-0 in StatefulSet web success"))
    }

    @Test func retentionPolicy_claimsFollowTheSetOrTheScaledDownPod_andGoWithThem() async throws {
        let template: JSONValue = [
            "metadata": ["name": "www"],
            "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]],
        ]
        let claimTemplate = try template.decode(as: PersistentVolumeClaim.self)
        let created = try await addSet(replicas: 2, policy: "Parallel") {
            $0.spec.volumeClaimTemplates = [claimTemplate]
            $0.spec.persistentVolumeClaimRetentionPolicy = StatefulSetPersistentVolumeClaimRetentionPolicy(
                whenDeleted: "Delete", whenScaled: "Delete")
        }
        try await rollOut(1)
        func owners(_ claim: String) async throws -> [String] {
            try await harness.get(PersistentVolumeClaim.self, claim)?.metadata.ownerReferences?.map(\.kind) ?? []
        }
        #expect(try await owners("www-web-0") == ["StatefulSet"])
        #expect(try await owners("www-web-1") == ["StatefulSet"])

        try await change { $0.spec.replicas = 1 }
        let pod = try #require(try await harness.get(Pod.self, "web-1"))
        let claim = try #require(try await harness.get(PersistentVolumeClaim.self, "www-web-1"))
        #expect(claim.metadata.ownerReferences?.map(\.uid) == [pod.metadata.uid ?? ""], "the scaled-away pod owns it")
        #expect(try await owners("www-web-0") == ["StatefulSet"])

        // The garbage collector deletes the claim once its pod is gone, and the rest with the set (a deleted claim
        // may wait for the pvc-protection finalizer: being deleted is what the collector does).
        func deleted(_ claim: String) async throws -> Bool {
            guard let found = try await harness.get(PersistentVolumeClaim.self, claim) else { return true }
            return found.metadata.deletionTimestamp != nil
        }
        let collector = GarbageCollectorController(client: harness.client)
        try await harness.run(collector, after: { try await harness.finishTerminatingPods() })
        #expect(try await deleted("www-web-1"))
        #expect(try await !deleted("www-web-0"))
        try await harness.run(collector, after: {
            try await harness.client.delete(.statefulSet, namespace: "default", name: created.name)
        })
        try await harness.run(collector, after: { try await harness.finishTerminatingPods() })
        #expect(try await deleted("www-web-0"))
    }

    @Test func orderedReady_waitsMinReadySecondsBeforeTheNextPod() async throws {
        try await addSet(replicas: 2) { $0.spec.minReadySeconds = 10 }
        try await harness.run(controller)
        let run = try await harness.run(controller, after: { try await harness.startPendingPods(on: "n1") })
        #expect(try await names() == ["web-0"], "web-0 is ready but not yet available")
        let requeue = try #require(run.requeues["default/web"])
        #expect(requeue > .seconds(10) && requeue <= .seconds(12))
        #expect(try await set().status.availableReplicas == 0)

        harness.clock.advance(by: 11)
        try await harness.run(controller, keys: ["default/web"])
        #expect(try await names() == ["web-0", "web-1"])
        #expect(try await set().status.availableReplicas == 1)
    }
}
