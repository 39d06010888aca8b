import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Objects for the ReplicaSet controller tests.
private enum RSFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let selector = ["app": "web"]
    static let templateLabels = ["app": "web", "pod-template-hash": "abc12"]

    static func stamp(_ secondsAgo: Int) -> String {
        Timestamp.format(now.addingTimeInterval(-TimeInterval(secondsAgo)))
    }

    static func replicaSet(replicas: Int32, minReadySeconds: Int32? = nil) -> ReplicaSet {
        let template = PodTemplateSpec(
            metadata: ObjectMeta(labels: templateLabels),
            spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.25")]))
        var rs = ReplicaSet(
            metadata: ObjectMeta(name: "web-abc12", namespace: "default"),
            spec: ReplicaSetSpec(replicas: replicas, minReadySeconds: minReadySeconds,
                                 selector: LabelSelector(matchLabels: selector), template: template))
        rs.metadata.uid = "rs-uid"
        rs.metadata.generation = 1
        return rs
    }

    static var ownerRef: OwnerReference {
        OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc12", uid: "rs-uid",
                       controller: true, blockOwnerDeletion: true)
    }

    /// A pod of the ReplicaSet; `readyFor` nil means not ready.
    static func pod(
        _ name: String, node: String? = "n1", phase: String = "Running", readyFor: Int? = 600,
        createdAgo: Int = 1000, restarts: Int32 = 0, labels: [String: String] = templateLabels,
        owned: Bool = true
    ) -> Pod {
        var meta = ObjectMeta(name: name, namespace: "default", labels: labels,
                              ownerReferences: owned ? [ownerRef] : nil)
        meta.uid = "uid-\(name)"
        meta.creationTimestamp = stamp(createdAgo)
        var status = PodStatus(phase: phase)
        status.conditions = [PodCondition(type: "Ready", status: readyFor == nil ? "False" : "True",
                                          lastTransitionTime: stamp(readyFor ?? 0))]
        status.containerStatuses = [ContainerStatus(name: "web", ready: readyFor != nil, restartCount: restarts)]
        var spec = PodSpec(containers: [Container(name: "web", image: "nginx:1.25")])
        spec.nodeName = node
        return Pod(metadata: meta, spec: spec, status: status)
    }

    static func deleted(_ actions: [ReplicaSetAction]) -> [String] {
        actions.compactMap { if case .deletePod(let name) = $0 { name } else { nil } }
    }

    static func created(_ actions: [ReplicaSetAction]) -> [Pod] {
        actions.compactMap { if case .createPod(let pod) = $0 { pod } else { nil } }
    }

    static func updatedPods(_ actions: [ReplicaSetAction]) -> [Pod] {
        actions.compactMap { if case .updatePod(let pod) = $0 { pod } else { nil } }
    }

    static func status(_ actions: [ReplicaSetAction]) -> ReplicaSetStatus? {
        actions.compactMap { if case .updateStatus(let status) = $0 { status } else { nil } }.first
    }
}

@Suite struct ReplicaSetReconcilerTests {
    @Test func scaleUp_createsMissingPodsFromTemplate() throws {
        let rs = RSFixture.replicaSet(replicas: 3)
        let actions = ReplicaSetReconciler.reconcile(rs, pods: [RSFixture.pod("web-abc12-aaaaa")], now: RSFixture.now)
        let created = RSFixture.created(actions)
        #expect(created.count == 2)
        let pod = try #require(created.first)
        #expect(pod.metadata.generateName == "web-abc12-")
        #expect(pod.metadata.name == nil)
        #expect(pod.metadata.namespace == "default")
        #expect(pod.labels == RSFixture.templateLabels)
        #expect(pod.metadata.ownerReferences == [RSFixture.ownerRef])
        #expect(pod.spec == rs.spec.template.spec)
        #expect(RSFixture.status(actions)?.replicas == 1)
    }

    @Test func scaleUp_isCappedByBurst() {
        let actions = ReplicaSetReconciler.reconcile(
            RSFixture.replicaSet(replicas: 10), pods: [], now: RSFixture.now, burstReplicas: 3)
        #expect(RSFixture.created(actions).count == 3)
    }

    @Test func scaleDown_deletesUnscheduledPendingNotReadyFirst() {
        let pods = [
            RSFixture.pod("running-ready", node: "n1"),
            RSFixture.pod("pending-scheduled", node: "n2", phase: "Pending", readyFor: nil),
            RSFixture.pod("unscheduled", node: nil, phase: "Pending", readyFor: nil),
            RSFixture.pod("running-not-ready", node: "n3", readyFor: nil),
        ]
        let actions = ReplicaSetReconciler.reconcile(RSFixture.replicaSet(replicas: 1), pods: pods, now: RSFixture.now)
        #expect(RSFixture.deleted(actions) == ["unscheduled", "pending-scheduled", "running-not-ready"])
        #expect(RSFixture.created(actions).isEmpty)
    }

