import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct ObjectLifecycleTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func create_setsServerFields_andGeneratesTheName() {
        let object: JSONValue = [
            "metadata": ["generateName": "filebeat-ds-", "resourceVersion": "9"], "spec": [:], "status": ["x": 1],
        ]
        let prepared = ObjectLifecycle.prepareForCreate(
            object, kind: .daemonSet, namespace: "default", now: now, uid: "u", nameSuffix: "7kq9s")
        #expect(prepared["apiVersion"] == "apps/v1" && prepared["kind"] == "DaemonSet")
        #expect(prepared[path: ["metadata", "name"]] == "filebeat-ds-7kq9s")
        #expect(prepared[path: ["metadata", "uid"]] == "u")
        #expect(prepared[path: ["metadata", "generation"]] == 1)
        #expect(prepared[path: ["metadata", "resourceVersion"]] == nil)
        #expect(prepared[path: ["metadata", "creationTimestamp"]] == .string(Timestamp.format(now)))
        #expect(prepared[path: ["metadata", "annotations", ObjectLifecycle.templateGenerationAnnotation]] == "1")
        #expect(prepared["status"] == [:])
    }

    @Test func update_keepsIdentityAndStatus_bumpsGenerationOnlyForSpecChanges() {
        let old: JSONValue = [
            "metadata": ["name": "d", "uid": "u", "generation": 3, "creationTimestamp": "t",
                         "annotations": [ObjectLifecycle.templateGenerationAnnotation: "2"]],
            "spec": ["template": ["a": 1], "minReadySeconds": 0], "status": ["numberReady": 3],
        ]
        var new = old
        new[path: ["metadata", "uid"]] = "other"
        new["status"] = ["numberReady": 0]
        new[path: ["metadata", "labels"]] = ["x": "y"]
        let metadataOnly = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .daemonSet, subresource: nil)
        #expect(metadataOnly[path: ["metadata", "uid"]] == "u")
        #expect(metadataOnly["status"] == ["numberReady": 3])
        #expect(metadataOnly[path: ["metadata", "generation"]] == 3)

        new[path: ["spec", "minReadySeconds"]] = 5
        let specChange = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .daemonSet, subresource: nil)
        #expect(specChange[path: ["metadata", "generation"]] == 4)
        #expect(specChange[path: ["metadata", "annotations", ObjectLifecycle.templateGenerationAnnotation]] == "2")

        new[path: ["spec", "template"]] = ["a": 2]
        let templateChange = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .daemonSet, subresource: nil)
        #expect(templateChange[path: ["metadata", "annotations", ObjectLifecycle.templateGenerationAnnotation]] == "3")
    }

    /// A spec that differs only by what defaulting fills in is no change: `kubectl apply` of a StatefulSet sends its
    /// claim templates back without the defaults the stored ones have.
    @Test func update_specEqualOnceDefaulted_keepsTheGeneration() throws {
        let manifest: JSONValue = [
            "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": "web", "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": "web"]], "serviceName": "web",
                "template": ["metadata": ["labels": ["app": "web"]],
                             "spec": ["containers": [["name": "web", "image": "busybox"]]]],
                "volumeClaimTemplates": [["metadata": ["name": "www"], "spec": ["accessModes": ["ReadWriteOnce"]]]],
            ],
        ]
        var old = try Defaulting.defaulted(manifest, as: .statefulSet)
        old[path: ["metadata", "generation"]] = 2
        #expect(old[path: ["spec", "volumeClaimTemplates"]] != manifest[path: ["spec", "volumeClaimTemplates"]])
        var new = old
        new[path: ["spec", "volumeClaimTemplates"]] = manifest[path: ["spec", "volumeClaimTemplates"]]
        let same = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .statefulSet, subresource: nil)
        #expect(same[path: ["metadata", "generation"]] == 2)
        new[path: ["spec", "replicas"]] = 3
        let scaled = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .statefulSet, subresource: nil)
        #expect(scaled[path: ["metadata", "generation"]] == 3)
    }

    @Test func statusUpdate_changesOnlyStatus() {
        let old: JSONValue = ["metadata": ["name": "d"], "spec": ["a": 1], "status": ["x": 1]]
        let new: JSONValue = ["metadata": ["name": "d", "labels": ["l": "v"]], "spec": ["a": 2], "status": ["x": 2]]
        let result = ObjectLifecycle.prepareForUpdate(new, old: old, kind: .daemonSet, subresource: "status")
        #expect(result == ["metadata": ["name": "d"], "spec": ["a": 1], "status": ["x": 2]])
    }

    @Test func finishesDeletion_whenMarkedAndNoFinalizersLeft_butNeverForPods() {
        let marked: JSONValue = ["kind": "DaemonSet", "metadata": ["deletionTimestamp": "t", "finalizers": []]]
        #expect(ObjectLifecycle.finishesDeletion(marked))
        var waiting = marked
        waiting[path: ["metadata", "finalizers"]] = ["foregroundDeletion"]
        #expect(!ObjectLifecycle.finishesDeletion(waiting))
        var pod = marked
        pod["kind"] = "Pod"
        #expect(!ObjectLifecycle.finishesDeletion(pod))
    }
}

@Suite struct PodPhaseTransitionTests {
    @Test func finishedPod_cannotGoBackToRunning() {
        var old = Pod(metadata: ObjectMeta(name: "p", namespace: "default"))
        old.spec.containers = [Container(name: "c", image: "busybox")]
        old.applyDefaults()
        old.status.phase = "Failed"
        var new = old
        new.status.phase = "Running"
        let errors = new.validateUpdate(old: old)
        #expect(errors.map(\.description)
            == ["status.phase: Forbidden: cannot transition from terminal phase Failed to Running"])
        #expect(old.validateUpdate(old: old).isEmpty)
    }
}
