import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOSSL
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// A control plane's port serving both front doors in process: the frame protocol to clients that offer no ALPN,
/// the Kubernetes REST API to clients that offer http/1.1 (here `curl` with the admin's client certificate, over
/// real TLS on loopback).
struct RESTFixture: Sendable {
    let directory: URL
    let pki: ControlPlanePKI
    let port: Int
    let api: APIServer

    static let maxBodyBytes = 4096

    /// Runs `body` against a fresh API server (in-memory store keeping `watchWindow` changes).
    static func with<T: Sendable>(
        watchWindow: Int = 100, _ body: @escaping @Sendable (RESTFixture) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let pki = try ControlPlanePKI.loadOrCreate(dataDir: directory, serverAddresses: ["127.0.0.1"], now: Date())
        let logger = Logger.forTests("rest-test")
        let api = APIServer(store: try ObjectStore(inMemoryWithWatchWindow: watchWindow), logger: logger)
        try api.ensureBuiltIns()
        let rest = RESTServer(
            handler: RESTHandler(api: api),
            limits: RESTServer.Limits(
                maxBodyBytes: maxBodyBytes, requestTimeout: .milliseconds(500), stalledWriteTimeout: .milliseconds(300),
                bookmarkInterval: .milliseconds(200)),
            logger: logger)
        let server = try WireServer(
            configuration: WireServerConfiguration(
                port: 0,
                tls: try .clusterServer(
                    certificatePEM: pki.servingCertificatePEM, privateKeyPEM: pki.servingPrivateKeyPEM,
                    caPEM: pki.caCertificatePEM)),
            service: api, alternate: rest, logger: logger)
        return try await serving(server) { port in
            try await body(RESTFixture(directory: directory, pki: pki, port: port, api: api))
        }
    }

    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// `curl` with the admin certificate: the body, then a last line `CODE HTTP-VERSION`.
    func curl(_ path: String, _ arguments: [String] = []) async throws -> (body: String, code: String, version: String) {
        let result = try await runCommand(
            URL(fileURLWithPath: "/usr/bin/curl"),
            ["-sS", "--cacert", file("ca.crt"), "--cert", file("admin.crt"), "--key", file("admin.key"),
             "-w", "\n%{http_code} %{http_version}"] + arguments + ["https://localhost:\(port)\(path)"],
            timeout: .seconds(20))
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = lines.popLast().map { $0.split(separator: " ").map(String.init) } ?? []
        return (lines.joined(separator: "\n"), status.first ?? "", status.last ?? "")
    }

    func json(_ text: String) throws -> JSONValue { try JSONValue(jsonData: Data(text.utf8)) }

    /// Writes a client certificate for node `name` (issued by the cluster CA) and returns curl's arguments for it.
    func nodeCredentials(_ name: String) throws -> [String] {
        let pair = try pki.ca.issueClientCertificate(
            commonName: "system:node:\(name)", organizations: ["system:nodes"], now: Date())
        try pair.certificatePEM.write(toFile: file("\(name).crt"), atomically: true, encoding: .utf8)
        try pair.privateKeyPEM.write(toFile: file("\(name).key"), atomically: true, encoding: .utf8)
        return ["--cert", file("\(name).crt"), "--key", file("\(name).key")]
    }
}

@Suite(.serialized) struct RESTServerTests {
    @Test func http11_byALPN_servesTheVersion_withMinor32() async throws {
        try await RESTFixture.with { fixture in
            let reply = try await fixture.curl("/version")
            #expect(reply.code == "200")
            #expect(reply.version == "1.1")  // curl offered h2 too; the server chose http/1.1
            let version = try fixture.json(reply.body)
            #expect(version["minor"] == "32")
            #expect(try fixture.json(try await fixture.curl("/version/").body) == version)
            // A client that offers no ALPN is told apart by its first byte (the frame tests below offer none).
            let noALPN = try await fixture.curl("/version", ["--no-alpn"])
            #expect(noALPN.code == "200")
            #expect(try fixture.json(noALPN.body) == version)
        }
    }

