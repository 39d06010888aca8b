import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The JSON entry of admission checks unknown fields on the admitted object's encoding (no round trip of its own),
/// with strict decoding's verdict: unknown fields are a BadRequest before any validation error, fields the
/// mutations add or keep are never reported, and a field a mutation drops is still judged by the decoded value.
@Suite struct KindAdmissionStrictTests {
    private static func pod(_ extra: [String: JSONValue] = [:], spec: [String: JSONValue] = [:]) -> JSONValue {
        var specMembers: [String: JSONValue] = ["containers": [["name": "app", "image": "nginx"]]]
        for (key, value) in spec { specMembers[key] = value }
        var members: [String: JSONValue] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "web", "namespace": "default"],
            "spec": .object(specMembers),
        ]
        for (key, value) in extra { members[key] = value }
        return .object(members)
    }

    private func message(_ body: () throws -> JSONValue) -> (code: Int?, text: String) {
        do {
            _ = try body()
            return (nil, "")
        } catch let status as Status {
            return (status.code, status.message ?? "")
        } catch {
            return (nil, "\(error)")
        }
    }

    @Test func unknownFields_areABadRequest_namingThemSorted() {
        let admission = AdmissionRegistry.podAdmission
        let result = message {
            try admission.admitCreate(Self.pod(["bogus": 1], spec: ["alsoBogus": "x", "tolerations": [["key": "k", "nope": 1]]]))
        }
        #expect(result.code == 400)
        #expect(result.text.contains(#"unknown field "bogus""#), "\(result)")
        #expect(result.text.contains(#"unknown field "spec.alsoBogus""#), "\(result)")
        #expect(result.text.contains(#"unknown field "spec.tolerations[0].nope""#), "\(result)")
    }

    @Test func unknownFields_comeBeforeValidationErrors() {
        // No containers (Invalid) and an unknown field (BadRequest): strict decoding speaks first.
        let invalid = Self.pod(["bogus": true], spec: ["containers": []])
        let result = message { try AdmissionRegistry.podAdmission.admitCreate(invalid) }
        #expect(result.code == 400, "\(result)")
        let valid = message { try AdmissionRegistry.podAdmission.admitCreate(Self.pod(spec: ["containers": []])) }
        #expect(valid.code == 422, "\(valid)")
    }

    @Test func knownFields_andWhatTheMutationsAdd_pass() throws {
        // The user's own toleration stays first; the plugin appends two; defaults fill the rest.
        let input = Self.pod(spec: ["tolerations": [["key": "k", "operator": "Exists"]], "serviceAccountName": ""])
        let admitted = try AdmissionRegistry.podAdmission.admitCreate(input)
        #expect(admitted[path: ["spec", "serviceAccountName"]] == "default")
        #expect(admitted[path: ["spec", "tolerations"]]?.arrayValue?.count == 3)
        let update = try AdmissionRegistry.podAdmission.admitUpdate(admitted, old: admitted)
        #expect(update[path: ["spec", "tolerations"]]?.arrayValue?.count == 3)
    }
}
