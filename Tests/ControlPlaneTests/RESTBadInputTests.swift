import Foundation
import KubeAPI
import NIOSSL
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// Bad input over HTTP changes nothing and costs only its own request (or connection): each case is answered with
/// Kubernetes' Status (or its connection closed), after which the store is exactly as before and another client
/// is served. In process, over real TLS on loopback (``RESTFixture``: a 4 KiB body cap, a 500 ms request timeout).
@Suite(.serialized) struct RESTBadInputTests {
    /// One kind of bad input.
    enum Case: String, CaseIterable, Sendable {
        case malformedJSON, malformedYAML, wrongContentType, unknownPathsAndKinds, bodyOverTheCap, headersOverTheCap,
            slowHeaders, noClientCertificate, nodeDoingAdminWork, unknownFieldsStrict
    }

    static let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}"#
    static let pods = "/api/v1/namespaces/default/pods"

    @Test(arguments: Case.allCases)
    func badInput_isRefused_changesNothing_andOthersAreServed(_ scenario: Case) async throws {
        try await RESTFixture.with { fixture in
            // Something to keep: a pod, created properly.
            let created = try await fixture.curl(Self.pods, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", Self.pod])
            try #require(created.code == "201", "\(created)")
            let before = fixture.api.store.resourceVersion

            try await Self.send(scenario, to: fixture)

            #expect(fixture.api.store.resourceVersion == before, "\(scenario) changed the store")
            let served = try await fixture.curl("\(Self.pods)/web")
            #expect(served.code == "200", "\(served)")
            #expect(try fixture.json(served.body)[path: ["metadata", "resourceVersion"]] == .string(String(before)))
        }
    }

    /// Sends the bad input and checks its answer.
    private static func send(_ scenario: Case, to fixture: RESTFixture) async throws {
        switch scenario {
        case .malformedJSON:
            let reply = try await fixture.curl(
                pods, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", #"{"apiVersion":"v1","kind":"#])
            try expectStatus(reply, fixture, code: 400, reason: "BadRequest", messagePrefix: "couldn't get version/kind; json parse error")
            let put = try await fixture.curl(
                "\(pods)/web", ["-X", "PUT", "-H", "Content-Type: application/json", "--data-binary", "[1,"])
            try expectStatus(put, fixture, code: 400, reason: "BadRequest")
            let patch = try await fixture.curl(
                "\(pods)/web", ["-X", "PATCH", "-H", "Content-Type: application/merge-patch+json", "--data-binary", "{"])
            try expectStatus(patch, fixture, code: 400, reason: "BadRequest")
        case .malformedYAML:
            let reply = try await fixture.curl(
                pods, ["-X", "POST", "-H", "Content-Type: application/yaml",
                       "--data-binary", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n"])
            try expectStatus(reply, fixture, code: 400, reason: "BadRequest", messagePrefix: "error converting YAML to JSON: yaml: ")
            let scalar = try await fixture.curl(
                pods, ["-X", "POST", "-H", "Content-Type: application/yaml", "--data-binary", "just words"])
            try expectStatus(scalar, fixture, code: 400, reason: "BadRequest")
        case .wrongContentType:
            let reply = try await fixture.curl(
                pods, ["-X", "POST", "-H", "Content-Type: text/plain", "--data-binary", pod])
            try expectStatus(reply, fixture, code: 415, reason: "UnsupportedMediaType")
            #expect(try fixture.json(reply.body)["message"] == """
                the body of the request was in an unknown format - accepted media types include: application/json, \
                application/yaml, application/vnd.kubernetes.protobuf
                """)
            let patch = try await fixture.curl(
                "\(pods)/web", ["-X", "PATCH", "-H", "Content-Type: application/json", "--data-binary", "{}"])
            try expectStatus(patch, fixture, code: 415, reason: "UnsupportedMediaType")
            #expect(try fixture.json(patch.body)["message"] == """
                the body of the request was in an unknown format - accepted media types include: \
                application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, \
                application/apply-patch+yaml
                """)
        case .unknownPathsAndKinds:
            for path in ["/apis/nothing.example.com/v1/things", "/api/v1/namespaces/default/widgets", "/nowhere"] {
                let reply = try await fixture.curl(path, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", pod])
                try expectStatus(reply, fixture, code: 404, reason: "NotFound", messagePrefix: "the server could not find the requested resource")
            }
        case .bodyOverTheCap:
            let big = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"x":""#
                + String(repeating: "x", count: RESTFixture.maxBodyBytes) + #""}}"#
            let reply = try await fixture.curl(
                "/api/v1/namespaces/default/configmaps", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", big])
            try expectStatus(reply, fixture, code: 413, reason: "RequestEntityTooLarge")
            // Chunked, without a Content-Length: stopped once it passes the cap.
            let chunked = try await fixture.curl(
                "/api/v1/namespaces/default/configmaps",
                ["-X", "POST", "-H", "Content-Type: application/json", "-H", "Transfer-Encoding: chunked", "--data-binary", big])
            try expectStatus(chunked, fixture, code: 413, reason: "RequestEntityTooLarge")
        case .headersOverTheCap:
            // NIO's parser caps a request's headers at 80 KiB: the request is refused (400) and its connection closed.
            let reply = try await fixture.curl(
                pods, ["-X", "POST", "-H", "X-Padding: " + String(repeating: "p", count: 100 * 1024),
                       "-H", "Content-Type: application/json", "--data-binary", pod])
            #expect(reply.code == "400", "\(reply)")
        case .slowHeaders:
            // Headers never finished: the connection is closed once the request timeout (500 ms here) passes.
            let started = ContinuousClock.now
            let slow = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/openssl"),
                ["s_client", "-quiet", "-alpn", "http/1.1", "-connect", "127.0.0.1:\(fixture.port)",
                 "-CAfile", fixture.file("ca.crt"), "-cert", fixture.file("admin.crt"), "-key", fixture.file("admin.key")],
                stdin: "POST \(pods) HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
                timeout: .seconds(10))
            #expect(ContinuousClock.now - started < .seconds(8), "the slow client was not closed: \(slow)")
            #expect(!slow.stdout.contains("HTTP/1.1"))
        case .noClientCertificate:
            let result = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/curl"),
                ["-sS", "--cacert", fixture.file("ca.crt"), "-w", "\n%{http_code}", "-X", "POST",
                 "-H", "Content-Type: application/json", "--data-binary", pod,
                 "https://localhost:\(fixture.port)\(pods)"],
                timeout: .seconds(20))
            var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let code = lines.popLast().map(String.init) ?? ""
            try expectStatus(
                (body: lines.joined(separator: "\n"), code: code, version: "1.1"), fixture, code: 401, reason: "Unauthorized", messagePrefix: "Unauthorized")
            // The frame protocol on the same port still refuses a client without a certificate.
            let tls = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: fixture.pki.caCertificatePEM)
            await #expect(throws: (any Error).self) {
                try await WireClient.withConnection(host: "127.0.0.1", port: fixture.port, tls: tls, agent: "test") { client in
                    _ = try await client.send(Request(verb: .list, kind: "Namespace"))
                }
            }
        case .nodeDoingAdminWork:
            let node = try fixture.nodeCredentials("n1")
            let create = try await fixture.curl(
                "/api/v1/namespaces", node + ["-X", "POST", "-H", "Content-Type: application/json",
                                              "--data-binary", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}"#])
            try expectStatus(create, fixture, code: 403, reason: "Forbidden")
            #expect(try fixture.json(create.body)["message"]
                == #"namespaces is forbidden: User "system:node:n1" cannot create resource "namespaces" in API group "" at the cluster scope"#)
            let delete = try await fixture.curl("\(pods)/web", node + ["-X", "DELETE"])
            try expectStatus(delete, fixture, code: 403, reason: "Forbidden")
            #expect(try fixture.json(delete.body)["message"]
                == #"pods "web" is forbidden: User "system:node:n1" cannot delete resource "pods" in API group "" in the namespace "default": no relationship found between node 'n1' and this object"#)
        case .unknownFieldsStrict:
            let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"other"},"spec":{"foo":1,"containers":[{"name":"c","image":"busybox:1.36"}]}}"#
            let reply = try await fixture.curl(
                "\(pods)?fieldValidation=Strict", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body])
            try expectStatus(reply, fixture, code: 400, reason: "BadRequest")
            #expect(try fixture.json(reply.body)["message"]
                == #"Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo""#)
        }
    }

    /// A Status reply with `code` and `reason` (and a message starting `messagePrefix`).
    private static func expectStatus(
        _ reply: (body: String, code: String, version: String), _ fixture: RESTFixture, code: Int, reason: String,
        messagePrefix: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(reply.code == String(code), "\(reply)", sourceLocation: sourceLocation)
        let status = try fixture.json(reply.body)
        #expect(status["kind"] == "Status", "\(reply)", sourceLocation: sourceLocation)
        #expect(status["status"] == "Failure", "\(reply)", sourceLocation: sourceLocation)
        #expect(status["code"] == .int(Int64(code)), "\(reply)", sourceLocation: sourceLocation)
        #expect(status["reason"] == .string(reason), "\(reply)", sourceLocation: sourceLocation)
        #expect(status["message"]?.stringValue?.hasPrefix(messagePrefix) == true, "\(reply)", sourceLocation: sourceLocation)
    }

    @Test func keepAlive_servesSeveralRequestsOnOneConnection() async throws {
        try await RESTFixture.with { fixture in
            let url = "https://localhost:\(fixture.port)"
            let result = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/curl"),
                ["-sS", "-v", "--cacert", fixture.file("ca.crt"), "--cert", fixture.file("admin.crt"),
                 "--key", fixture.file("admin.key"), "\(url)/version", "\(url)/api/v1/namespaces", "\(url)/version"],
                timeout: .seconds(20))
            #expect(result.stdout.components(separatedBy: #""gitVersion""#).count == 3, "\(result)")
            #expect(result.stdout.contains(#""kind":"NamespaceList""#), "\(result)")
            #expect(result.stderr.components(separatedBy: "Re-using existing connection").count == 3, "\(result.stderr)")
        }
    }

    @Test func warnAndIgnore_overHTTP_acceptUnknownFields_warnAsKubernetesDoes() async throws {
        try await RESTFixture.with { fixture in
            let body = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME"},"spec":{"foo":1,"containers":[{"name":"c","image":"busybox:1.36"}]}}"#
            let warned = try await fixture.curl(
                "\(Self.pods)?fieldValidation=Warn",
                ["-i", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body.replacingOccurrences(of: "NAME", with: "w")])
            #expect(warned.code == "201")
            #expect(warned.body.contains("\r\nwarning: 299 - \"unknown field \\\"spec.foo\\\"\"\r\n"), "\(warned.body)")
            let ignored = try await fixture.curl(
                "\(Self.pods)?fieldValidation=Ignore",
                ["-i", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body.replacingOccurrences(of: "NAME", with: "i")])
            #expect(ignored.code == "201")
            #expect(!ignored.body.lowercased().contains("\r\nwarning:"), "\(ignored.body)")
            let stored = try await fixture.curl("\(Self.pods)/i")
            #expect(try fixture.json(stored.body)[path: ["spec", "foo"]] == nil)
            let bad = try await fixture.curl(
                "\(Self.pods)?fieldValidation=Loose",
                ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body.replacingOccurrences(of: "NAME", with: "l")])
            #expect(bad.code == "400")
            // A YAML body is taken too.
            let yaml = try await fixture.curl(
                Self.pods, ["-X", "POST", "-H", "Content-Type: application/yaml",
                            "--data-binary", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: yml\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n"])
            #expect(yaml.code == "201", "\(yaml.body)")
        }
    }
}
