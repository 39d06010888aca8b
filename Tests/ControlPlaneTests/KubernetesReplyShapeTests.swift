import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Where the REST front door's answers take Kubernetes' shape rather than the API server's own: the body of a
/// DELETE, the Status of a watch's ERROR event, and the Status of a patch that does not apply. Pure.
@Suite struct KubernetesReplyShapeTests {
    func object(_ kind: String, deleting: Bool = false) -> JSONValue {
        var metadata: JSONValue = ["name": "x", "namespace": "default", "uid": "u-1", "resourceVersion": "7"]
        if deleting { metadata["deletionTimestamp"] = "2026-01-01T00:00:00Z" }
        return ["apiVersion": "v1", "kind": .string(kind), "metadata": metadata]
    }

    @Test func aDaemonSetDeletedAtOnce_isASuccessStatusNamingIt_withItsUID() {
        let body = RESTDeleteReply.body(deleted: object("DaemonSet"), kind: .daemonSet)
        #expect(body == [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
            "details": ["name": "x", "group": "apps", "kind": "daemonsets", "uid": "u-1"],
        ])
        // A core kind has no group in the details.
        let configMap = RESTDeleteReply.body(deleted: object("ConfigMap"), kind: .configMap)
        #expect(configMap["details"] == ["name": "x", "kind": "configmaps", "uid": "u-1"])
    }

    @Test func podsServicesNamespaces_andObjectsStillBeingDeleted_answerTheObject() {
        for kind in [ResourceKind.pod, .service, .namespace] {
            #expect(RESTDeleteReply.body(deleted: object(kind.kind), kind: kind) == object(kind.kind))
        }
        let finalizing = object("DaemonSet", deleting: true)
        #expect(RESTDeleteReply.body(deleted: finalizing, kind: .daemonSet) == finalizing)
    }

    @Test func theReplyIsRewrittenOnlyWhenItCarriesTheDeletedObject() throws {
        let reply = RESTDeleteReply.reply(.json(object("DaemonSet")), kind: .daemonSet)
        guard case .full(200, "application/json", let body) = reply else {
            Issue.record("not a full reply: \(reply)")
            return
        }
        #expect(try JSONValue(jsonData: Data(body))["status"] == "Success")
        let failure = RESTReply.failure(Status.notFound(.daemonSet, name: "x"))
        guard case .full(404, _, let failed) = RESTDeleteReply.reply(failure, kind: .daemonSet) else {
            Issue.record("the failure changed")
            return
        }
        #expect(try JSONValue(jsonData: Data(failed))["reason"] == "NotFound")
    }

    @Test func aWatchTooOldForTheHistory_isExpired_otherFailuresAreKept() {
        let expired = RESTErrors.watchFailure(Status.gone("too old resource version: 3 (9)"))
        #expect(expired.code == 410 && expired.reason?.rawValue == "Expired")
        #expect(expired.message == "too old resource version: 3 (9)" && expired.details == nil)
        let forbidden = Status.forbidden("no")
        #expect(RESTErrors.watchFailure(forbidden) == forbidden)
    }

    @Test func aJSONPatchThatDecodesButDoesNotApply_is422Invalid_elseBadRequest() {
        let failed = PatchError(.testFailed, "testing value /a failed: test failed")
        let test: JSONValue = [["op": "test", "path": "/a", "value": 1]]
        let invalid = PatchFailureStatus.status(for: failed, patch: test, type: .json)
        #expect(invalid.code == 422 && invalid.reason == .invalid)
        #expect(invalid.message == "the server rejected our request due to an error in our request")
        #expect(invalid.details == StatusDetails())
        let unknownOp: JSONValue = [["op": "frobnicate", "path": "/a"]]
        #expect(PatchFailureStatus.status(for: PatchError(.invalidPatch, "bad op"), patch: unknownOp, type: .json).code == 422)
        // Not an array of objects: it does not decode (400, saying why).
        let notOps = PatchFailureStatus.status(for: PatchError(.invalidPatch, "not an array"), patch: ["op": "add"], type: .json)
        #expect(notOps.code == 400 && notOps.message == "not an array")
        #expect(PatchFailureStatus.status(for: PatchError(.invalidPatch, "x"), patch: [1], type: .json).code == 400)
        let strategic = PatchFailureStatus.status(for: PatchError(.invalidList, "no merge key"), patch: [:], type: .strategic)
        #expect(strategic.code == 400 && strategic.reason == .badRequest && strategic.message == "no merge key")
    }
}
