import Foundation
import KubeAPI
import Logging
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// A cascading delete is one store transaction: `Orphan` propagation releases the dependents and deletes the owner
/// together or not at all, and a namespace goes with its contents. The failure is injected through the
/// ``ObjectStorage`` protocol, by a storage that refuses writes to one key.
@Suite struct APIServerCascadeTests {
    static let admin = PeerIdentity(commonName: "admin", organizations: ["system:masters"])
    let owner = ObjectKey(kind: "ReplicaSet", namespace: "default", name: "rs")
    let first = ObjectKey(kind: "Pod", namespace: "default", name: "p1")
    let second = ObjectKey(kind: "Pod", namespace: "default", name: "p2")

    /// An API server on `store` with the built-in objects, a ReplicaSet and two pods it owns; when `failing` is
    /// set, the server's writes to that key fail.
    func makeServer(_ store: ObjectStore, failing: ObjectKey? = nil) throws -> APIServer {
        try APIServer(store: store, logger: Logger.forTests("cascade")).ensureBuiltIns()
        try store.create(owner, object: ["metadata": ["name": "rs", "namespace": "default", "uid": "owner-uid"]])
        for pod in [first, second] {
            try store.create(pod, object: [
                "metadata": [
                    "name": .string(pod.name), "namespace": "default", "uid": .string("uid-\(pod.name)"),
                    "ownerReferences": [["kind": "ReplicaSet", "name": "rs", "uid": "owner-uid"]],
                ],
            ])
        }
        let storage: any ObjectStorage = failing.map { FailingWritesStorage(base: store, failing: $0) } ?? store
        return APIServer(store: storage, logger: Logger.forTests("cascade"))
    }

    func deleteOwner(_ api: APIServer) async throws {
        var request = Request(verb: .delete, kind: "ReplicaSet", namespace: "default", name: "rs")
        request.propagationPolicy = "Orphan"
        _ = try await api.handle(request, from: Self.admin)
    }

    static func owners(_ object: JSONValue?) -> [JSONValue]? {
        object?[path: ["metadata", "ownerReferences"]]?.arrayValue
    }

    @Test func orphanDelete_releasesEveryDependent_andDeletesTheOwner() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = try makeServer(store)
        try await deleteOwner(api)
        #expect(try store.get(owner) == nil)
        #expect(try Self.owners(store.get(first)) == nil)
        #expect(try Self.owners(store.get(second)) == nil)
    }

    @Test func orphanDelete_thatFailsOnOneDependent_changesNothing() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = try makeServer(store, failing: second)
        let before = store.resourceVersion
        await #expect(throws: FailingWritesStorage.Refused.self) { try await deleteOwner(api) }
        // The first dependent had been released inside the transaction: that is rolled back with the rest.
        #expect(try Self.owners(store.get(first))?.count == 1)
        #expect(try store.get(owner) != nil)
        #expect(store.resourceVersion == before)
    }

    @Test func namespaceDelete_takesItsContentsWithIt() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = try makeServer(store)
        var create = Request(verb: .create, kind: "Namespace")
        create.object = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]]
        _ = try await api.handle(create, from: Self.admin)
        let inTeam = ObjectKey(kind: "ConfigMap", namespace: "team", name: "settings")
        try store.create(inTeam, object: ["metadata": ["name": "settings", "namespace": "team"]])
        _ = try await api.handle(Request(verb: .delete, kind: "Namespace", name: "team"), from: Self.admin)
        #expect(try store.get(ObjectKey(kind: "Namespace", name: "team")) == nil)
        #expect(try store.get(inTeam) == nil)
        #expect(try store.get(first) != nil)
    }
}

/// An ``ObjectStorage`` that delegates to another and refuses every write to one key: fault injection for the API
/// server's transactions.
final class FailingWritesStorage: ObjectStorage {
    /// The injected failure.
    struct Refused: Error {}

    let base: any ObjectStorage
    let failing: ObjectKey

    init(base: any ObjectStorage, failing: ObjectKey) {
        self.base = base
        self.failing = failing
    }

    var resourceVersion: Int64 { base.resourceVersion }

    func get(_ key: ObjectKey) throws -> JSONValue? { try base.get(key) }

    func list(kind: String, namespace: String?) throws -> (items: [JSONValue], resourceVersion: Int64) {
        try base.list(kind: kind, namespace: namespace)
    }

    func transaction<T>(_ body: (any ObjectStorageTransaction) throws -> T) throws -> T {
        try base.transaction { try body(Handle(base: $0, failing: failing)) }
    }

    func watch(kind: String, namespace: String?, fromResourceVersion: Int64?) throws -> WatchStream {
        try base.watch(kind: kind, namespace: namespace, fromResourceVersion: fromResourceVersion)
    }

    func compactWatchHistory(keepingAfter resourceVersion: Int64) {
        base.compactWatchHistory(keepingAfter: resourceVersion)
    }

    /// The base transaction, refusing writes to the failing key.
    struct Handle: ObjectStorageTransaction {
        let base: any ObjectStorageTransaction
        let failing: ObjectKey

        func get(_ key: ObjectKey) throws -> JSONValue? { try base.get(key) }

        func list(kind: String, namespace: String?) throws -> [JSONValue] {
            try base.list(kind: kind, namespace: namespace)
        }

        func create(_ key: ObjectKey, object: JSONValue) throws -> JSONValue {
            guard key != failing else { throw Refused() }
            return try base.create(key, object: object)
        }

        func update(_ key: ObjectKey, object: JSONValue, expectedResourceVersion: Int64?) throws -> JSONValue {
            guard key != failing else { throw Refused() }
            return try base.update(key, object: object, expectedResourceVersion: expectedResourceVersion)
        }

        func delete(_ key: ObjectKey, expectedResourceVersion: Int64?) throws -> JSONValue {
            guard key != failing else { throw Refused() }
            return try base.delete(key, expectedResourceVersion: expectedResourceVersion)
        }
    }
}
