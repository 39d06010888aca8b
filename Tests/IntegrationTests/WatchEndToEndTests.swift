import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// Acceptance 5: a watch from a resourceVersion gets exactly the later changes, in order; one from a compacted
/// resourceVersion gets Gone.
@Suite(.serialized)
struct WatchEndToEndTests {
    static func namespace(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    }

    static func create(_ client: WireClient, _ name: String) async throws -> Int64 {
        var request = Request(verb: .create, kind: "Namespace")
        request.object = namespace(name)
        let object = try await client.send(request)
        return Int64(object?[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? -1
    }

    @Test func watchFromResourceVersion_receivesExactlyTheLaterChangesInOrder() async throws {
        try await withControlPlane { cp in
            try await cp.withAdminClient { client in
                let start = try await Self.create(client, "w-a")
                _ = try await Self.create(client, "w-b")
                var request = Request(verb: .watch, kind: "Namespace")
                request.resourceVersion = String(start)
                let events = client.watch(request)
                _ = try await Self.create(client, "w-c")
                _ = try await client.send(Request(verb: .delete, kind: "Namespace", name: "w-c"))

                var seen: [String] = []
                var versions: [Int64] = []
                for try await event in events {
                    seen.append("\(event.type.rawValue) \(event.object[path: ["metadata", "name"]]?.stringValue ?? "")")
                    versions.append(Int64(event.object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0)
                    if seen.count == 3 { break }
                }
                #expect(seen == ["ADDED w-b", "ADDED w-c", "DELETED w-c"])
                #expect(versions == versions.sorted() && Set(versions).count == 3)
                #expect(versions.allSatisfy { $0 > start })
            }
        }
    }

    @Test func watchFromCompactedResourceVersion_getsGone() async throws {
        try await withControlPlane(arguments: ["--watch-window", "2"]) { cp in
            try await cp.withAdminClient { client in
                let first = try await Self.create(client, "g-1")
                for index in 2...5 { _ = try await Self.create(client, "g-\(index)") }
                var request = Request(verb: .watch, kind: "Namespace")
                request.resourceVersion = String(first)
                do {
                    for try await _ in client.watch(request) {}
                    Issue.record("the watch should have failed with Gone")
                } catch let status as Status {
                    #expect(status.code == 410)
                    #expect(status.reason == .gone)
                }
            }
        }
    }
}