    @Test func scaleDown_prefersMoreRestartsThenNewer() {
        let pods = [
            RSFixture.pod("old-calm", node: "n1", createdAgo: 900),
            RSFixture.pod("old-crashy", node: "n2", createdAgo: 800, restarts: 4),
            RSFixture.pod("new-calm", node: "n3", createdAgo: 100),
        ]
        let actions = ReplicaSetReconciler.reconcile(RSFixture.replicaSet(replicas: 1), pods: pods, now: RSFixture.now)
        #expect(RSFixture.deleted(actions) == ["old-crashy", "new-calm"])
    }

    @Test func scaleDown_prefersRecentlyReadyAndCrowdedNodes() {
        let recentlyReady = [RSFixture.pod("long", node: "n1", readyFor: 900), RSFixture.pod("short", node: "n2", readyFor: 60)]
        let first = ReplicaSetReconciler.reconcile(RSFixture.replicaSet(replicas: 1), pods: recentlyReady, now: RSFixture.now)
        #expect(RSFixture.deleted(first) == ["short"])

        let crowded = [RSFixture.pod("alone", node: "n1", createdAgo: 10),
                       RSFixture.pod("pair-a", node: "n2", createdAgo: 900),
                       RSFixture.pod("pair-b", node: "n2", createdAgo: 800)]
        let second = ReplicaSetReconciler.reconcile(RSFixture.replicaSet(replicas: 2), pods: crowded, now: RSFixture.now)
        #expect(RSFixture.deleted(second) == ["pair-b"])
    }

    @Test func claim_adoptsMatchingOrphansAndReleasesMismatches() throws {
        var foreign = RSFixture.pod("foreign", owned: false)
        foreign.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "other",
                                                           uid: "other-uid", controller: true)]
        var terminatingOrphan = RSFixture.pod("terminating", owned: false)
        terminatingOrphan.metadata.deletionTimestamp = RSFixture.stamp(1)
        let pods = [
            RSFixture.pod("orphan", owned: false),
            RSFixture.pod("relabelled", labels: ["app": "db"]),
            foreign,
            terminatingOrphan,
            RSFixture.pod("finished", phase: "Succeeded"),
        ]
        let actions = ReplicaSetReconciler.reconcile(RSFixture.replicaSet(replicas: 2), pods: pods, now: RSFixture.now)
        let updates = RSFixture.updatedPods(actions)
        #expect(updates.map(\.name) == ["orphan", "relabelled"])
        #expect(updates.first?.metadata.ownerReferences == [RSFixture.ownerRef])
        #expect(updates.last?.metadata.ownerReferences == nil)
        // Only the adopted pod counts: one more pod is created, the status reports one replica.
        #expect(RSFixture.created(actions).count == 1)
        #expect(RSFixture.status(actions)?.replicas == 1)
    }

    @Test func deletingReplicaSet_neitherCreatesNorReleases() {
        var rs = RSFixture.replicaSet(replicas: 3)
        rs.metadata.deletionTimestamp = RSFixture.stamp(1)
        let pods = [RSFixture.pod("relabelled", labels: ["app": "db"]), RSFixture.pod("orphan", owned: false)]
        let actions = ReplicaSetReconciler.reconcile(rs, pods: pods, now: RSFixture.now)
        #expect(RSFixture.created(actions).isEmpty)
        #expect(RSFixture.updatedPods(actions).isEmpty)
        #expect(RSFixture.status(actions)?.replicas == 0)
    }

    @Test func status_countsLabelsReadinessAndMinReadySeconds() throws {
        let pods = [
            RSFixture.pod("a", readyFor: 30),
            RSFixture.pod("b", readyFor: 4),
            RSFixture.pod("c", readyFor: nil, labels: ["app": "web"]),
        ]
        let rs = RSFixture.replicaSet(replicas: 3, minReadySeconds: 10)
        let actions = ReplicaSetReconciler.reconcile(rs, pods: pods, now: RSFixture.now)
        let status = try #require(RSFixture.status(actions))
        #expect(status.replicas == 3)
        #expect(status.fullyLabeledReplicas == 2)
        #expect(status.readyReplicas == 2)
        #expect(status.availableReplicas == 1)
        #expect(status.observedGeneration == 1)
        // Pod b becomes available 6 s from now (strictly after ready + 10 s): look again then, plus a second.
        #expect(actions.last == .requeue(after: .seconds(7)))
    }

    @Test func unchangedStatus_yieldsNoActions() {
        var rs = RSFixture.replicaSet(replicas: 2)
        rs.status.replicas = 2
        rs.status.fullyLabeledReplicas = 2
        rs.status.readyReplicas = 2
        rs.status.availableReplicas = 2
        rs.status.observedGeneration = 1
        let pods = [RSFixture.pod("a"), RSFixture.pod("b")]
        #expect(ReplicaSetReconciler.reconcile(rs, pods: pods, now: RSFixture.now).isEmpty)
        rs.metadata.generation = 2
        #expect(ReplicaSetReconciler.reconcile(rs, pods: pods, now: RSFixture.now)
                == [.updateStatus(Self.observed(rs.status, generation: 2))])
    }

    private static func observed(_ status: ReplicaSetStatus, generation: Int64) -> ReplicaSetStatus {
        var status = status
        status.observedGeneration = generation
        return status
    }
}
