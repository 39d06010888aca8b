import Foundation
import KubeAPI
import Synchronization
import Wire

/// Leases held in memory: node heartbeats arrive every second and are never written to disk.
///
/// Serves the Lease verbs with Kubernetes' semantics (create fails if present, update if absent) and gives the
/// node lifecycle controller the last renew time of every node's lease in `kube-node-lease`.
final class LeaseTable: Sendable {
    private struct Entry: Sendable {
        var object: JSONValue
        var renewedAt: Date
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var version: Int64 = 0
    }

    private let state = Mutex(State())

    private static func key(_ namespace: String, _ name: String) -> String {
        NamespacedKey.make(namespace: namespace, name: name)
    }

    func get(namespace: String, name: String) -> JSONValue? {
        state.withLock { $0.entries[Self.key(namespace, name)]?.object }
    }

    func list(namespace: String?) -> [JSONValue] {
        state.withLock { state in
            state.entries.filter { namespace == nil || $0.key.hasPrefix("\(namespace!)/") }
                .sorted { $0.key < $1.key }.map(\.value.object)
        }
    }

    /// Creates (`mustExist` false) or replaces (`mustExist` true) a lease; `now` is when it was renewed.
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
            state.entries[key] = Entry(object: stored, renewedAt: now)
            return stored
        }
    }

    func delete(namespace: String, name: String) throws -> JSONValue {
        try state.withLock { state in
            guard let removed = state.entries.removeValue(forKey: Self.key(namespace, name)) else {
                throw Status.notFound(.lease, name: name)
            }
            return removed.object
        }
    }

    /// When each node last renewed its lease (by node name), as the node lifecycle controller reads heartbeats.
    func nodeRenewTimes() -> [String: Date] {
        state.withLock { state in
            var times: [String: Date] = [:]
            for (key, entry) in state.entries where key.hasPrefix("kube-node-lease/") {
                times[String(key.dropFirst("kube-node-lease/".count))] = entry.renewedAt
            }
            return times
        }
    }
}
