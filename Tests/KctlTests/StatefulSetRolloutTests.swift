import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// kctl's StatefulSet paths: kubectl's `StatefulSetStatusViewer` messages, history and undo through the set's
/// ControllerRevisions, restart, scale and set image, and `describe` as kubectl 1.32 prints it.
@Suite struct StatefulSetRolloutTests {
    static let labels = ["app": "web"]
    static let uid = "sts-uid"

    /// `web` with `image`, 3 replicas, the given partition (nil: no rollingUpdate block) and status.
    static func set(
        image: String = "busybox:1.37", strategy: String = "RollingUpdate", partition: Int32? = 0,
        generation: Int64 = 2, observed: Int64 = 2, ready: Int32 = 3, updated: Int32 = 3,
        current: String = "web-b", update: String = "web-b"
    ) throws -> JSONValue {
        var set = StatefulSet(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: StatefulSetSpec(
                replicas: 3, selector: LabelSelector(matchLabels: labels),
                template: RolloutFixtures.template(image: image, labels: labels), serviceName: "web",
                updateStrategy: StatefulSetUpdateStrategy(
                    type: strategy, rollingUpdate: partition.map { RollingUpdateStatefulSetStrategy(partition: $0) })))
        set.metadata.uid = uid
        set.metadata.generation = generation
        set.metadata.creationTimestamp = "2026-12-08T00:00:00Z"
        set.status.observedGeneration = observed
        set.status.replicas = 3
        set.status.readyReplicas = ready
        set.status.updatedReplicas = updated
        // Once the update revision is current, every updated pod is current too.
        set.status.currentReplicas = current == update ? updated : 3 - updated
        set.status.currentRevision = current
        set.status.updateRevision = update
        return try JSONValue(encoding: set)
    }

    /// A revision of `web` holding `image`.
    static func revision(_ number: Int64, image: String, owner: String = uid) throws -> JSONValue {
        var data = try JSONValue(encoding: RolloutFixtures.template(image: image, labels: labels))
        data["$patch"] = "replace"
        return try JSONValue(encoding: ControllerRevision(
            metadata: ObjectMeta(
                name: "web-\(number)", namespace: "default", labels: labels,
                ownerReferences: [OwnerReference(
                    apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: owner, controller: true)]),
            data: ["spec": ["template": data]], revision: number))
    }

    func status(_ object: JSONValue) throws -> RolloutStatusViewer.Verdict {
        try RolloutStatusViewer.status(of: object, kind: .statefulSet, revision: 0)
    }

    @Test func status_messagesInKubectlOrder() throws {
        #expect(try status(Self.set(generation: 3, observed: 2))
            == .init(message: "Waiting for statefulset spec update to be observed...\n", done: false))
        #expect(try status(Self.set(observed: 0))
            == .init(message: "Waiting for statefulset spec update to be observed...\n", done: false))
        #expect(try status(Self.set(ready: 1))
            == .init(message: "Waiting for 2 pods to be ready...\n", done: false))
        #expect(try status(Self.set(partition: 1, updated: 1)) == .init(
            message: "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n",
            done: false))
        #expect(try status(Self.set(partition: 1, updated: 2))
            == .init(message: "partitioned roll out complete: 2 new pods have been updated...\n", done: true))
        #expect(try status(Self.set(partition: nil, updated: 1, current: "web-a")) == .init(
            message: "waiting for statefulset rolling update to complete 1 pods at revision web-b...\n", done: false))
        #expect(try status(Self.set(partition: nil, updated: 3)) == .init(
            message: "statefulset rolling update complete 3 pods at revision web-b...\n", done: true))
        #expect(throws: RolloutError("rollout status is only available for RollingUpdate strategy type")) {
            try status(Self.set(strategy: "OnDelete", partition: nil))
        }
    }

    @Test func history_andUndo_throughTheSetsRevisions() throws {
        let revisions = [
            try Self.revision(1, image: "busybox:1.36"), try Self.revision(2, image: "busybox:1.37"),
            try Self.revision(3, image: "busybox:1.38", owner: "someone-else"),
        ]
        let entries = RolloutHistory.revisionEntries(try Self.set(), kind: .statefulSet, revisions: revisions)
        #expect(entries.map(\.revision) == [1, 2])
        #expect(entries.first?.object["kind"] == "StatefulSet")
        #expect(entries.first?.template[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "busybox:1.36")

        let plan = try RolloutUndo.revision(try Self.set(), kind: .statefulSet, revisions: revisions, toRevision: 0)
        guard case .patch(let patch, .strategic) = plan else { Issue.record("expected a patch, got \(plan)"); return }
        #expect(patch[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "busybox:1.36")
        #expect(try RolloutUndo.revision(try Self.set(), kind: .statefulSet, revisions: revisions, toRevision: 2)
            == .skipped("skipped rollback (current template already matches revision 2)"))
    }

    @Test func restartScaleAndSetImage_takeStatefulSets() throws {
        let patch = try #require(try RolloutRestart.patch(
            for: try Self.set(), kind: .statefulSet, time: "2026-12-08T01:00:00Z"))
        #expect(patch[path: ["spec", "template", "metadata", "annotations", RolloutRestart.annotation]]
            == "2026-12-08T01:00:00Z")
        #expect(ScaleRequest.scalable(.statefulSet))
        #expect(ImageUpdate.podSpecPath(.statefulSet) == ["spec", "template", "spec"])
    }

    @Test func describe_asKubectl132() throws {
        var object = try Self.set()
        object[path: ["spec", "volumeClaimTemplates"]] = [
            [
                "metadata": ["name": "www", "labels": ["tier": "data", "app": "web"]],
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]],
                         "storageClassName": "standard"],
            ],
            ["metadata": ["name": "logs"], "spec": ["accessModes": ["ReadWriteOnce", "ReadOnlyMany"]]],
        ]
        let text = StatefulSetDescriber.describe(
            object, pods: [], events: nil, now: Date(timeIntervalSince1970: 1_796_688_000), timeZone: .gmt)
        #expect(text.hasPrefix("""
            Name:               web
            Namespace:          default
            CreationTimestamp:  Tue, 08 Dec 2026 00:00:00 +0000
            Selector:           app=web
            Labels:             <none>
            Annotations:        <none>
            Replicas:           3 desired | 3 total
            Update Strategy:    RollingUpdate
              Partition:        0
            Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:

            """), "\(text)")
        #expect(text.hasSuffix("""
            Volume Claims:
              Name:          www
              StorageClass:  standard
              Labels:        app=web
                             tier=data
              Annotations:   <none>
              Capacity:      1Gi
              Access Modes:  [ReadWriteOnce]
              Name:          logs
              StorageClass:  
              Labels:        <none>
              Annotations:   <none>
              Capacity:      <default>
              Access Modes:  [ReadWriteOnce ReadOnlyMany]

            """), "\(text)")
    }
}
