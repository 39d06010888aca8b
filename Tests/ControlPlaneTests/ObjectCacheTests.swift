import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The SQLite store's in-memory mirror: a rolled-back transaction leaves no trace, a reopened store serves what the
/// database holds, and lists keep the database's order. (Reads inside a transaction: the conformance tests.)
@Suite struct ObjectCacheTests {
    let pod = ObjectKey(kind: "Pod", namespace: "default", name: "web-1")

    static func name(_ object: JSONValue) -> String? { object[path: ["metadata", "name"]]?.stringValue }

    @Test func rolledBackTransaction_leavesTheCacheAsItWas() throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let created = try store.create(pod, object: StoreFixtures.object(pod, value: 1))
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try store.transaction { transaction in
                try transaction.update(pod, object: StoreFixtures.object(pod, value: 9), expectedResourceVersion: nil)
                try transaction.create(ObjectKey(kind: "Node", name: "n1"), object: StoreFixtures.object(pod))
                throw Abort()
            }
        }
        #expect(try store.get(pod) == created)
        #expect(try store.list(kind: "Node", namespace: nil).items.isEmpty)
        #expect(try store.list(kind: "Pod", namespace: nil).resourceVersion == 1)
    }

    @Test func reopenedStore_servesWhatTheDatabaseHolds() async throws {
        try await StoreFixtures.withTemporaryDirectory { directory in
            let node = ObjectKey(kind: "Node", name: "n1")
            do {
                let store = try ObjectStore(directory: directory)
                try store.create(pod, object: StoreFixtures.object(pod, value: 1))
                try store.create(node, object: StoreFixtures.object(node))
                try store.update(pod, object: StoreFixtures.object(pod, value: 2), expectedResourceVersion: 1)
            }
            let reopened = try ObjectStore(directory: directory)
            #expect(try reopened.get(pod)?[path: ["spec", "value"]] == 2)
            #expect(StoreFixtures.rv(try reopened.get(pod)) == 3)
            #expect(try reopened.list(kind: "Node", namespace: nil).items.count == 1)
            #expect(try reopened.list(kind: "Pod", namespace: "default").resourceVersion == 3)
            // The watch's initial list carries each object's own resourceVersion.
            var events = try reopened.watch(kind: "Pod", namespace: nil, fromResourceVersion: nil).makeAsyncIterator()
            #expect(await events.next()?.resourceVersion == 3)
        }
    }

    @Test func list_ordersByteWise_likeTheDatabase() {
        let keys = ["b", "a-2", "a", "A", "a-10"].map { ObjectKey(kind: "Pod", namespace: "ns", name: $0) }
            + [ObjectKey(kind: "Pod", namespace: "default", name: "z")]
        let cache = ObjectCache(objects: keys.map { ($0, StoreFixtures.object($0)) }, resourceVersion: 7)
        let listed = cache.list(kind: "Pod", namespace: nil)
        #expect(listed.items.map { "\($0.key.namespace)/\($0.key.name)" }
            == ["default/z", "ns/A", "ns/a", "ns/a-10", "ns/a-2", "ns/b"])
        #expect(listed.resourceVersion == 7)
        #expect(cache.list(kind: "Node", namespace: nil).items.isEmpty)
    }
}
