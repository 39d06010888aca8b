import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

// MARK: - Fixtures (shared with WatchHubTests)

/// Small factories and helpers for the store tests.
enum StoreFixtures {
    /// A minimal manifest for `key` with a `spec.value` to tell versions apart.
    static func object(_ key: ObjectKey, value: Int64 = 0, uid: String? = nil) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(key.name)]
        if !key.namespace.isEmpty { metadata["namespace"] = .string(key.namespace) }
        if let uid { metadata["uid"] = .string(uid) }
        return ["kind": .string(key.kind), "metadata": .object(metadata), "spec": ["value": .int(value)]]
    }

    /// `metadata.resourceVersion` parsed as an integer.
    static func rv(_ object: JSONValue?) -> Int64? {
        object?[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    /// Runs `body` with a fresh temporary directory, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }
}

@Suite struct ObjectStoreTests {
    let pod = ObjectKey(kind: "Pod", namespace: "default", name: "web-1")

    @Test func create_stampsResourceVersion_andGetReturnsIt() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1, uid: "u-1"))
        #expect(StoreFixtures.rv(created) == 1)
        #expect(created[path: ["spec", "value"]] == 1)
        #expect(try store.get(pod) == created)
        #expect(store.resourceVersion == 1)
        #expect(try store.storedUID(pod) == "u-1")
    }

    @Test func get_missing_returnsNil() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        #expect(try store.get(pod) == nil)
    }

    @Test func resourceVersion_isGlobalAndMonotonicAcrossKinds() throws {
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
        #expect(store.resourceVersion == 4)
    }

    @Test func list_filtersByKindAndNamespace_sortedByNamespaceThenName() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let keys = [
            ObjectKey(kind: "Pod", namespace: "b", name: "x"), ObjectKey(kind: "Pod", namespace: "a", name: "z"),
            ObjectKey(kind: "Pod", namespace: "a", name: "y"), ObjectKey(kind: "Node", name: "a"),
        ]
        for key in keys { try store.create(key, object: StoreFixtures.object(key)) }
        let all = try store.list(kind: "Pod", namespace: nil)
        #expect(all.items.map { $0[path: ["metadata", "name"]] } == ["y", "z", "x"])
        #expect(all.resourceVersion == 4)
        let inA = try store.list(kind: "Pod", namespace: "a")
        #expect(inA.items.map { $0[path: ["metadata", "name"]] } == ["y", "z"])
        #expect(try store.list(kind: "Pod", namespace: "none").items.isEmpty)
        #expect(try store.list(kind: "Node", namespace: "").items.count == 1)
    }

    @Test func update_withCurrentResourceVersion_replacesObject() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        let updated = try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: 1)
        #expect(StoreFixtures.rv(updated) == 2)
        #expect(try store.get(pod)?[path: ["spec", "value"]] == 2)
        let unconditional = try store.update(
            pod, object: StoreFixtures.object(pod, value: 3), expectedResourceVersion: nil)
        #expect(StoreFixtures.rv(unconditional) == 3)
    }

    @Test func update_withStaleResourceVersion_conflictsAndChangesNothing() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        let current = try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: 1)
        #expect(throws: StoreError.conflict(pod, expected: 1, actual: 2)) {
            try store.update(pod, object: StoreFixtures.object(pod, value: 3), expectedResourceVersion: 1)
        }
        #expect(throws: StoreError.conflict(pod, expected: 1, actual: 2)) {
            try store.delete(pod, expectedResourceVersion: 1)
        }
        #expect(try store.get(pod) == current)
        #expect(store.resourceVersion == 2)
        #expect(store.watchHub.retainedCount == 2)
    }

    @Test func update_withIdenticalContent_writesNothing() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        let same = try store.update(pod, object: StoreFixtures.object(pod, value: 1), expectedResourceVersion: 1)
        #expect(same == created)
        #expect(store.resourceVersion == 1)
        #expect(store.watchHub.retainedCount == 1)
    }

    @Test func create_existing_throwsAlreadyExists() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        #expect(throws: StoreError.alreadyExists(pod)) {
            try store.create(pod, object: StoreFixtures.object(pod, value: 2))
        }
        #expect(try store.get(pod) == created)
        #expect(store.resourceVersion == 1)
    }

    @Test func updateAndDelete_missing_throwNotFound() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        #expect(throws: StoreError.notFound(pod)) {
            try store.update(pod, object: StoreFixtures.object(pod), expectedResourceVersion: nil)
        }
        #expect(throws: StoreError.notFound(pod)) { try store.delete(pod, expectedResourceVersion: nil) }
        #expect(store.resourceVersion == 0)
    }

    @Test func delete_returnsLastStateWithNewResourceVersion() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(pod, object: StoreFixtures.object(pod, value: 7))
        let deleted = try store.delete(pod, expectedResourceVersion: 1)
        #expect(StoreFixtures.rv(deleted) == 2)
        #expect(deleted[path: ["spec", "value"]] == 7)
        #expect(try store.get(pod) == nil)
        #expect(store.resourceVersion == 2)
        // The name is free again.
        #expect(StoreFixtures.rv(try store.create(pod, object: StoreFixtures.object(pod))) == 3)
    }

    @Test func create_nonObject_throwsInvalidObject() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        #expect(throws: InvalidObjectError(key: pod, reason: "not a JSON object")) {
            try store.create(pod, object: [1, 2])
        }
        #expect(throws: InvalidObjectError(key: pod, reason: "metadata is not a JSON object")) {
            try store.create(pod, object: ["metadata": "x"])
        }
        #expect(store.resourceVersion == 0)
    }

    @Test func transaction_thatThrows_rollsBackEveryWrite() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let other = ObjectKey(kind: "Pod", namespace: "default", name: "web-2")
        try store.create(pod, object: StoreFixtures.object(pod))
        #expect(throws: StoreError.alreadyExists(pod)) {
            try store.transaction { tx in
                try tx.create(other, object: StoreFixtures.object(other))
                try tx.delete(pod, expectedResourceVersion: nil)
                try tx.create(pod, object: StoreFixtures.object(pod))
                try tx.create(pod, object: StoreFixtures.object(pod))
            }
        }
        #expect(try store.get(other) == nil)
        #expect(StoreFixtures.rv(try store.get(pod)) == 1)
        #expect(store.resourceVersion == 1)
        #expect(try store.persistedResourceVersion() == 1)
        #expect(store.watchHub.retainedCount == 1)
    }

    @Test func transaction_commitsWritesWithConsecutiveResourceVersions() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let other = ObjectKey(kind: "Pod", namespace: "default", name: "web-2")
        try store.create(pod, object: StoreFixtures.object(pod))
        let rvs = try store.transaction { tx in
            let created = try tx.create(other, object: StoreFixtures.object(other))
            #expect(throws: StoreError.notFound(ObjectKey(kind: "Pod", name: "ghost"))) {
                try tx.delete(ObjectKey(kind: "Pod", name: "ghost"), expectedResourceVersion: nil)
            }
            let deleted = try tx.delete(pod, expectedResourceVersion: 1)
            return [StoreFixtures.rv(created), StoreFixtures.rv(deleted)]
        }
        #expect(rvs == [2, 3])
        #expect(try store.list(kind: "Pod", namespace: nil).items.map { StoreFixtures.rv($0) } == [2])
        #expect(store.resourceVersion == 3)
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

    @Test func reopening_keepsObjectsAndResourceVersions_andContinuesAboveDeletedMax() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            let node = ObjectKey(kind: "Node", name: "n1")
            do {
                let store = try ObjectStore(directory: directory)
                try store.create(pod, object: StoreFixtures.object(pod, value: 1))
                try store.create(node, object: StoreFixtures.object(node))
                try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: 1)
            }
            do {
                let store = try ObjectStore(directory: directory)
                #expect(store.resourceVersion == 3)
                #expect(StoreFixtures.rv(try store.get(pod)) == 3)
                #expect(try store.get(pod)?[path: ["spec", "value"]] == 2)
                #expect(StoreFixtures.rv(try store.get(node)) == 2)
                // Delete the newest object: its RV (3) and the deletion's (4) must never be reused.
                #expect(StoreFixtures.rv(try store.delete(pod, expectedResourceVersion: 3)) == 4)
            }
            let store = try ObjectStore(directory: directory)
            #expect(store.resourceVersion == 4)
            #expect(try store.get(pod) == nil)
            #expect(try store.list(kind: "Node", namespace: nil).resourceVersion == 4)
            #expect(StoreFixtures.rv(try store.create(pod, object: StoreFixtures.object(pod))) == 5)
        }
    }
}
