import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// BOOKMARK events over HTTP (``RESTFixture``: one every 200 ms): sent to a watch from a resourceVersion that asks
/// for them, at the newest resourceVersion delivered, after the events before it; never to one that does not ask,
/// nor to one without a resourceVersion.
@Suite(.serialized) struct RESTWatchBookmarksTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    private static func events(_ fixture: RESTFixture, _ query: String) async throws -> [JSONValue] {
        let reply = try await fixture.curl("\(configMaps)?watch=1&timeoutSeconds=1&\(query)")
        try #require(reply.code == "200", "\(reply)")
        return try reply.body.split(separator: "\n").map { try fixture.json(String($0)) }
    }

    @Test func aWatchAskingForBookmarks_getsThem_atTheNewestResourceVersionDelivered() async throws {
        try await RESTFixture.with { fixture in
            let start = fixture.api.store.resourceVersion
            let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"}}"#
            let created = try fixture.json(try await fixture.curl(
                Self.configMaps, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body]).body)
            let version = try #require(created[path: ["metadata", "resourceVersion"]])

            let events = try await Self.events(fixture, "resourceVersion=\(start)&allowWatchBookmarks=true")
            #expect(events.first?["type"] == "ADDED", "\(events)")
            let bookmarks = events.dropFirst()
            #expect(bookmarks.count >= 2, "\(events)")
            #expect(bookmarks.allSatisfy { $0["type"] == "BOOKMARK" }, "\(events)")
            #expect(bookmarks.allSatisfy {
                $0["object"] == ["kind": "ConfigMap", "apiVersion": "v1", "metadata": ["resourceVersion": version]]
            }, "\(events)")

            // From the created object's own resourceVersion: nothing to deliver, bookmarks at that one.
            let quiet = try await Self.events(fixture, "resourceVersion=\(version.stringValue ?? "")&allowWatchBookmarks=true")
            #expect(!quiet.isEmpty && quiet.allSatisfy { $0["type"] == "BOOKMARK" && $0[path: ["object", "metadata", "resourceVersion"]] == version })

            #expect(try await Self.events(fixture, "resourceVersion=\(start)").map { $0["type"] } == ["ADDED"])
            #expect(try await Self.events(fixture, "allowWatchBookmarks=true").map { $0["type"] } == ["ADDED"])
        }
    }
}
