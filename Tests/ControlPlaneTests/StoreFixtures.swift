import Foundation
import KubeAPI

@testable import ControlPlane

/// Small factories and helpers for the store tests.
enum StoreFixtures {
    /// A minimal manifest for `key` with a `spec.value` to tell versions apart.
    static func object(_ key: ObjectKey, value: Int64 = 0, uid: String? = nil) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(key.name)]
        if !key.namespace.isEmpty { metadata["namespace"] = .string(key.namespace) }
        if let uid { metadata["uid"] = .string(uid) }
        return ["kind": .string(key.kind), "metadata": .object(metadata), "spec": ["value": .int(value)]]
    }

    /// `metadata.resourceVersion` parsed as an integer.
    static func rv(_ object: JSONValue?) -> Int64? {
        object?[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    /// `metadata.name`.
    static func name(_ object: JSONValue) -> String? { object[path: ["metadata", "name"]]?.stringValue }

    /// Runs `body` with a fresh temporary directory, removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// The first `count` events of `stream` (fewer if it ends first).
    static func collect(_ stream: WatchStream, count: Int) async -> [StoreEvent] {
        var events: [StoreEvent] = []
        guard count > 0 else { return events }
        for await event in stream {
            events.append(event)
            if events.count == count { break }
        }
        return events
    }

    /// Every event until `stream` ends.
    static func drain(_ stream: WatchStream) async -> [StoreEvent] {
        var events: [StoreEvent] = []
        for await event in stream { events.append(event) }
        return events
    }
}
