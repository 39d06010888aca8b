import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// `SubjectAccessReview` (authorization.k8s.io/v1) through the HTTPS front door: the admin asks about another user
/// and RBAC answers; a spec without a user or attributes is refused with Kubernetes' messages.
@Suite(.serialized) struct SubjectAccessReviewTests {
    static func ask(_ fixture: RESTFixture, _ spec: String) async throws -> (body: JSONValue, code: String) {
        let reply = try await fixture.curl(
            "/apis/authorization.k8s.io/v1/subjectaccessreviews",
            ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
             #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":\#(spec)}"#])
        return (try fixture.json(reply.body), reply.code)
    }

    @Test func theAdmin_asksAboutOthers_andRBACAnswers() async throws {
        try await RESTFixture.with { fixture in
            let binding = #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"b"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"jane"}]}"#
            let created = try await fixture.curl(
                "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
                ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", binding])
            #expect(created.code == "201", "\(created)")
            let allowed = try await Self.ask(
                fixture, #"{"user":"jane","resourceAttributes":{"namespace":"default","verb":"list","resource":"pods"}}"#)
            #expect(allowed.code == "201" && allowed.body["kind"] == "SubjectAccessReview", "\(allowed)")
            #expect(allowed.body[path: ["status", "allowed"]] == true, "\(allowed)")
            let elsewhere = try await Self.ask(
                fixture, #"{"user":"jane","resourceAttributes":{"namespace":"other","verb":"list","resource":"pods"}}"#)
            #expect(elsewhere.body[path: ["status", "allowed"]] == false, "\(elsewhere)")
            let masters = try await Self.ask(
                fixture, #"{"user":"x","groups":["system:masters"],"nonResourceAttributes":{"path":"/metrics","verb":"get"}}"#)
            #expect(masters.body[path: ["status", "allowed"]] == true, "\(masters)")
            let nobody = try await Self.ask(fixture, #"{"resourceAttributes":{"verb":"get","resource":"pods"}}"#)
            #expect(nobody.code == "422")
            #expect(nobody.body["message"] == #"SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified"#)
            let nothing = try await Self.ask(fixture, #"{"user":"jane"}"#)
            #expect(nothing.body["message"] == #"SubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified"#)
        }
    }
}