    @Test func theFrameProtocol_stillAnswers_onTheSamePort() async throws {
        try await RESTFixture.with { fixture in
            let tls = try TLSConfiguration.clusterClient(
                certificatePEM: fixture.pki.adminCertificatePEM, privateKeyPEM: fixture.pki.admin.privateKeyPEM,
                caPEM: fixture.pki.caCertificatePEM)
            let names = try await WireClient.withConnection(host: "127.0.0.1", port: fixture.port, tls: tls, agent: "test") { client in
                let list = try await client.send(Request(verb: .list, kind: "Namespace"))
                return list?["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
            }
            #expect(names.contains("default"))
        }
    }

    @Test func create_get_patch_delete_andStatusErrors() async throws {
        try await RESTFixture.with { fixture in
            let pod = #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"busybox:1.36"}]}}"#
            let created = try await fixture.curl(
                "/api/v1/namespaces/default/pods?fieldManager=kubectl-create",
                ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", pod])
            #expect(created.code == "201")
            #expect(try fixture.json(created.body)[path: ["metadata", "uid"]] != nil)
            // No Content-Type at all (as the Python client sends) is JSON.
            let again = try await fixture.curl(
                "/api/v1/namespaces/default/pods", ["-X", "POST", "-H", "Content-Type:", "--data-binary", pod])
            #expect(again.code == "409")
            #expect(try fixture.json(again.body)["reason"] == "AlreadyExists")

            let patched = try await fixture.curl(
                "/api/v1/namespaces/default/pods/web",
                ["-X", "PATCH", "-H", "Content-Type: application/merge-patch+json",
                 "--data-binary", #"{"metadata":{"labels":{"tier":"front"}}}"#])
            #expect(patched.code == "200")
            #expect(try fixture.json(patched.body)[path: ["metadata", "labels", "tier"]] == "front")

            let selected = try await fixture.curl("/api/v1/pods?labelSelector=tier%3Dfront")
            #expect(try fixture.json(selected.body)["items"]?.arrayValue?.count == 1)
            let none = try await fixture.curl("/api/v1/pods?fieldSelector=metadata.name%3Dother")
            #expect(try fixture.json(none.body)["items"]?.arrayValue?.isEmpty == true)

            let table = try await fixture.curl(
                "/api/v1/namespaces/default/pods", ["-H", "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json"])
            #expect(try fixture.json(table.body)["kind"] == "Table")

            // An exec asking for SPDY (kubectl 1.29 and older) is answered with a Status, not dropped.
            let spdy = try await fixture.curl(
                "/api/v1/namespaces/default/pods/web/exec?command=true",
                ["-X", "POST", "-H", "Connection: Upgrade", "-H", "Upgrade: SPDY/3.1", "--max-time", "5"])
            #expect(spdy.code == "400")
            #expect(try fixture.json(spdy.body)["message"]?.stringValue?.contains("not SPDY") == true)

            // A log that cannot be read is a Status reply, not a stream.
            let noLog = try await fixture.curl("/api/v1/namespaces/default/pods/nope/log?follow=true")
            #expect(noLog.code == "404")
            #expect(try fixture.json(noLog.body)["message"] == #"pods "nope" not found"#)

            let deleted = try await fixture.curl(
                "/api/v1/namespaces/default/pods/web",
                ["-X", "DELETE", "-H", "Content-Type: application/json", "--data-binary", #"{"propagationPolicy":"Background"}"#])
            #expect(deleted.code == "200")
            let gone = try await fixture.curl("/api/v1/namespaces/default/pods/web")
            #expect(gone.code == "404")
            #expect(try fixture.json(gone.body)["message"] == #"pods "web" not found"#)
            // An eviction deletes the pod (unbound: at once) and answers 201 with a Success Status.
            _ = try await fixture.curl("/api/v1/namespaces/default/pods", ["-X", "POST", "-H", "Content-Type:", "--data-binary", pod])
            let evicted = try await fixture.curl(
                "/api/v1/namespaces/default/pods/web/eviction",
                ["-X", "POST", "-H", "Content-Type: application/json",
                 "--data-binary", #"{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web","namespace":"default"}}"#])
            #expect(evicted.code == "201")
            #expect(try fixture.json(evicted.body)["status"] == "Success")
            #expect(try await fixture.curl("/api/v1/namespaces/default/pods/web").code == "404")
            #expect(try await fixture.curl("/apis/apps/v1/nothing").code == "404")
            let v2 = try await fixture.curl("/openapi/v2")
            #expect(v2.code == "200" && v2.body == "\n\u{03}2.0", "an empty v2 document in protobuf")
            #expect(try fixture.json(try await fixture.curl("/openapi/v3").body)["paths"]?["apis/apps/v1"] != nil)
        }
    }

    @Test func discovery_isAggregatedWhenAsked_withItsExactContentType() async throws {
        try await RESTFixture.with { fixture in
            let accept = "Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            let aggregated = try await fixture.curl("/apis", ["-H", accept, "-i"])
            #expect(aggregated.body.lowercased().contains("\r\ncontent-type: \(RESTMediaType.discoveryV2.lowercased())\r\n"))
            let legacy = try await fixture.curl("/api")
            #expect(try fixture.json(legacy.body)["versions"] == ["v1"])
        }
    }

    @Test func watch_streamsOneEventPerLine_endsAfterItsTimeout_andA410IsAnErrorEvent() async throws {
        try await RESTFixture.with(watchWindow: 2) { fixture in
            let reply = try await fixture.curl("/api/v1/namespaces?watch=1&timeoutSeconds=1")
            #expect(reply.code == "200")
            let events = try reply.body.split(separator: "\n").map { try fixture.json(String($0)) }
            #expect(events.count >= 4)
            #expect(events.allSatisfy { $0["type"] == "ADDED" && $0[path: ["object", "kind"]] == "Namespace" })

            let expired = try await fixture.curl("/api/v1/namespaces?watch=true&resourceVersion=1")
            #expect(expired.code == "200")
            let error = try fixture.json(expired.body.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(error["type"] == "ERROR")
            #expect(error[path: ["object", "code"]] == 410)

            let refused = try await fixture.curl("/api/v1/namespaces?watch=true&resourceVersion=abc")
            #expect(refused.code == "400")
        }
    }

    @Test func aBodyOverTheCap_is413_andASlowClient_isClosedAfterTheTimeout() async throws {
        try await RESTFixture.with { fixture in
            let big = String(repeating: "x", count: RESTFixture.maxBodyBytes + 1)
            let tooLarge = try await fixture.curl(
                "/api/v1/namespaces/default/pods", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", big])
            #expect(tooLarge.code == "413")
            // Headers never finished: the server closes the connection once the request timeout passes.
            let started = ContinuousClock.now
            let slow = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/openssl"),
                ["s_client", "-quiet", "-alpn", "http/1.1", "-connect", "127.0.0.1:\(fixture.port)",
                 "-CAfile", fixture.file("ca.crt"), "-cert", fixture.file("admin.crt"), "-key", fixture.file("admin.key")],
                stdin: "GET /version HTTP/1.1\r\nHost: localhost\r\n", timeout: .seconds(10))
            #expect(ContinuousClock.now - started < .seconds(8))
            #expect(!slow.stdout.contains("HTTP/1.1"))
            // The server still serves others.
            #expect(try await fixture.curl("/version").code == "200")
        }
    }

    @Test func theCertificatesIdentity_isAuthorizedAsOnTheFrameProtocol_andReviewedBySelfReviews() async throws {
        try await RESTFixture.with { fixture in
            let node = try fixture.nodeCredentials("n1")
            let forbidden = try await fixture.curl("/api/v1/namespaces/default", node)
            #expect(forbidden.code == "403")
            #expect(try fixture.json(forbidden.body)["message"]
                == #"namespaces "default" is forbidden: User "system:node:n1" cannot get resource "namespaces" in API group "" at the cluster scope"#)

            let review = #"{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}}}"#
            let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
            let asNode = try await fixture.curl(path, node + ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", review])
            #expect(asNode.code == "201")
            #expect(try fixture.json(asNode.body)[path: ["status", "allowed"]] == false)
            let asAdmin = try await fixture.curl(path, ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", review])
            #expect(try fixture.json(asAdmin.body)[path: ["status", "allowed"]] == true)

            let whoami = try await fixture.curl(
                "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                node + ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "{}"])
            #expect(try fixture.json(whoami.body)[path: ["status", "userInfo", "username"]] == "system:node:n1")
        }
    }

    /// A watcher that stops reading: once a write has waited longer than the stall limit its connection is closed
    /// (the client then reads what was buffered, and the end of the stream).
    @Test func aWatcherThatNeverReads_isClosedOnceAWriteStalls() async throws {
        try await RESTFixture.with { fixture in
            let script = """
                import socket, ssl, sys, time
                context = ssl.create_default_context(cafile=sys.argv[1])
                context.load_cert_chain(sys.argv[2], sys.argv[3])
                context.set_alpn_protocols(["http/1.1"])
                raw = socket.socket()
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                raw.connect(("127.0.0.1", int(sys.argv[4])))
                connection = context.wrap_socket(raw, server_hostname="localhost")
                connection.sendall(b"GET /api/v1/configmaps?watch=1 HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n")
                open(sys.argv[5], "w").close()
                time.sleep(4)  # not reading while the server writes
                connection.settimeout(3)
                try:
                    while connection.recv(65536):
                        pass
                    print("closed")
                except socket.timeout:
                    print("open")
                """
            let marker = fixture.file("watching")
            async let reader = runCommand(
                URL(fileURLWithPath: "/usr/bin/python3"),
                ["-c", script, fixture.file("ca.crt"), fixture.file("admin.crt"), fixture.file("admin.key"),
                 String(fixture.port), marker],
                timeout: .seconds(30))
            try await eventually(within: .seconds(10), "the watch is open") {
                FileManager.default.fileExists(atPath: marker) ? true : nil
            }
            let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])
            let data = String(repeating: "x", count: 64 * 1024)
            for index in 0..<120 {
                var create = Request(verb: .create, kind: "ConfigMap", namespace: "default")
                create.object = [
                    "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("big-\(index)")],
                    "data": ["payload": .string(data)],
                ]
                _ = try await fixture.api.handle(create, from: admin)
            }
            let outcome = try await reader
            #expect(outcome.stdout == "closed\n", "\(outcome)")
            // The server serves others meanwhile.
            #expect(try await fixture.curl("/version").code == "200")
        }
    }
}
