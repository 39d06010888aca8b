import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// ``Informer``: its indexes, read-your-writes, and the relist after the watch is lost (410 Gone).
@Suite(.timeLimit(.minutes(1))) struct InformerTests {
    static func pod(_ name: String, node: String? = nil, owner: String? = nil, namespace: String = "default",
                    version: String = "1") -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: namespace), spec: PodSpec(containers: []))
        pod.metadata.resourceVersion = version
        pod.spec.nodeName = node
        pod.metadata.ownerReferences = owner.map {
            [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: $0, uid: "uid-\($0)", controller: true)]
        }
        return pod
    }

    @Test func indexes_followAddsUpdatesAndDeletes() {
        let informers = SharedInformers()
        informers.pods.replace([
            Self.pod("a", node: "n1", owner: "rs1"), Self.pod("b", node: "n1"), Self.pod("c", node: "n2", owner: "rs1"),
            Self.pod("d", namespace: "other"),
        ])
        #expect(informers.pods(onNode: "n1").map(\.name) == ["a", "b"])
        #expect(informers.pods.owned(by: "uid-rs1").map(\.name) == ["a", "c"])
        #expect(informers.pods.list(namespace: "other").map(\.name) == ["d"])
        #expect(informers.pods.list().count == 4)

        // A pod moves node and loses its owner; another goes.
        informers.pods.apply(.modified(Self.pod("a", node: "n2", version: "2")))
        informers.pods.apply(.deleted(Self.pod("c", node: "n2", owner: "rs1", version: "3")))
        #expect(informers.pods(onNode: "n1").map(\.name) == ["b"])
        #expect(informers.pods(onNode: "n2").map(\.name) == ["a"])
        #expect(informers.pods.owned(by: "uid-rs1").isEmpty)
        #expect(informers.pods.list(namespace: "default").map(\.name) == ["a", "b"])
    }

    @Test func recordedWrites_areReadBack_andNeverReplacedByOlderEvents() {
        let informer = Informer<Pod>()
        informer.replace([Self.pod("a", node: nil, version: "5")])
        // The controller's own write (answer at version 7) is visible at once...
        informer.record(Self.pod("a", node: "n1", version: "7"))
        #expect(informer.get(namespace: "default", name: "a")?.spec.nodeName == "n1")
        // ...a late watch event of an older version does not take it back, but is still delivered.
        let event = informer.apply(.modified(Self.pod("a", node: nil, version: "6")))
        #expect(event?.change == .modified)
        #expect(informer.get(namespace: "default", name: "a")?.spec.nodeName == "n1")
        // An older answer is not recorded over a newer cache either.
        informer.record(Self.pod("a", node: "n9", version: "3"))
        #expect(informer.get(namespace: "default", name: "a")?.spec.nodeName == "n1")
        informer.recordDeleted(namespace: "default", name: "a")
        #expect(informer.get(namespace: "default", name: "a") == nil)
    }

    @Test func relist_reportsWhatChanged_includingMissedDeletions() {
        let informer = Informer<Pod>()
        informer.replace([Self.pod("a"), Self.pod("b"), Self.pod("c")])
        let events = informer.replace([Self.pod("a"), Self.pod("b", version: "4"), Self.pod("d", version: "5")])
        let summary = Set(events.map { "\($0.change) \($0.object.name)" })
        #expect(summary == ["modified b", "added d", "deleted c"])
    }

    /// Against the API server: the informer's watch is cut off as too slow while its handler is stuck, so it gets
    /// 410 Gone, relists (a deletion it missed becomes a deletion event), runs its resync handlers and watches on.
    @Test func lostWatch_relistsAndResyncs() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1000, subscriberBuffer: 5)
        let api = APIServer(store: store, logger: Logger.forTests("informer"))
        try api.ensureBuiltIns()
        let client = InProcessClient(api: api)
        let informer = Informer<ConfigMap>()
        let probe = Probe()
        informer.addHandler { event in
            while !probe.gate.withLock({ $0 }) { try? await Task.sleep(for: .milliseconds(5)) }
            probe.seen.withLock { $0.append("\(event.change) \(event.object.name)") }
        }
        informer.addResyncHandler { probe.resyncs.withLock { $0 += 1 } }
        _ = try await client.create(Self.configMap("doomed"), namespace: "default", options: WriteOptions())
        probe.gate.withLock { $0 = true }

        let run = Task { await informer.run(client: client, logger: Logger.forTests("informer")) }
        await informer.waitUntilSynced()
        #expect(informer.get(namespace: "default", name: "doomed") != nil)
        try await eventually(within: .seconds(10), "the watch") { store.watchHub.subscriberCount == 1 ? true : nil }

        // The handler blocks on the first event while 20 more pile up: past the buffer of 5, the watch is cut off.
        probe.gate.withLock { $0 = false }
        for index in 0..<21 {
            _ = try await client.create(Self.configMap("cm-\(index)"), namespace: "default", options: WriteOptions())
        }
        try await client.delete(.configMap, namespace: "default", name: "doomed", options: DeleteOptions())
        try await eventually(within: .seconds(10), "the cut-off") { store.watchHub.subscriberCount == 0 ? true : nil }
        probe.gate.withLock { $0 = true }

        try await eventually(within: .seconds(10), "the relist") { probe.resyncs.withLock { $0 } == 1 ? true : nil }
        #expect(informer.get(namespace: "default", name: "doomed") == nil)
        #expect(informer.list(namespace: "default").count == 21)
        #expect(probe.seen.withLock { $0.contains("deleted doomed") })

        // It watches again: a later change arrives.
        _ = try await client.create(Self.configMap("late"), namespace: "default", options: WriteOptions())
        try await eventually(within: .seconds(10), "the later change") {
            informer.get(namespace: "default", name: "late") != nil ? true : nil
        }
        run.cancel()
        await run.value
    }

    /// What the handlers of the lost-watch test share with it.
    final class Probe: Sendable {
        let gate = Mutex(false)
        let seen = Mutex<[String]>([])
        let resyncs = Mutex(0)
    }

    static func configMap(_ name: String) -> ConfigMap {
        ConfigMap(metadata: ObjectMeta(name: name, namespace: "default"))
    }
}
