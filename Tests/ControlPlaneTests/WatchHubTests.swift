import Foundation
import KubeAPI
import Synchronization
import Testing
import Wire

@testable import ControlPlane

/// The first `count` events of `stream` (fewer if it finishes first).
private func collect(_ stream: WatchStream, count: Int) async -> [StoreEvent] {
    var events: [StoreEvent] = []
    guard count > 0 else { return events }
    for await event in stream {
        events.append(event)
        if events.count == count { break }
    }
    return events
}

/// Every event until `stream` finishes.
private func drain(_ stream: WatchStream) async -> [StoreEvent] {
    var events: [StoreEvent] = []
    for await event in stream { events.append(event) }
    return events
}

private func event(_ type: WatchEventType, _ key: ObjectKey, rv: Int64) -> StoreEvent {
    StoreEvent(type: type, key: key, object: StoreFixtures.object(key), resourceVersion: rv)
}

@Suite(.timeLimit(.minutes(1))) struct WatchHubTests {
    let a = ObjectKey(kind: "Pod", namespace: "ns1", name: "a")
    let b = ObjectKey(kind: "Pod", namespace: "ns2", name: "b")
    let node = ObjectKey(kind: "Node", name: "n1")

    @Test func watchFromResourceVersion_replaysExactlyLaterEvents_thenLiveOnes() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(a, object: StoreFixtures.object(a))  // 1
        try store.create(node, object: StoreFixtures.object(node))  // 2
        try store.update(a, object: StoreFixtures.object(a, value: 1), expectedResourceVersion: 1)  // 3
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 1)
        try store.create(b, object: StoreFixtures.object(b))  // 4
        try store.delete(a, expectedResourceVersion: 3)  // 5
        let events = await collect(stream, count: 3)
        #expect(events.map(\.type) == [.modified, .added, .deleted])
        #expect(events.map(\.resourceVersion) == [3, 4, 5])
        #expect(events.map(\.key) == [a, b, a])
        #expect(events.map { StoreFixtures.rv($0.object) } == [3, 4, 5])
        #expect(events[2].object[path: ["spec", "value"]] == 1)
    }

    @Test func watch_filtersByNamespace() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let stream = try store.watch(kind: "Pod", namespace: "ns2", fromResourceVersion: 0)
        try store.create(a, object: StoreFixtures.object(a))
        try store.create(node, object: StoreFixtures.object(node))
        try store.create(b, object: StoreFixtures.object(b))
        let events = await collect(stream, count: 1)
        #expect(events.map(\.key) == [b])
        #expect(events.map(\.resourceVersion) == [3])
    }

    @Test func compact_makesOlderResourceVersionsGone_butNotLaterOnes() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(a, object: StoreFixtures.object(a))  // 1
        for value in 1...4 {  // 2...5
            try store.update(a, object: StoreFixtures.object(a, value: Int64(value)), expectedResourceVersion: nil)
        }
        store.compactWatchHistory(keepingAfter: 3)
        #expect(throws: StoreError.gone(requested: 2, oldest: 3)) {
            try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 2)
        }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 3)
        #expect(await collect(stream, count: 2).map(\.resourceVersion) == [4, 5])
        #expect(String(describing: StoreError.gone(requested: 2, oldest: 3)) == "too old resource version: 2 (3)")
    }

    @Test func windowOverflow_dropsOldestEvents_andOlderWatchesAreGone() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 3)
        try store.create(a, object: StoreFixtures.object(a))  // 1
        for value in 1...4 {  // 2...5
            try store.update(a, object: StoreFixtures.object(a, value: Int64(value)), expectedResourceVersion: nil)
        }
        #expect(store.watchHub.retainedCount == 3)
        #expect(store.watchHub.oldestResourceVersion == 2)
        #expect(throws: StoreError.gone(requested: 1, oldest: 2)) {
            try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 1)
        }
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 2)
        #expect(await collect(stream, count: 3).map(\.resourceVersion) == [3, 4, 5])
    }

    @Test func afterRestart_watchFromOlderResourceVersionIsGone_fromCurrentIsLive() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            do {
                let store = try ObjectStore(directory: directory)
                try store.create(a, object: StoreFixtures.object(a))
                try store.create(b, object: StoreFixtures.object(b))
            }
            let store = try ObjectStore(directory: directory)
            #expect(store.watchHub.retainedCount == 0)
            #expect(throws: StoreError.gone(requested: 1, oldest: 2)) {
                try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 1)
            }
            let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 2)
            try store.delete(a, expectedResourceVersion: nil)
            #expect(await collect(stream, count: 1).map(\.resourceVersion) == [3])
        }
    }

    @Test func watchWithoutResourceVersion_startsWithAddedForExistingObjects_thenLiveEvents() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        try store.create(b, object: StoreFixtures.object(b))  // 1
        try store.create(a, object: StoreFixtures.object(a))  // 2
        try store.create(node, object: StoreFixtures.object(node))  // 3
        try store.update(b, object: StoreFixtures.object(b, value: 1), expectedResourceVersion: nil)  // 4
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        try store.delete(a, expectedResourceVersion: nil)  // 5
        let events = await collect(stream, count: 3)
        #expect(events.map(\.type) == [.added, .added, .deleted])
        #expect(events.map(\.key) == [a, b, a])
        #expect(events.map(\.resourceVersion) == [2, 4, 5])
        #expect(events[1].object[path: ["spec", "value"]] == 1)
    }

    @Test func concurrentWriters_publishInStrictlyIncreasingResourceVersionOrder() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 10_000)
        let writers = 8
        let writesPerWriter = 40
        let total = writers * writesPerWriter
        let fromStart = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 0)
        // A second watcher joins mid-stream from a snapshot: it must see each object exactly once as ADDED.
        async let joined = joinMidStream(store, after: Int64(total / 2), expecting: total)
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
        let events = await collect(fromStart, count: total)
        #expect(events.map(\.resourceVersion) == (1...Int64(total)).map { $0 })
        #expect(events.allSatisfy { StoreFixtures.rv($0.object) == $0.resourceVersion })
        let joinedEvents = try await joined
        #expect(joinedEvents.count == total)
        #expect(Set(joinedEvents.map(\.key)).count == total)
        #expect(joinedEvents.allSatisfy { $0.type == .added })
    }

    /// Waits until `store` reaches `resourceVersion`, then watches from a snapshot until `expecting` distinct keys.
    private func joinMidStream(_ store: ObjectStore, after resourceVersion: Int64, expecting: Int) async throws
        -> [StoreEvent]
    {
        while store.resourceVersion < resourceVersion { await Task.yield() }
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

    @Test func slowSubscriber_overflowingItsBuffer_isCutOff_withoutBlockingWriters() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100, subscriberBuffer: 2)
        try store.create(node, object: StoreFixtures.object(node))
        // One existing object: the snapshot's ADDED event does not count against the live buffer.
        let stream = try store.watch(kind: "Node", namespace: nil, fromResourceVersion: nil)
        for value in 1...5 {
            try store.update(
                node, object: StoreFixtures.object(node, value: Int64(value)), expectedResourceVersion: nil)
        }
        #expect(store.resourceVersion == 6)
        #expect(store.watchHub.subscriberCount == 0)
        // Cut off at the fourth event (1 initial + 2 live pending): what it had pending is dropped, and it says why.
        #expect(stream.pendingCount == 0)
        #expect(await drain(stream).isEmpty)
        #expect(stream.cutOff == .tooSlow(delivered: 1, newest: 4))
        #expect(String(describing: stream.cutOff!) == "too old resource version: 1 (4)")
    }

    @Test func subscriberThatKeepsUp_isNeverCutOff() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100, subscriberBuffer: 2)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: 0)
        for index in 0..<10 {
            let key = ObjectKey(kind: "Pod", namespace: "ns", name: "p\(index)")
            try store.create(key, object: StoreFixtures.object(key))
            #expect(await collect(stream, count: 1).map(\.resourceVersion) == [Int64(index + 1)])
        }
        #expect(store.watchHub.subscriberCount == 1)
        #expect(stream.cutOff == nil)
    }

    @Test func stalledSubscriber_isCutOffAfterTheStallLimit_onTheNextEvent() async throws {
        let clock = ManualInstant()
        let hub = WatchHub(window: 100, subscriberBuffer: 100, stallLimit: .seconds(30), resourceVersion: 0,
                           clock: { clock.read() })
        let stream = try hub.watch(WatchFilter(kind: "Pod", namespace: nil), after: 0)
        hub.publish([event(.added, a, rv: 1)])
        clock.advance(by: .seconds(20))
        hub.publish([event(.added, b, rv: 2)])
        #expect(hub.subscriberCount == 1)
        clock.advance(by: .seconds(11))
        hub.publish([event(.modified, a, rv: 3)])
        #expect(hub.subscriberCount == 0)
        #expect(stream.cutOff == .tooSlow(delivered: 0, newest: 3))
        #expect(await drain(stream).isEmpty)
    }

    @Test func cancellingTheConsumer_removesTheSubscriber() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        #expect(store.watchHub.subscriberCount == 1)
        let consumer = Task { await drain(stream) }
        consumer.cancel()
        _ = await consumer.value
        #expect(store.watchHub.subscriberCount == 0)
        // Publishing afterwards is harmless.
        try store.create(a, object: StoreFixtures.object(a))
        #expect(store.watchHub.subscriberCount == 0)
    }

    // MARK: - WatchHub on its own

    @Test func hub_startsAtGivenResourceVersion_withNothingRetained() throws {
        let hub = WatchHub(window: 10, resourceVersion: 7)
        #expect(hub.resourceVersion == 7)
        #expect(hub.oldestResourceVersion == 7)
        #expect(throws: StoreError.gone(requested: 6, oldest: 7)) {
            try hub.watch(WatchFilter(kind: "Pod"), after: 6)
        }
        _ = try hub.watch(WatchFilter(kind: "Pod"), after: 7)
    }

    @Test func hub_compactBeyondNewest_dropsRetainedButKeepsFutureEvents() async throws {
        let hub = WatchHub(window: 10, resourceVersion: 0)
        hub.publish([event(.added, a, rv: 1), event(.added, b, rv: 2)])
        hub.compact(keepingAfter: 100)
        #expect(hub.retainedCount == 0)
        #expect(hub.oldestResourceVersion == 2)
        let stream = try hub.watch(WatchFilter(kind: "Pod"), after: 2)
        hub.publish([event(.modified, a, rv: 3)])
        #expect(await collect(stream, count: 1).map(\.resourceVersion) == [3])
        // Compacting backwards never resurrects history.
        hub.compact(keepingAfter: 0)
        #expect(hub.oldestResourceVersion == 2)
    }

    @Test func hub_watchFromFutureResourceVersion_deliversOnlyLaterEvents() async throws {
        let hub = WatchHub(window: 10, resourceVersion: 0)
        let stream = try hub.watch(WatchFilter(kind: "Pod", namespace: "ns1"), after: 2)
        hub.publish([event(.added, a, rv: 1), event(.added, b, rv: 2), event(.modified, a, rv: 3)])
        #expect(await collect(stream, count: 1).map(\.resourceVersion) == [3])
    }

    @Test func hub_zeroWindow_retainsNothing() throws {
        let hub = WatchHub(window: 0, resourceVersion: 0)
        hub.publish([event(.added, a, rv: 1)])
        #expect(hub.retainedCount == 0)
        #expect(throws: StoreError.gone(requested: 0, oldest: 1)) {
            try hub.watch(WatchFilter(kind: "Pod"), after: 0)
        }
    }
}

/// A clock the test moves by hand.
private final class ManualInstant: Sendable {
    private let now = Mutex(ContinuousClock.now)

    func read() -> ContinuousClock.Instant { now.withLock { $0 } }

    func advance(by duration: Duration) {
        now.withLock { $0 += duration }
    }
}
