import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// Paged lists over HTTP (`limit`, `continue`): pages in key order as of the first page's resourceVersion, the
/// remaining count, `410 Expired` (with Kubernetes' text and a token to continue inconsistently) once the rest of the
/// list has changed, 400 for a token this server did not make; Tables page their rows the same way.
@Suite(.serialized) struct RESTPagingTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    private static func create(_ fixture: RESTFixture, _ name: String) async throws {
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"},"data":{"k":"v"}}"#
        let created = try await fixture.curl(configMaps, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body])
        try #require(created.code == "201", "\(created)")
    }

    private static func names(_ list: JSONValue) -> [String] {
        (list["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue }
    }

    private static func escaped(_ token: String) -> String {
        token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
    }

    @Test func pages_followKeyOrder_asOfTheFirstPage_untilNoContinueIsLeft() async throws {
        try await RESTFixture.with { fixture in
            for name in ["e", "a", "d", "c", "b"] { try await Self.create(fixture, name) }
            let first = try fixture.json(try await fixture.curl("\(Self.configMaps)?limit=2").body)
            #expect(Self.names(first) == ["a", "b"])
            #expect(first[path: ["metadata", "remainingItemCount"]] == 3)
            let version = first[path: ["metadata", "resourceVersion"]]
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            // A change before the rest (a new key sorting first) does not disturb the continuation.
            try await Self.create(fixture, "0")
            let second = try fixture.json(
                try await fixture.curl("\(Self.configMaps)?limit=2&continue=\(Self.escaped(token))").body)
            #expect(Self.names(second) == ["c", "d"])
            #expect(second[path: ["metadata", "resourceVersion"]] == version)
            let next = try #require(second[path: ["metadata", "continue"]]?.stringValue)
            let last = try fixture.json(try await fixture.curl("\(Self.configMaps)?limit=2&continue=\(Self.escaped(next))").body)
            #expect(Self.names(last) == ["e"])
            #expect(last[path: ["metadata", "continue"]] == nil && last[path: ["metadata", "remainingItemCount"]] == nil)
            // No limit: everything, as before.
            #expect(Self.names(try fixture.json(try await fixture.curl(Self.configMaps).body)) == ["0", "a", "b", "c", "d", "e"])
        }
    }

    @Test func aChangedRest_expiresTheToken_with410_andItsInconsistentContinuation() async throws {
        try await RESTFixture.with { fixture in
            for name in ["a", "b", "c"] { try await Self.create(fixture, name) }
            let first = try fixture.json(try await fixture.curl("\(Self.configMaps)?limit=1").body)
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            let patched = try await fixture.curl(
                "\(Self.configMaps)/c", ["-X", "PATCH", "-H", "Content-Type: application/merge-patch+json",
                                         "--data-binary", #"{"data":{"k":"w"}}"#])
            try #require(patched.code == "200")
            let expired = try await fixture.curl("\(Self.configMaps)?limit=1&continue=\(Self.escaped(token))")
            #expect(expired.code == "410")
            let status = try fixture.json(expired.body)
            #expect(status["reason"] == "Expired" && status["code"] == 410)
            #expect(status["message"]?.stringValue == RESTPaging.expiredMessage)
            let inconsistent = try #require(status[path: ["metadata", "continue"]]?.stringValue)
            let rest = try fixture.json(try await fixture.curl("\(Self.configMaps)?continue=\(Self.escaped(inconsistent))").body)
            #expect(Self.names(rest) == ["b", "c"])

            let forged = try await fixture.curl("\(Self.configMaps)?limit=1&continue=bm9wZQ")
            #expect(forged.code == "400")
            #expect(try fixture.json(forged.body)["message"]?.stringValue?.hasPrefix("continue key is not valid") == true)
            #expect(try await fixture.curl("\(Self.configMaps)?limit=-1").code == "400")
        }
    }

    @Test func tables_pageTheirRows() async throws {
        try await RESTFixture.with { fixture in
            for name in ["a", "b", "c"] { try await Self.create(fixture, name) }
            let accept = "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
            let first = try fixture.json(try await fixture.curl("\(Self.configMaps)?limit=2", ["-H", accept]).body)
            #expect(first["kind"] == "Table")
            #expect(first["rows"]?.arrayValue?.compactMap { $0["cells"]?.arrayValue?.first?.stringValue } == ["a", "b"])
            let token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            let second = try fixture.json(
                try await fixture.curl("\(Self.configMaps)?limit=2&continue=\(Self.escaped(token))", ["-H", accept]).body)
            #expect(second["rows"]?.arrayValue?.compactMap { $0["cells"]?.arrayValue?.first?.stringValue } == ["c"])
        }
    }
}
