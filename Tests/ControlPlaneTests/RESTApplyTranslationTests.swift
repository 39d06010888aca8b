import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Server-side apply over REST: `application/apply-patch+yaml` bodies, `fieldManager`, `force`, and the manager of
/// writes that name none (the User-Agent's first part, as Kubernetes derives it). Pure translation.
@Suite struct RESTApplyTranslationTests {
    let pod = RESTTarget(kind: .pod, namespace: "default", name: "web", subresource: nil)
    let pods = RESTTarget(kind: .pod, namespace: "default", name: nil, subresource: nil)

    func request(
        _ method: String, _ target: RESTTarget, _ query: String = "", contentType: String? = nil, body: String = "",
        userAgent: String? = nil
    ) throws -> Request {
        let operation = try RESTTranslator.operation(
            method: method, target: target, query: RESTQuery(parsing: Substring(query)), contentType: contentType,
            body: Array(body.utf8), userAgent: userAgent)
        guard case .call(let request) = operation else { throw Status.badRequest("expected a call") }
        return request
    }

    @Test func applyPatch_takesJSONOrYAML_withManagerForceAndDryRun() throws {
        let json = try request(
            "PATCH", pod, "fieldManager=kubectl&fieldValidation=Strict&force=false",
            contentType: "application/apply-patch+yaml", body: #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}"#,
            userAgent: "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd")
        #expect(json.verb == .patch && json.patchType == .apply && json.fieldManager == "kubectl" && json.force == false)
        #expect(json.patch?[path: ["metadata", "name"]] == "web")

        let yaml = try request(
            "PATCH", pod, "fieldManager=mine&force=true&dryRun=All", contentType: "application/apply-patch+yaml",
            body: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\n")
        #expect(yaml.patch?[path: ["metadata", "labels", "app"]] == "web")
        #expect(yaml.force == true && yaml.dryRun == true && yaml.fieldManager == "mine")

        // An apply without a manager keeps none (the server refuses it), whatever the User-Agent.
        let anonymous = try request(
            "PATCH", pod, contentType: "application/apply-patch+yaml", body: "{}", userAgent: "curl/8.5.0")
        #expect(anonymous.fieldManager == nil)
        #expect(throws: Status.self) {
            try request("PATCH", pod, "fieldManager=x", contentType: "application/apply-patch+yaml", body: "- a\n- b\n")
        }
    }

    @Test func otherWrites_areRecordedUnderTheUserAgentsName_unlessTheyNameAManager() throws {
        let python = try request("POST", pods, body: "{}", userAgent: "OpenAPI-Generator/37.0.3/python")
        #expect(python.fieldManager == "OpenAPI-Generator")
        let named = try request("POST", pods, "fieldManager=kubectl-create", body: "{}", userAgent: "kubectl/v1.32.4")
        #expect(named.fieldManager == "kubectl-create")
        let patch = try request(
            "PATCH", pod, contentType: "application/merge-patch+json", body: "{}", userAgent: "kubectl/v1.32.4 (linux)")
        #expect(patch.fieldManager == "kubectl" && patch.force == nil)
        #expect(try request("GET", pod, userAgent: "kubectl/v1.32.4").fieldManager == nil)
        #expect(try request("POST", pods, body: "{}").fieldManager == nil)
    }
}
