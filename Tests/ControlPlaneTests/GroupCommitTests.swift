import Foundation
import KubeAPI
import Synchronization
import Testing

@testable import ControlPlane

/// The SQLite backend's group commit (``ObjectStore/commit(_:)``): concurrent writers share SQLite transactions,
/// each body is undone alone when it throws, every acknowledged write is committed and published, and watchers see
/// the writes in strictly increasing resourceVersion order.
@Suite(.timeLimit(.minutes(1))) struct GroupCommitTests {
    private static func key(_ index: Int) -> ObjectKey {
        ObjectKey(kind: "Pod", namespace: "default", name: "pod-\(index)")
    }

    @Test func concurrentCommits_areAllAcknowledged_withDistinctConsecutiveVersions_publishedInOrder() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1_000)
        let watch = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 0)
        let count = 200
        let versions = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for index in 0..<count {
                group.addTask {
                    let stored = try await store.commit { try $0.create(Self.key(index), object: StoreFixtures.object(Self.key(index))) }
                    // Acknowledged means visible to every reader.
                    #expect(try store.get(Self.key(index)) == stored)
                    return StoreFixtures.rv(stored)
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1 ?? -1) }
        }
        #expect(versions.sorted() == Array(1...Int64(count)))
        #expect(store.resourceVersion == Int64(count))
        #expect(try store.persistedResourceVersion() == Int64(count))
        let events = await StoreFixtures.collect(watch, count: count)
        #expect(events.map(\.resourceVersion) == Array(1...Int64(count)))
    }

    @Test func writesQueuedDuringACommit_shareTheNextOne() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1_000)
        let queued = 20
        let leading = Atomic<Bool>(false)
        // A blocking transaction holds the write queue (on a thread of its own) until every commit below is queued.
        let leader = Task.detached {
            try store.transaction { transaction in
                try transaction.create(Self.key(-1), object: StoreFixtures.object(Self.key(-1)))
                leading.store(true, ordering: .releasing)
                while store.queuedCommits < queued { usleep(1_000) }
            }
        }
        while !leading.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
        let versions = try await withThrowingTaskGroup(of: Int64?.self) { group in
            for index in 0..<queued {
                group.addTask {
                    StoreFixtures.rv(try await store.commit {
                        try $0.create(Self.key(index), object: StoreFixtures.object(Self.key(index)))
                    })
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1 ?? -1) }
        }
        try await leader.value
        #expect(versions.sorted() == Array(2...Int64(queued + 1)))
        // The leader's transaction, then one for all the queued writes.
        #expect(store.batchesCommitted == 2)
    }

    @Test func aBodyThatThrows_isUndoneAlone_andTheOthersCommit() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1_000)
        struct Refused: Error {}
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<50 {
                group.addTask {
                    do {
                        _ = try await store.commit { transaction in
                            try transaction.create(Self.key(index), object: StoreFixtures.object(Self.key(index)))
                            // Every third body writes a second object, then fails: both writes must vanish.
                            if index % 3 == 0 {
                                try transaction.create(Self.key(1_000 + index), object: StoreFixtures.object(Self.key(index)))
                                throw Refused()
                            }
                            return true
                        }
                        return (index, true)
                    } catch {
                        #expect(error is Refused)
                        return (index, false)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        for index in 0..<50 {
            #expect(outcomes[index] == (index % 3 != 0))
            #expect((try store.get(Self.key(index)) != nil) == (index % 3 != 0))
            #expect(try store.get(Self.key(1_000 + index)) == nil)
        }
        let committed = Int64((0..<50).filter { $0 % 3 != 0 }.count)
        #expect(store.resourceVersion == committed)
        let (items, _) = try store.list(kind: "Pod", namespace: "default")
        #expect(items.compactMap(StoreFixtures.rv).sorted() == Array(1...committed))
    }

    @Test func bodiesInOneBatch_seeTheWritesBeforeThem_soDuplicateCreatesConflict() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1_000)
        let key = Self.key(0)
        let created = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        _ = try await store.commit { try $0.create(key, object: StoreFixtures.object(key)) }
                        return true
                    } catch {
                        #expect(error as? StoreError == .alreadyExists(key))
                        return false
                    }
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(created == 1)
        #expect(store.resourceVersion == 1)
    }

    @Test func blockingTransactions_andCommits_interleave_onOneCounter() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            let store = try ObjectStore(directory: directory)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        if index.isMultiple(of: 2) {
                            _ = try await store.commit { try $0.create(Self.key(index), object: StoreFixtures.object(Self.key(index))) }
                        } else {
                            try store.create(Self.key(index), object: StoreFixtures.object(Self.key(index)))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(store.resourceVersion == 100)
            let reopened = try ObjectStore(directory: directory)
            let (items, resourceVersion) = try reopened.list(kind: "Pod", namespace: "default")
            #expect(resourceVersion == 100)
            #expect(items.compactMap(StoreFixtures.rv).sorted() == Array(1...100))
        }
    }
}
