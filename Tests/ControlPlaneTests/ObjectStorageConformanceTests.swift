import Foundation
import KubeAPI
import Testing

@testable import ControlPlane

/// The ``ObjectStorage`` contract's clauses on objects, resourceVersions, writes, transactions and reads, checked
/// against every backend through the protocol alone (watches: `ObjectStorageWatchConformanceTests`).
///
/// resourceVersions are compared, never assumed consecutive: the contract promises uniqueness and order only.
@Suite struct ObjectStorageConformanceTests {
    let pod = ObjectKey(kind: "Pod", namespace: "default", name: "web-1")
    let other = ObjectKey(kind: "Pod", namespace: "default", name: "web-2")
    let node = ObjectKey(kind: "Node", name: "n1")

    // MARK: - Objects and keys

    @Test(arguments: StorageBackend.all)
    func create_writesResourceVersionIntoMetadata_andStoresTheRestAsGiven(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        #expect(store.resourceVersion == 0)
        let given = StoreFixtures.object(pod, value: 1)
        let created = try store.create(pod, object: given)
        let rv = try #require(StoreFixtures.rv(created))
        #expect(rv > 0)
        #expect(store.resourceVersion == rv)
        #expect(created[path: ["metadata", "resourceVersion"]] == .string(String(rv)))
        var expected = given
        expected[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        #expect(created == expected)  // no uid, creationTimestamp, ...: the API server's job
        #expect(try store.get(pod) == created)
    }

    @Test(arguments: StorageBackend.all)
    func key_isAuthoritative_notTheMetadata(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let stored = try store.create(pod, object: StoreFixtures.object(other))
        #expect(try store.get(pod) == stored)
        #expect(try store.get(other) == nil)
        #expect(try store.list(kind: "Pod", namespace: "default").items == [stored])
        // Created under one key, the object without metadata gets one, holding only its resourceVersion.
        let bare = try store.create(node, object: ["spec": ["x": 1]])
        #expect(bare[path: ["metadata"]]?.objectValue?.keys.sorted() == ["resourceVersion"])
    }

    @Test(arguments: StorageBackend.all)
    func get_missing_returnsNil(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        #expect(try session.store.get(pod) == nil)
    }

    @Test(arguments: StorageBackend.all)
    func invalidObjects_areRefused_andChangeNothing(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        #expect(throws: InvalidObjectError(key: pod, reason: "not a JSON object")) {
            try store.create(pod, object: [1, 2])
        }
        #expect(throws: InvalidObjectError(key: pod, reason: "metadata is not a JSON object")) {
            try store.create(pod, object: ["metadata": "x"])
        }
        try store.create(other, object: StoreFixtures.object(other))
        let before = store.resourceVersion
        #expect(throws: InvalidObjectError.self) {
            try store.update(other, object: "text", expectedResourceVersion: nil)
        }
        #expect(store.resourceVersion == before)
        #expect(try store.get(pod) == nil)
    }

    // MARK: - resourceVersion

    @Test(arguments: StorageBackend.all)
    func resourceVersion_isGlobal_andStrictlyIncreasing_acrossKindsNamespacesAndVerbs(
        _ backend: StorageBackend
    ) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let keys = [pod, node, ObjectKey(kind: "DaemonSet", namespace: "kube-system", name: "ds")]
        var versions = try keys.map {
            try #require(StoreFixtures.rv(try store.create($0, object: StoreFixtures.object($0))))
        }
        let updated = try store.update(
            node, object: StoreFixtures.object(node, value: 9), expectedResourceVersion: versions[1])
        versions.append(try #require(StoreFixtures.rv(updated)))
        versions.append(try #require(StoreFixtures.rv(try store.delete(pod, expectedResourceVersion: versions[0]))))
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(store.resourceVersion == versions.last)
        // A re-created name gets a resourceVersion above its deletion's.
        let recreated = try store.create(pod, object: StoreFixtures.object(pod))
        #expect(try #require(StoreFixtures.rv(recreated)) > versions.last!)
    }

    @Test(arguments: StorageBackend.all)
    func failedWrites_doNotAdvanceTheResourceVersion(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod))
        let rv = store.resourceVersion
        _ = try? store.create(pod, object: StoreFixtures.object(pod, value: 2))
        _ = try? store.update(other, object: StoreFixtures.object(other), expectedResourceVersion: nil)
        _ = try? store.delete(other, expectedResourceVersion: nil)
        _ = try? store.update(pod, object: StoreFixtures.object(pod, value: 3), expectedResourceVersion: rv + 100)
        #expect(store.resourceVersion == rv)
        #expect(try store.get(pod) == created)
        #expect(StoreFixtures.rv(try store.create(other, object: StoreFixtures.object(other)))! > rv)
    }

    @Test(arguments: StorageBackend.persistent)
    func restart_keepsObjectsAndResourceVersions_andNeverReusesOne(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        try session.store.create(pod, object: StoreFixtures.object(pod, value: 1))
        let nodeObject = try session.store.create(node, object: StoreFixtures.object(node))
        let updated = try session.store.update(
            pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: nil)
        let before = session.store.resourceVersion

        try session.restart()
        #expect(session.store.resourceVersion >= before)
        #expect(try session.store.get(pod) == updated)
        #expect(try session.store.get(node) == nodeObject)
        #expect(try session.store.list(kind: "Node", namespace: nil).items == [nodeObject])
        // Delete the newest object: neither its resourceVersion nor the deletion's may come back.
        let deletion = try #require(StoreFixtures.rv(
            try session.store.delete(pod, expectedResourceVersion: StoreFixtures.rv(updated))))
        #expect(deletion > before)

        try session.restart()
        #expect(session.store.resourceVersion >= deletion)
        #expect(try session.store.get(pod) == nil)
        #expect(try session.store.list(kind: "Node", namespace: nil).resourceVersion >= deletion)
        let recreated = try session.store.create(pod, object: StoreFixtures.object(pod))
        #expect(try #require(StoreFixtures.rv(recreated)) > deletion)
    }

    // MARK: - Writes

    @Test(arguments: StorageBackend.all)
    func update_withTheCurrentResourceVersion_orNone_replacesTheObject(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        let updated = try store.update(
            pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: StoreFixtures.rv(created))
        #expect(StoreFixtures.rv(updated)! > StoreFixtures.rv(created)!)
        #expect(try store.get(pod) == updated)
        let unconditional = try store.update(
            pod, object: StoreFixtures.object(pod, value: 3), expectedResourceVersion: nil)
        #expect(StoreFixtures.rv(unconditional)! > StoreFixtures.rv(updated)!)
        #expect(try store.get(pod)?[path: ["spec", "value"]] == 3)
    }

    @Test(arguments: StorageBackend.all)
    func staleResourceVersion_conflicts_andChangesNothing(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let first = try #require(StoreFixtures.rv(try store.create(pod, object: StoreFixtures.object(pod, value: 1))))
        let current = try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: first)
        let actual = try #require(StoreFixtures.rv(current))
        #expect(throws: StoreError.conflict(pod, expected: first, actual: actual)) {
            try store.update(pod, object: StoreFixtures.object(pod, value: 3), expectedResourceVersion: first)
        }
        #expect(throws: StoreError.conflict(pod, expected: first, actual: actual)) {
            try store.delete(pod, expectedResourceVersion: first)
        }
        #expect(try store.get(pod) == current)
        #expect(store.resourceVersion == actual)
    }

    @Test(arguments: StorageBackend.all)
    func update_withIdenticalContent_writesNothing(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: ["metadata": ["name": "web-1"], "spec": ["value": .double(3.0)]])
        let rv = store.resourceVersion
        // Equal apart from metadata.resourceVersion, in canonical JSON (3.0 is 3).
        var same: JSONValue = ["metadata": ["name": "web-1", "resourceVersion": "999"], "spec": ["value": 3]]
        #expect(try store.update(pod, object: same, expectedResourceVersion: rv) == created)
        #expect(store.resourceVersion == rv)
        same[path: ["spec", "value"]] = 4
        #expect(StoreFixtures.rv(try store.update(pod, object: same, expectedResourceVersion: rv))! > rv)
    }

    @Test(arguments: StorageBackend.all)
    func create_ofAnExistingKey_isAlreadyExists(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        #expect(throws: StoreError.alreadyExists(pod)) {
            try store.create(pod, object: StoreFixtures.object(pod, value: 2))
        }
        #expect(try store.get(pod) == created)
    }

    @Test(arguments: StorageBackend.all)
    func updateAndDelete_ofAMissingKey_areNotFound(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        #expect(throws: StoreError.notFound(pod)) {
            try store.update(pod, object: StoreFixtures.object(pod), expectedResourceVersion: nil)
        }
        #expect(throws: StoreError.notFound(pod)) { try store.delete(pod, expectedResourceVersion: nil) }
        #expect(throws: StoreError.notFound(pod)) { try store.delete(pod, expectedResourceVersion: 1) }
        #expect(store.resourceVersion == 0)
    }

    @Test(arguments: StorageBackend.all)
    func delete_returnsTheLastStateWithTheDeletionsResourceVersion_andFreesTheName(
        _ backend: StorageBackend
    ) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 7))
        let deleted = try store.delete(pod, expectedResourceVersion: StoreFixtures.rv(created))
        #expect(StoreFixtures.rv(deleted)! > StoreFixtures.rv(created)!)
        #expect(store.resourceVersion == StoreFixtures.rv(deleted))
        var expected = created
        expected[path: ["metadata", "resourceVersion"]] = deleted[path: ["metadata", "resourceVersion"]]
        #expect(deleted == expected)
        #expect(try store.get(pod) == nil)
        #expect(try store.list(kind: "Pod", namespace: nil).items.isEmpty)
        let recreated = try store.create(pod, object: StoreFixtures.object(pod))
        #expect(StoreFixtures.rv(recreated)! > StoreFixtures.rv(deleted)!)
    }

    // MARK: - Transactions

    @Test(arguments: StorageBackend.all)
    func transaction_thatThrows_writesNothing_andRethrowsTheBodysError(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod))
        let rv = store.resourceVersion
        struct Abort: Error, Equatable {}
        #expect(throws: Abort()) {
            try store.transaction { tx in
                try tx.create(other, object: StoreFixtures.object(other))
                try tx.delete(pod, expectedResourceVersion: nil)
                try tx.create(pod, object: StoreFixtures.object(pod, value: 5))
                throw Abort()
            }
        }
        #expect(throws: StoreError.alreadyExists(other)) {
            try store.transaction { tx in
                try tx.create(other, object: StoreFixtures.object(other))
                try tx.create(other, object: StoreFixtures.object(other))
            }
        }
        #expect(try store.get(other) == nil)
        #expect(try store.get(pod) == created)
        #expect(store.resourceVersion == rv)
    }

    @Test(arguments: StorageBackend.all)
    func transaction_readsItsOwnWrites_whichStayInvisibleUntilTheCommit(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let zero = ObjectKey(kind: "Pod", namespace: "default", name: "web-0")
        try store.create(zero, object: StoreFixtures.object(zero))
        try store.transaction { tx in
            #expect(try tx.get(pod) == nil)
            let created = try tx.create(pod, object: StoreFixtures.object(pod, value: 1))
            #expect(try tx.get(pod) == created)
            #expect(try tx.list(kind: "Pod", namespace: "default").compactMap(StoreFixtures.name) == ["web-0", "web-1"])
            #expect(try store.get(pod) == nil)
            #expect(try store.list(kind: "Pod", namespace: nil).items.count == 1)
            try tx.delete(zero, expectedResourceVersion: nil)
            #expect(try tx.get(zero) == nil)
            #expect(try tx.list(kind: "Pod", namespace: nil).compactMap(StoreFixtures.name) == ["web-1"])
            // A second write to a key starts from the first, precondition included.
            let updated = try tx.update(
                pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: StoreFixtures.rv(created))
            #expect(StoreFixtures.rv(updated)! > StoreFixtures.rv(created)!)
            // A deleted key can be created again in the same transaction.
            try tx.create(zero, object: StoreFixtures.object(zero, value: 3))
        }
        #expect(try store.get(pod)?[path: ["spec", "value"]] == 2)
        #expect(try store.get(zero)?[path: ["spec", "value"]] == 3)
    }

    @Test(arguments: StorageBackend.all)
    func transaction_commitsAllWrites_withIncreasingResourceVersions_aCaughtFailureChangingNothing(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(pod, object: StoreFixtures.object(pod))
        let start = store.resourceVersion
        let watch = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: start)
        let ghost = ObjectKey(kind: "Pod", namespace: "default", name: "ghost")
        let written = try store.transaction { tx in
            let made = try tx.create(other, object: StoreFixtures.object(other))
            #expect(throws: StoreError.notFound(ghost)) { try tx.delete(ghost, expectedResourceVersion: nil) }
            #expect(throws: StoreError.alreadyExists(pod)) { try tx.create(pod, object: StoreFixtures.object(pod)) }
            let gone = try tx.delete(pod, expectedResourceVersion: StoreFixtures.rv(created))
            return [made, gone]
        }
        let versions = written.compactMap(StoreFixtures.rv)
        #expect(versions.count == 2 && start < versions[0] && versions[0] < versions[1])
        #expect(store.resourceVersion == versions[1])
        #expect(try store.list(kind: "Pod", namespace: nil).items == [written[0]])
        // The commit's events were handed to the watcher before the transaction returned, in the body's order.
        let events = await StoreFixtures.collect(watch, count: 2)
        #expect(events.map(\.type) == [.added, .deleted])
        #expect(events.map(\.object) == written)
    }

    @Test(arguments: StorageBackend.all)
    func concurrentReadModifyWriteTransactions_areSerializable_soNoIncrementIsLost(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let counter = ObjectKey(kind: "ConfigMap", namespace: "default", name: "counter")
        try store.create(counter, object: StoreFixtures.object(counter, value: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        // No precondition: only serializability keeps two increments from reading the same value.
                        // A backend that detects the race instead fails with a conflict, which the caller retries.
                        while true {
                            do {
                                try store.transaction { tx in
                                    let value = try tx.get(counter)?[path: ["spec", "value"]]?.intValue ?? -1
                                    try tx.update(
                                        counter, object: StoreFixtures.object(counter, value: value + 1),
                                        expectedResourceVersion: nil)
                                }
                                break
                            } catch let error as StoreError {
                                guard case .conflict = error else { throw error }
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.get(counter)?[path: ["spec", "value"]] == 100)
    }

    // MARK: - Reads

    @Test(arguments: StorageBackend.all)
    func list_selectsKindAndNamespace_sortedByNamespaceThenNameInUTF8ByteOrder(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let keys = [
            ObjectKey(kind: "Pod", namespace: "b", name: "x"), ObjectKey(kind: "Pod", namespace: "a", name: "z"),
            ObjectKey(kind: "Pod", namespace: "a", name: "a-2"), ObjectKey(kind: "Pod", namespace: "a", name: "a-10"),
            ObjectKey(kind: "Pod", namespace: "a", name: "Z"), ObjectKey(kind: "Pod", namespace: "a", name: "é"),
            ObjectKey(kind: "Pod", namespace: "B", name: "y"), node,
        ]
        for key in keys { try store.create(key, object: StoreFixtures.object(key)) }
        let all = try store.list(kind: "Pod", namespace: nil)
        #expect(all.items.compactMap(StoreFixtures.name) == ["y", "Z", "a-10", "a-2", "z", "é", "x"])
        #expect(all.resourceVersion == store.resourceVersion)
        #expect(try store.list(kind: "Pod", namespace: "a").items.count == 5)
        #expect(try store.list(kind: "Pod", namespace: "none").items.isEmpty)
        #expect(try store.list(kind: "Node", namespace: nil).items.compactMap(StoreFixtures.name) == ["n1"])
        #expect(try store.list(kind: "Node", namespace: "").items.count == 1)
        #expect(try store.list(kind: "Service", namespace: nil).items.isEmpty)
    }

    @Test(arguments: StorageBackend.all)
    func list_isConsistentWithItsResourceVersion_evenWhenAnotherKindChanged(_ backend: StorageBackend) throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let podObject = try store.create(pod, object: StoreFixtures.object(pod))
        try store.create(node, object: StoreFixtures.object(node))
        let list = try store.list(kind: "Pod", namespace: nil)
        #expect(list.items == [podObject])
        #expect(list.resourceVersion == store.resourceVersion)
        #expect(list.resourceVersion > StoreFixtures.rv(podObject)!)
    }

    @Test(arguments: StorageBackend.all)
    func concurrentWriters_eachReadTheirOwnWrite_andNoResourceVersionRepeats(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let versions = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var versions: [Int64] = []
                    for index in 0..<25 {
                        let key = ObjectKey(kind: "Pod", namespace: "w\(writer)", name: "p\(index)")
                        let created = try store.create(key, object: StoreFixtures.object(key))
                        #expect(try store.get(key) == created)
                        #expect(store.resourceVersion >= StoreFixtures.rv(created)!)
                        versions.append(StoreFixtures.rv(created)!)
                    }
                    return versions
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(Set(versions).count == 100)
        #expect(store.resourceVersion == versions.max())
        #expect(try store.list(kind: "Pod", namespace: nil).items.count == 100)
    }
}
