import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct GarbageCollectorTests {
    private func ref(_ uid: String, kind: String = "ReplicaSet", block: Bool? = nil) -> OwnerReference {
        OwnerReference(
            apiVersion: "apps/v1", kind: kind, name: "owner-\(uid)", uid: uid, controller: true,
            blockOwnerDeletion: block)
    }

    private func pod(_ name: String, owners: [OwnerReference], deleting: Bool = false) -> GCObject {
        GCObject(kind: "Pod", namespace: "default", name: name, uid: "pod-\(name)", ownerReferences: owners, deleting: deleting)
    }

    @Test func collect_deletesObjectsWhoseOwnersAreAllGone() {
        let objects = [
            pod("a", owners: [ref("rs-gone")]),
            pod("b", owners: [ref("rs-live")]),
            pod("c", owners: []),
        ]
        #expect(
            GarbageCollector.collect(objects: objects, liveUIDs: ["rs-live"])
                == [.deleteObject(kind: "Pod", namespace: "default", name: "a")])
    }

    @Test func collect_keepsObjectWithALiveOwner_andDropsDanglingReferences() {
        let objects = [pod("a", owners: [ref("dead-1"), ref("live"), ref("dead-2"), ref("dead-1")])]
        #expect(
            GarbageCollector.collect(objects: objects, liveUIDs: ["live"]) == [
                .removeOwnerReference(kind: "Pod", namespace: "default", name: "a", ownerUID: "dead-1"),
                .removeOwnerReference(kind: "Pod", namespace: "default", name: "a", ownerUID: "dead-2"),
            ])
    }

    @Test func collect_matchesOwnersByUIDNotName() {
        // The owner was deleted and recreated under the same name: a different uid, so the pod is orphaned.
        var stale = ref("old-uid")
        stale.name = "web"
        #expect(
            GarbageCollector.collect(objects: [pod("a", owners: [stale])], liveUIDs: ["new-uid"])
                == [.deleteObject(kind: "Pod", namespace: "default", name: "a")])
    }

    @Test func collect_skipsObjectsAlreadyBeingDeleted() {
        #expect(GarbageCollector.collect(objects: [pod("a", owners: [ref("gone")], deleting: true)], liveUIDs: []).isEmpty)
    }

    @Test func collect_countsObjectsInTheSnapshotAsLive_andCascadesLevelByLevel() {
        let deployment = GCObject(kind: "Deployment", namespace: "default", name: "web", uid: "dep")
        let replicaSet = GCObject(
            kind: "ReplicaSet", namespace: "default", name: "web-1", uid: "rs", ownerReferences: [ref("dep", kind: "Deployment")])
        let child = pod("a", owners: [ref("rs")])
        #expect(GarbageCollector.collect(objects: [deployment, replicaSet, child], liveUIDs: []).isEmpty)
        // The Deployment is deleted: first the ReplicaSet goes; its pod once the ReplicaSet is gone.
        #expect(
            GarbageCollector.collect(objects: [replicaSet, child], liveUIDs: [])
                == [.deleteObject(kind: "ReplicaSet", namespace: "default", name: "web-1")])
        #expect(
            GarbageCollector.collect(objects: [child], liveUIDs: [])
                == [.deleteObject(kind: "Pod", namespace: "default", name: "a")])
    }

    @Test func orphanActions_stripOnlyTheDeletedOwnersReferences() {
        let dependents = [
            pod("a", owners: [ref("rs")]),
            pod("b", owners: [ref("other")]),
            pod("c", owners: [ref("other"), ref("rs")], deleting: true),
        ]
        #expect(
            GarbageCollector.orphanActions(ownerUID: "rs", dependents: dependents) == [
                .removeOwnerReference(kind: "Pod", namespace: "default", name: "a", ownerUID: "rs"),
                .removeOwnerReference(kind: "Pod", namespace: "default", name: "c", ownerUID: "rs"),
            ])
    }

    @Test func foregroundBlocked_whileADependentBlocksOwnerDeletion() {
        let blocking = pod("a", owners: [ref("rs", block: true)])
        let nonBlocking = pod("b", owners: [ref("rs", block: false)])
        let otherOwner = pod("c", owners: [ref("other", block: true)])
        #expect(GarbageCollector.foregroundBlocked(ownerUID: "rs", dependents: [nonBlocking, blocking, otherOwner]))
        #expect(!GarbageCollector.foregroundBlocked(ownerUID: "rs", dependents: [nonBlocking, otherOwner]))
        #expect(!GarbageCollector.foregroundBlocked(ownerUID: "rs", dependents: []))
        // A blocking dependent still being deleted (finalizers) keeps blocking until it is gone.
        let terminating = pod("d", owners: [ref("rs", block: true)], deleting: true)
        #expect(GarbageCollector.foregroundBlocked(ownerUID: "rs", dependents: [terminating]))
    }

    @Test func foregroundActions_deleteDependentsNotAlreadyDeleting() {
        let dependents = [
            pod("a", owners: [ref("rs", block: true)]),
            pod("b", owners: [ref("rs")], deleting: true),
            pod("c", owners: [ref("other")]),
        ]
        #expect(
            GarbageCollector.foregroundActions(ownerUID: "rs", dependents: dependents)
                == [.deleteObject(kind: "Pod", namespace: "default", name: "a")])
    }

    @Test func gcObject_fromMetadata() throws {
        var metadata = ObjectMeta(name: "a", namespace: "ns", ownerReferences: [ref("rs")])
        #expect(GCObject(kind: "Pod", metadata: metadata) == nil)  // no uid yet
        metadata.uid = "u1"
        metadata.deletionTimestamp = "2026-01-01T00:00:00Z"
        let object = try #require(GCObject(kind: "Pod", metadata: metadata))
        #expect(object == GCObject(kind: "Pod", namespace: "ns", name: "a", uid: "u1", ownerReferences: [ref("rs")], deleting: true))
        #expect(object.isOwned(by: "rs"))
    }
}
