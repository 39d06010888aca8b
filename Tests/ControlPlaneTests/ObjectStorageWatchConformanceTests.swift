import Foundation
import KubeAPI
import Testing

@testable import ControlPlane

/// The ``ObjectStorage`` contract's clauses on watches and compaction, checked against every backend through the
/// protocol alone.
@Suite(.timeLimit(.minutes(1))) struct ObjectStorageWatchConformanceTests {
    let a = ObjectKey(kind: "Pod", namespace: "ns1", name: "a")
    let b = ObjectKey(kind: "Pod", namespace: "ns2", name: "b")
    let node = ObjectKey(kind: "Node", name: "n1")

    /// Creates `key`, returning its resourceVersion.
    private func create(_ store: any ObjectStorage, _ key: ObjectKey) throws -> Int64 {
        try #require(StoreFixtures.rv(try store.create(key, object: StoreFixtures.object(key))))
    }

    /// Changes `key`'s spec, returning the new resourceVersion.
    private func touch(_ store: any ObjectStorage, _ key: ObjectKey, _ value: Int64) throws -> Int64 {
        try #require(StoreFixtures.rv(
            try store.update(key, object: StoreFixtures.object(key, value: value), expectedResourceVersion: nil)))
    }

    // MARK: - Starting points

    @Test(arguments: StorageBackend.all)
    func fromNil_startsWithAddedForTheListInListOrder_thenEveryLaterChange(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        _ = try create(store, b)
        let aVersion = try create(store, a)
        _ = try create(store, node)
        let bVersion = try touch(store, b, 1)
        let listed = try store.list(kind: "Pod", namespace: nil)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        let deleted = try store.delete(a, expectedResourceVersion: nil)
        let events = await StoreFixtures.collect(stream, count: 3)
        #expect(events.map(\.type) == [.added, .added, .deleted])
        #expect(events.map(\.key) == [a, b, a])
        // Each synthetic ADDED carries its object's own resourceVersion (not in resourceVersion order).
        #expect(events.prefix(2).map(\.resourceVersion) == [aVersion, bVersion])
        #expect(events.prefix(2).map(\.object) == listed.items)
        #expect(events[2].object == deleted)
        #expect(events[2].resourceVersion > listed.resourceVersion)
    }

    @Test(arguments: StorageBackend.all)
    func fromResourceVersion_replaysExactlyTheLaterChanges_thenLiveOnes(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let first = try create(store, a)
        _ = try create(store, node)
        let second = try touch(store, a, 1)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: first)
        let third = try create(store, b)
        let deleted = try store.delete(a, expectedResourceVersion: second)
        let events = await StoreFixtures.collect(stream, count: 3)
        #expect(events.map(\.type) == [.modified, .added, .deleted])
        #expect(events.map(\.key) == [a, b, a])
        #expect(events.map(\.resourceVersion) == [second, third, StoreFixtures.rv(deleted)!])
        // An event's resourceVersion is its object's; a DELETED event carries what delete returned.
        #expect(events.allSatisfy { StoreFixtures.rv($0.object) == $0.resourceVersion })
        #expect(events[2].object == deleted)
        #expect(events[2].object[path: ["spec", "value"]] == 1)
    }

    @Test(arguments: StorageBackend.all)
    func listThenWatchFromTheListsResourceVersion_missesNothing_andRepeatsNothing(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        _ = try create(store, a)
        let list = try store.list(kind: "Pod", namespace: nil)
        _ = try create(store, node)
        let bVersion = try create(store, b)
        let aVersion = try touch(store, a, 2)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: list.resourceVersion)
        let events = await StoreFixtures.collect(stream, count: 2)
        #expect(events.map(\.resourceVersion) == [bVersion, aVersion])
        #expect(events.map(\.type) == [.added, .modified])
    }

    @Test(arguments: StorageBackend.all)
    func fromAFutureResourceVersion_deliversOnlyLaterChanges(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let from = store.resourceVersion + 2
        var stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: from)
        var versions = [try create(store, a)]
        for value in 1...3 { versions.append(try touch(store, a, Int64(value))) }
        let expected = versions.filter { $0 > from }
        #expect(await StoreFixtures.collect(stream, count: expected.count).map(\.resourceVersion) == expected)
        // From the current resourceVersion: exactly the next change.
        stream = try store.watch(kind: "Node", namespace: nil, fromResourceVersion: store.resourceVersion)
        let nodeVersion = try create(store, node)
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [nodeVersion])
    }

    @Test(arguments: StorageBackend.all)
    func failedAndUnchangingWrites_publishNothing(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let created = try store.create(a, object: StoreFixtures.object(a))
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: store.resourceVersion)
        _ = try? store.create(a, object: StoreFixtures.object(a, value: 1))
        _ = try? store.update(a, object: StoreFixtures.object(a, value: 1), expectedResourceVersion: 0)
        _ = try? store.delete(b, expectedResourceVersion: nil)
        _ = try store.update(a, object: StoreFixtures.object(a), expectedResourceVersion: StoreFixtures.rv(created))
        struct Abort: Error {}
        _ = try? store.transaction { tx in
            try tx.create(b, object: StoreFixtures.object(b))
            throw Abort()
        }
        let next = try touch(store, a, 2)
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [next])
    }

    @Test(arguments: StorageBackend.all)
    func watch_selectsItsKindAndNamespace(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let inNamespace = try store.watch(kind: "Pod", namespace: "ns2", fromResourceVersion: store.resourceVersion)
        let nodes = try store.watch(kind: "Node", namespace: nil, fromResourceVersion: nil)
        _ = try create(store, a)
        let nodeVersion = try create(store, node)
        let bVersion = try create(store, b)
        #expect(await StoreFixtures.collect(inNamespace, count: 1).map(\.key) == [b])
        #expect(bVersion > nodeVersion)
        #expect(await StoreFixtures.collect(nodes, count: 1).map(\.resourceVersion) == [nodeVersion])
    }

    // MARK: - Gone and compaction

    @Test(arguments: StorageBackend.all)
    func compaction_makesEarlierStartsGone_laterOnesNot_andLeavesObjectsAlone(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        var versions = [try create(store, a)]
        for value in 1...4 { versions.append(try touch(store, a, Int64(value))) }
        let object = try store.get(a)
        store.compactWatchHistory(keepingAfter: versions[2])
        #expect(throws: StoreError.gone(requested: versions[1], oldest: versions[2])) {
            try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: versions[1])
        }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: versions[2])
        #expect(await StoreFixtures.collect(stream, count: 2).map(\.resourceVersion) == Array(versions[3...]))
        #expect(try store.get(a) == object)
        #expect(try store.list(kind: "Pod", namespace: nil).items == [object])
        // Compaction never moves backwards.
        store.compactWatchHistory(keepingAfter: versions[0])
        #expect(throws: StoreError.self) {
            try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: versions[1])
        }
        #expect(String(describing: StoreError.gone(requested: 2, oldest: 3)) == "too old resource version: 2 (3)")
    }

    @Test(arguments: StorageBackend.all)
    func compactionBeyondTheNewest_dropsAllHistory_butNoFutureChange(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let first = try create(store, a)
        let running = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: first)
        let current = try touch(store, a, 1)
        store.compactWatchHistory(keepingAfter: current + 1_000)
        #expect(throws: StoreError.gone(requested: first, oldest: current)) {
            try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: first)
        }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: current)
        let next = try touch(store, a, 2)
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [next])
        // A watch already running is not affected.
        #expect(await StoreFixtures.collect(running, count: 2).map(\.resourceVersion) == [current, next])
    }

    @Test(arguments: StorageBackend.all)
    func aBoundedWindow_makesStartsBeforeItGone_andReplaysExactlyFromItsOldest(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init(watchWindow: 3))
        defer { session.close() }
        let store = session.store
        var versions = [try create(store, a)]
        for value in 1...4 { versions.append(try touch(store, a, Int64(value))) }
        var oldest: Int64?
        do {
            _ = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: versions[0])
        } catch StoreError.gone(let requested, let reported) {
            #expect(requested == versions[0])
            oldest = reported
        }
        let start = try #require(oldest, "a watch from before a 3-change window is Gone")
        #expect(start > versions[0] && start <= versions[4])
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: start)
        let expected = versions.filter { $0 > start }
        #expect(await StoreFixtures.collect(stream, count: expected.count).map(\.resourceVersion) == expected)
    }

    @Test(arguments: StorageBackend.persistent)
    func afterRestart_olderStartsAreGoneOrReplayedExactly_andTheCurrentOneIsLive(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let first = try create(session.store, a)
        let second = try create(session.store, b)
        try session.restart()
        let store = session.store
        do {
            let replay = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: first)
            #expect(await StoreFixtures.collect(replay, count: 1).map(\.resourceVersion) == [second])
        } catch StoreError.gone(let requested, let oldest) {
            #expect(requested == first && oldest > first)
        }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: store.resourceVersion)
        let deleted = try store.delete(a, expectedResourceVersion: nil)
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.object) == [deleted])
        #expect(StoreFixtures.rv(deleted)! > second)
    }

    // MARK: - Delivery

    @Test(arguments: StorageBackend.all)
    func aSlowWatcher_isCutOffAsTooSlow_withoutHoldingUpWriters(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init(subscriberBuffer: 2))
        defer { session.close() }
        let store = session.store
        let stream = try store.watch(kind: "Node", namespace: nil, fromResourceVersion: store.resourceVersion)
        let created = try create(store, node)
        var last = created
        for value in 1...5 { last = try touch(store, node, Int64(value)) }
        #expect(store.resourceVersion == last)
        // Pending events are dropped with the cut-off; the stream ends and says why.
        let delivered = await StoreFixtures.drain(stream)
        #expect(delivered.count < 6)
        guard case .some(.tooSlow(let reached, let newest)) = stream.cutOff else {
            Issue.record("expected a too-slow cut-off, got \(String(describing: stream.cutOff))")
            return
        }
        #expect(reached < newest && newest <= last)
        #expect(String(describing: stream.cutOff!) == "too old resource version: \(reached) (\(newest))")
    }

    @Test(arguments: StorageBackend.all)
    func aWatcherThatKeepsUp_isNeverCutOff(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init(subscriberBuffer: 2))
        defer { session.close() }
        let store = session.store
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        for index in 0..<10 {
            let key = ObjectKey(kind: "Pod", namespace: "ns", name: "p\(index)")
            let version = try create(store, key)
            #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [version])
        }
        #expect(stream.cutOff == nil)
    }

    @Test(arguments: StorageBackend.all)
    func cancellingTheConsumer_endsTheStreamWithoutACutOff(_ backend: StorageBackend) async throws {
        let session = try backend.open(.init())
        defer { session.close() }
        let store = session.store
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        let consumer = Task { await StoreFixtures.drain(stream) }
        consumer.cancel()
        #expect(await consumer.value.isEmpty)
        #expect(stream.cutOff == nil)
        // Writing afterwards is harmless.
        _ = try create(store, a)
        #expect(try store.get(a) != nil)
    }

    @Test(arguments: StorageBackend.all)
    func concurrentWriters_areSeenInStrictlyIncreasingOrder_andAMidStreamListSeesEachObjectOnce(
        _ backend: StorageBackend
    ) async throws {
        let session = try backend.open(.init(watchWindow: 10_000))
        defer { session.close() }
        let store = session.store
        let (writers, writesPerWriter) = (8, 40)
        let total = writers * writesPerWriter
        let fromStart = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: store.resourceVersion)
        async let joined = Self.joinMidStream(store, afterWrites: total / 2, expecting: total)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<writesPerWriter {
                        let key = ObjectKey(kind: "Pod", namespace: "w\(writer)", name: "p\(index)")
                        try store.create(key, object: StoreFixtures.object(key))
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = await StoreFixtures.collect(fromStart, count: total)
        #expect(events.count == total)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.resourceVersion < $1.resourceVersion })
        #expect(events.allSatisfy { StoreFixtures.rv($0.object) == $0.resourceVersion })
        let joinedEvents = try await joined
        #expect(joinedEvents.count == total)
        #expect(Set(joinedEvents.map(\.key)).count == total)
        #expect(joinedEvents.allSatisfy { $0.type == .added })
    }

    /// Waits until `afterWrites` pods exist, then watches from a list until `expecting` distinct keys were seen.
    private static func joinMidStream(_ store: any ObjectStorage, afterWrites: Int, expecting: Int) async throws
        -> [StoreEvent]
    {
        while try store.list(kind: "Pod", namespace: nil).items.count < afterWrites { await Task.yield() }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        var seen: Set<ObjectKey> = []
        var events: [StoreEvent] = []
        for await event in stream {
            events.append(event)
            seen.insert(event.key)
            if seen.count == expecting { break }
        }
        return events
    }
}
