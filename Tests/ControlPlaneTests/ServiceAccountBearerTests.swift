import Foundation
import KubeAPI
import NIOSSL
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// ServiceAccount tokens as bearer tokens on both front doors of one TLS port: REST (`Authorization: Bearer`, and
/// `create serviceaccounts/NAME/token` over HTTP as kubectl sends it) and the frame protocol (a token in the hello of
/// a client without a certificate).
@Suite(.serialized) struct ServiceAccountBearerTests {
    static let tokenPath = "/api/v1/namespaces/default/serviceaccounts/robot/token"

    /// Creates `default/robot` and returns a token for it, asked for over HTTP by the admin.
    static func robotToken(_ fixture: RESTFixture) async throws -> String {
        let account = try await fixture.curl(
            "/api/v1/namespaces/default/serviceaccounts",
            ["-X", "POST", "-H", "Content-Type: application/json",
             "--data-binary", #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"robot"}}"#])
        #expect(account.code == "201", "\(account)")
        let reply = try await fixture.curl(
            tokenPath,
            ["-X", "POST", "-H", "Content-Type: application/json",
             "--data-binary", #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"#])
        #expect(reply.code == "201", "\(reply)")
        return try #require(try fixture.json(reply.body)[path: ["status", "token"]]?.stringValue)
    }

    /// curl without a client certificate, with `headers`.
    static func anonymousCurl(
        _ fixture: RESTFixture, _ path: String, _ arguments: [String]
    ) async throws -> (body: String, code: String) {
        let result = try await runCommand(
            URL(fileURLWithPath: "/usr/bin/curl"),
            ["-sS", "--cacert", fixture.file("ca.crt"), "-w", "\n%{http_code}"] + arguments
                + ["https://localhost:\(fixture.port)\(path)"],
            timeout: .seconds(20))
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let code = lines.popLast().map(String.init) ?? ""
        return (lines.joined(separator: "\n"), code)
    }

    @Test func rest_aValidTokenAuthenticates_anInvalidOneIs401() async throws {
        try await RESTFixture.with { fixture in
            let token = try await Self.robotToken(fixture)
            let bearer = ["-H", "Authorization: Bearer \(token)"]
            let whoami = try await Self.anonymousCurl(
                fixture, "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                bearer + ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                          #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#])
            #expect(whoami.code == "201", "\(whoami)")
            let user = try fixture.json(whoami.body)[path: ["status", "userInfo"]]
            #expect(user?["username"] == "system:serviceaccount:default:robot")
            #expect(user?["groups"] == ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"])

            // Authenticated, then authorized: RBAC grants a fresh account nothing.
            let pods = try await Self.anonymousCurl(fixture, "/api/v1/namespaces/default/pods", bearer)
            #expect(pods.code == "403", "\(pods)")
            #expect(try fixture.json(pods.body)["message"]
                == #"pods is forbidden: User "system:serviceaccount:default:robot" cannot list resource "pods" in API group "" in the namespace "default""#)

            for bad in [String(token.dropLast(2)), "garbage", token + "." ] {
                let refused = try await Self.anonymousCurl(
                    fixture, "/api/v1/namespaces/default/pods", ["-H", "Authorization: Bearer \(bad)"])
                #expect(refused.code == "401", "\(refused)")
                let status = try fixture.json(refused.body)
                #expect(status["kind"] == "Status" && status["reason"] == "Unauthorized" && status["message"] == "Unauthorized")
                #expect(status["code"] == 401)
            }

            // The account deleted: its token no longer authenticates.
            _ = try await fixture.curl("/api/v1/namespaces/default/serviceaccounts/robot", ["-X", "DELETE"])
            let gone = try await Self.anonymousCurl(fixture, "/api/v1/namespaces/default/pods", bearer)
            #expect(gone.code == "401", "\(gone)")
        }
    }

    @Test func rest_tokenRequests_refuseTooShortTokens_withKubernetesStatus() async throws {
        try await RESTFixture.with { fixture in
            _ = try await Self.robotToken(fixture)
            let reply = try await fixture.curl(
                Self.tokenPath,
                ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                 #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"expirationSeconds":60}}"#])
            #expect(reply.code == "422", "\(reply)")
            let status = try fixture.json(reply.body)
            #expect(status["reason"] == "Invalid")
            #expect(status[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "spec.expirationSeconds")
        }
    }

    @Test func frames_aTokenInTheHelloAuthenticates_withoutOneTheConnectionIsRefused() async throws {
        try await RESTFixture.with { fixture in
            let token = try await Self.robotToken(fixture)
            let tls = try TLSConfiguration.clusterClientWithoutCertificate(caPEM: fixture.pki.caCertificatePEM)
            let identity = try await WireClient.withConnection(
                host: "127.0.0.1", port: fixture.port, tls: tls, agent: "test", token: token
            ) { client in
                let review = try await client.send(Request(verb: .create, kind: SelfReviewRequest.whoamiKind))
                #expect(review?[path: ["status", "userInfo", "username"]] == "system:serviceaccount:default:robot")
                await #expect(throws: Status.self) {
                    _ = try await client.send(Request(verb: .list, kind: "Pod", namespace: "default"))
                }
                return client.identity
            }
            #expect(identity == "system:serviceaccount:default:robot")

            for bad: String? in [nil, "garbage"] {
                do {
                    try await WireClient.withConnection(
                        host: "127.0.0.1", port: fixture.port, tls: tls, agent: "test", token: bad
                    ) { client in
                        _ = try await client.send(Request(verb: .list, kind: "Namespace"))
                    }
                    Issue.record("a frame client with token \(bad ?? "none") was served")
                } catch let status as Status {
                    #expect(status.code == 401 && status.message == "Unauthorized")
                }
            }
        }
    }
}
