import Foundation
import KubeAPI
import Synchronization
import Wire

/// Leases held in memory: node heartbeats arrive every second and are never written to disk.
///
/// Serves the Lease verbs with Kubernetes' semantics (create fails if present, update if absent), and watches of
/// them: every change takes the next value of the table's own resourceVersion counter (leases take none from the
/// store's) and is published to a ``WatchHub`` of its own, so the node lifecycle controller follows renewals
/// through the API like any client.
final class LeaseTable: Sendable {
    private struct Entry: Sendable {
        var object: JSONValue
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var version: Int64 = 0
    }

    private let state = Mutex(State())
    /// Lease changes for watchers; published under `state`'s lock, so in version order.
    private let hub = WatchHub(window: 1_000, resourceVersion: 0)

    private static func key(_ namespace: String, _ name: String) -> String {
        NamespacedKey.make(namespace: namespace, name: name)
    }

    func get(namespace: String, name: String) -> JSONValue? {
        state.withLock { $0.entries[Self.key(namespace, name)]?.object }
    }

    func list(namespace: String?) -> [JSONValue] { listVersioned(namespace: namespace).items }

    /// The leases in `namespace` (every namespace when nil) and the table's resourceVersion they are current at.
    func listVersioned(namespace: String?) -> (items: [JSONValue], resourceVersion: Int64) {
        state.withLock { state in
            (Self.items(in: state, namespace: namespace), state.version)
        }
    }

    /// Watches lease changes in `namespace` (every namespace when nil) after `resourceVersion`, or, without one,
    /// from a snapshot: one ADDED event per current lease first.
    /// - Throws: ``StoreError/gone(requested:oldest:)`` when changes after `resourceVersion` are no longer retained.
    func watch(namespace: String?, fromResourceVersion resourceVersion: Int64?) throws -> WatchStream {
        let filter = WatchFilter(kind: ResourceKind.lease.kind, namespace: namespace)
        if let resourceVersion { return try hub.watch(filter, after: resourceVersion) }
        // The snapshot and the registration happen under the table's lock, so no change falls between them.
        return state.withLock { state in
            let initial = Self.items(in: state, namespace: namespace).map { object in
                StoreEvent(
                    type: .added, key: Self.objectKey(of: object), object: object,
                    resourceVersion: Int64(object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0)
            }
            return hub.watch(filter, initialEvents: initial, after: state.version)
        }
    }

    private static func items(in state: State, namespace: String?) -> [JSONValue] {
        state.entries.filter { namespace == nil || $0.key.hasPrefix("\(namespace!)/") }
            .sorted { $0.key < $1.key }.map(\.value.object)
    }

    private static func objectKey(of lease: JSONValue) -> ObjectKey {
        ObjectKey(
            kind: ResourceKind.lease.kind, namespace: lease[path: ["metadata", "namespace"]]?.stringValue ?? "",
            name: lease[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    /// Creates (`mustExist` false) or replaces (`mustExist` true) a lease; `now` dates a new one's creation.
    func put(namespace: String, name: String, object: JSONValue, mustExist: Bool, now: Date) throws -> JSONValue {
        try state.withLock { state in
            let key = Self.key(namespace, name)
            let existing = state.entries[key]
            if mustExist && existing == nil { throw Status.notFound(.lease, name: name) }
            if !mustExist && existing != nil { throw Status.alreadyExists(.lease, name: name) }
            state.version += 1
            var stored = object
            stored["apiVersion"] = .string(ResourceKind.lease.apiVersion)
            stored["kind"] = .string(ResourceKind.lease.kind)
            var meta = stored["metadata"]?.objectValue ?? [:]
            meta["namespace"] = .string(namespace)
            meta["name"] = .string(name)
            meta["resourceVersion"] = .string(String(state.version))
            meta["uid"] = existing?.object[path: ["metadata", "uid"]] ?? .string(UUID().uuidString.lowercased())
            meta["creationTimestamp"] =
                existing?.object[path: ["metadata", "creationTimestamp"]] ?? .string(Timestamp.format(now))
            stored["metadata"] = .object(meta)
            state.entries[key] = Entry(object: stored)
            hub.publish([StoreEvent(
                type: existing == nil ? .added : .modified, key: Self.objectKey(of: stored), object: stored,
                resourceVersion: state.version)])
            return stored
        }
    }

    func delete(namespace: String, name: String) throws -> JSONValue {
        try state.withLock { state in
            guard let removed = state.entries.removeValue(forKey: Self.key(namespace, name)) else {
                throw Status.notFound(.lease, name: name)
            }
            state.version += 1
            var last = removed.object
            last[path: ["metadata", "resourceVersion"]] = .string(String(state.version))
            hub.publish([StoreEvent(
                type: .deleted, key: Self.objectKey(of: last), object: last, resourceVersion: state.version)])
            return last
        }
    }
}
