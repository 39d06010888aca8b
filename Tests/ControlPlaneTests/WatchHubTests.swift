import Foundation
import KubeAPI
import Synchronization
import Testing
import Wire

@testable import ControlPlane

private func event(_ type: WatchEventType, _ key: ObjectKey, rv: Int64) -> StoreEvent {
    StoreEvent(type: type, key: key, object: StoreFixtures.object(key), resourceVersion: rv)
}

/// The watch hub on its own (retention, compaction, cut-offs by the clock), and the SQLite backend's use of it
/// (its subscriber bookkeeping). The store-level watch contract is in `ObjectStorageWatchConformanceTests`.
@Suite(.timeLimit(.minutes(1))) struct WatchHubTests {
    let a = ObjectKey(kind: "Pod", namespace: "ns1", name: "a")
    let b = ObjectKey(kind: "Pod", namespace: "ns2", name: "b")
    let node = ObjectKey(kind: "Node", name: "n1")

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
        #expect(await StoreFixtures.drain(stream).isEmpty)
        #expect(stream.cutOff == .tooSlow(delivered: 1, newest: 4))
        #expect(String(describing: stream.cutOff!) == "too old resource version: 1 (4)")
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
        #expect(await StoreFixtures.drain(stream).isEmpty)
    }

    @Test func cancellingTheConsumer_removesTheSubscriber() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let stream = try store.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil)
        #expect(store.watchHub.subscriberCount == 1)
        let consumer = Task { await StoreFixtures.drain(stream) }
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
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [3])
        // Compacting backwards never resurrects history.
        hub.compact(keepingAfter: 0)
        #expect(hub.oldestResourceVersion == 2)
    }

    @Test func hub_watchFromFutureResourceVersion_deliversOnlyLaterEvents() async throws {
        let hub = WatchHub(window: 10, resourceVersion: 0)
        let stream = try hub.watch(WatchFilter(kind: "Pod", namespace: "ns1"), after: 2)
        hub.publish([event(.added, a, rv: 1), event(.added, b, rv: 2), event(.modified, a, rv: 3)])
        #expect(await StoreFixtures.collect(stream, count: 1).map(\.resourceVersion) == [3])
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
