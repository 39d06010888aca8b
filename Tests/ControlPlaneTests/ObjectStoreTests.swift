import Foundation
import KubeAPI
import Testing

@testable import ControlPlane

/// What the SQLite backend promises beyond the ``ObjectStorage`` contract (which `ObjectStorageConformanceTests`
/// checks): consecutive resourceVersions from 1, the counter and rows as persisted, WAL durability, and watch
/// history in memory only.
@Suite struct ObjectStoreTests {
    let pod = ObjectKey(kind: "Pod", namespace: "default", name: "web-1")

    @Test func resourceVersions_areConsecutiveFromOne_acrossKindsAndTransactions() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let keys = [
            pod, ObjectKey(kind: "Node", name: "n1"),
            ObjectKey(kind: "DaemonSet", namespace: "kube-system", name: "ds"),
        ]
        let rvs = try keys.map { try StoreFixtures.rv(store.create($0, object: StoreFixtures.object($0))) }
        #expect(rvs == [1, 2, 3])
        let updated = try store.update(
            keys[1], object: StoreFixtures.object(keys[1], value: 9), expectedResourceVersion: 2)
        #expect(StoreFixtures.rv(updated) == 4)
        let other = ObjectKey(kind: "Pod", namespace: "default", name: "web-2")
        let inTransaction = try store.transaction { tx in
            [
                StoreFixtures.rv(try tx.create(other, object: StoreFixtures.object(other))),
                StoreFixtures.rv(try tx.delete(pod, expectedResourceVersion: 1)),
            ]
        }
        #expect(inTransaction == [5, 6])
        #expect(store.resourceVersion == 6)
        #expect(try store.persistedResourceVersion() == 6)
    }

    @Test func create_copiesTheUIDIntoItsColumn() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(pod, object: StoreFixtures.object(pod, value: 1, uid: "u-1"))
        #expect(try store.storedUID(pod) == "u-1")
        let node = ObjectKey(kind: "Node", name: "n1")
        try store.create(node, object: StoreFixtures.object(node))
        #expect(try store.storedUID(node) == "")
        #expect(try store.storedUID(ObjectKey(kind: "Node", name: "none")) == nil)
    }

    @Test func rolledBackAndUnchangingWrites_leaveTheCounterAndTheHistoryAlone() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let other = ObjectKey(kind: "Pod", namespace: "default", name: "web-2")
        try store.create(pod, object: StoreFixtures.object(pod))
        #expect(throws: StoreError.alreadyExists(pod)) {
            try store.transaction { tx in
                try tx.create(other, object: StoreFixtures.object(other))
                try tx.create(pod, object: StoreFixtures.object(pod))
            }
        }
        _ = try store.update(pod, object: StoreFixtures.object(pod), expectedResourceVersion: 1)
        #expect(throws: StoreError.conflict(pod, expected: 7, actual: 1)) {
            try store.delete(pod, expectedResourceVersion: 7)
        }
        #expect(try store.persistedResourceVersion() == 1)
        #expect(store.watchHub.retainedCount == 1)
    }

    @Test func fileStore_usesWALWithNormalSynchronous() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            let store = try ObjectStore(directory: directory)
            let settings = try store.durabilitySettings()
            #expect(settings.journalMode == "wal")
            #expect(settings.synchronous == 1)  // NORMAL
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("state.db").path))
        }
    }

    @Test func reopening_continuesAtThePersistedCounter_aboveTheDeletedMaximum() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            do {
                let store = try ObjectStore(directory: directory)
                try store.create(pod, object: StoreFixtures.object(pod, value: 1))
                try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: 1)
                try store.delete(pod, expectedResourceVersion: 2)
            }
            let store = try ObjectStore(directory: directory)
            #expect(store.resourceVersion == 3)
            #expect(try store.list(kind: "Pod", namespace: nil).items.isEmpty)
            #expect(try store.list(kind: "Pod", namespace: nil).resourceVersion == 3)
            #expect(StoreFixtures.rv(try store.create(pod, object: StoreFixtures.object(pod))) == 4)
        }
    }

    @Test func reopening_retainsNoWatchHistory_soEveryOlderStartIsGone() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            let a = ObjectKey(kind: "Pod", namespace: "ns1", name: "a")
            do {
                let store = try ObjectStore(directory: directory)
                try store.create(a, object: StoreFixtures.object(a))
                try store.create(pod, object: StoreFixtures.object(pod))
            }
            let store = try ObjectStore(directory: directory)
            #expect(store.watchHub.retainedCount == 0)
            #expect(throws: StoreError.gone(requested: 1, oldest: 2)) {
                try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 1)
            }
            let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 2)
            try store.delete(a, expectedResourceVersion: nil)
            #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [3])
        }
    }
}
