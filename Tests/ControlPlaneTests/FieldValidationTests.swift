import Foundation
import KubeAPI
import Logging
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// Kubernetes' field validation (`fieldValidation=Strict|Warn|Ignore`) through admission, with the bodies and the
/// expected texts of Kubernetes' own integration test (test/integration/apiserver/field_validation_test.go): the
/// problems are worded and ordered as it words and orders them.
@Suite struct FieldValidationTests {
    /// A Deployment with a repeated name, unknown fields, repeated known fields and a field both unknown and
    /// repeated (reported once, as unknown).
    static let invalidDeployment = """
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": {"name": "dupename", "name": "web", "labels": {"app": "nginx"}, "unknownMeta": "metaVal"},
          "spec": {
            "unknown1": "val1", "unknownDupe": "valDupe", "unknownDupe": "valDupe2",
            "paused": true, "paused": false,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
              "metadata": {"labels": {"app": "nginx"}},
              "spec": {"containers": [{
                "name": "nginx", "image": "nginx:latest", "unknownNested": "val1",
                "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]}
            }
          }
        }
        """

    static let createProblems = [
        #"duplicate field "metadata.name""#, #"unknown field "metadata.unknownMeta""#, #"unknown field "spec.unknown1""#,
        #"unknown field "spec.unknownDupe""#, #"duplicate field "spec.paused""#,
        #"unknown field "spec.template.spec.containers[0].unknownNested""#,
        #"duplicate field "spec.template.spec.containers[0].imagePullPolicy""#,
    ]

    static let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])

    private static func api() throws -> APIServer {
        let api = APIServer(store: try ObjectStore(inMemoryWithWatchWindow: 100), logger: Logger.forTests("fields"))
        try api.ensureBuiltIns()
        return api
    }

    /// Runs `request` with the REST front door's field validation for `body`; the answer or the Status, and the
    /// warnings.
    private static func run(
        _ api: APIServer, _ request: Request, directive: String?, body: String
    ) async throws -> (answer: JSONValue?, failure: Status?, warnings: [String]) {
        let validation = try FieldValidation.forREST(request, directive: directive, body: Array(body.utf8))
        do {
            let answer = try await FieldValidation.$current.withValue(validation) { try await api.handle(request, from: admin) }
            return (answer, nil, validation?.warnings ?? [])
        } catch let status as Status {
            return (nil, status, validation?.warnings ?? [])
        }
    }

    private static func create(_ body: String) throws -> Request {
        var request = Request(verb: .create, kind: "Deployment", namespace: "default")
        request.object = try JSONValue(jsonData: Data(body.utf8))
        return request
    }

    @Test func theScan_givesEveryKeyInDocumentOrder_markingRepeats() {
        let scan = JSONFieldScan(Array(#"{"a":{"b":1,"b":[{"c":"x\"y","c":2}],"d\u0041":null},"e":[1,true]}"#.utf8))
        #expect(scan.occurrences.map(\.path) == ["a", "a.b", "a.b", "a.b[0].c", "a.b[0].c", "a.dA", "e"])
        #expect(scan.duplicates == ["a.b", "a.b[0].c"])
    }

    @Test func strictCreate_isABadRequest_listingEveryProblemInDocumentOrder() async throws {
        let api = try Self.api()
        let outcome = try await Self.run(api, try Self.create(Self.invalidDeployment), directive: "Strict", body: Self.invalidDeployment)
        #expect(outcome.failure?.code == 400)
        #expect(outcome.failure?.reason == .badRequest)
        #expect(outcome.failure?.message == #"Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: "#
            + Self.createProblems.joined(separator: ", "))
        let stored = try await api.handle(Request(verb: .list, kind: "Deployment", namespace: "default"), from: Self.admin)
        #expect(stored?["items"]?.arrayValue?.isEmpty == true)
    }

    @Test func warnCreate_isAccepted_withOneWarningPerProblem_andTheUnknownFieldsDropped() async throws {
        let api = try Self.api()
        for directive in ["Warn", nil] {  // Kubernetes' default is Warn
            var body = Self.invalidDeployment
            body = body.replacingOccurrences(of: #""name": "web""#, with: #""name": "web-\#((directive ?? "default").lowercased())""#)
            let outcome = try await Self.run(api, try Self.create(body), directive: directive, body: body)
            #expect(outcome.failure == nil, "\(String(describing: outcome.failure))")
            #expect(outcome.warnings == Self.createProblems)
            #expect(outcome.answer?[path: ["spec", "unknown1"]] == nil)
            #expect(outcome.answer?[path: ["spec", "paused"]] == false)  // the last of a repeated field
        }
    }

    @Test func ignoreCreate_isAcceptedSilently() async throws {
        let outcome = try await Self.run(
            try Self.api(), try Self.create(Self.invalidDeployment), directive: "Ignore", body: Self.invalidDeployment)
        #expect(outcome.failure == nil)
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.answer?[path: ["metadata", "unknownMeta"]] == nil)
    }

    @Test func anUnknownDirective_isABadRequest() throws {
        #expect(throws: Status.self) {
            try FieldValidation.forREST(try Self.create("{}"), directive: "Loose", body: [])
        }
        // Reads and deletes are not validated.
        #expect(try FieldValidation.forREST(Request(verb: .get, kind: "Pod"), directive: "Loose", body: []) == nil)
    }

    @Test func patches_listTheirRepeatedKeysFirst_thenThePatchedObjectsUnknownFieldsSorted() async throws {
        let api = try Self.api()
        let valid = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"p"},"spec":{"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:latest"}]}}}}"#
        _ = try await Self.run(api, try Self.create(valid), directive: "Strict", body: valid)
        let merge = """
            {"spec": {"unknown1": "val1", "unknownDupe": "valDupe", "unknownDupe": "valDupe2", "paused": true, "paused": false,
              "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:latest", "unknownNested": "val1",
                "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]}}}}
            """
        var patch = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "p")
        patch.patchType = .merge
        patch.patch = try JSONValue(jsonData: Data(merge.utf8))
        let strict = try await Self.run(api, patch, directive: "Strict", body: merge)
        #expect(strict.failure?.message?.hasSuffix(
            #"strict decoding error: duplicate field "spec.unknownDupe", duplicate field "spec.paused", duplicate field "spec.template.spec.containers[0].imagePullPolicy", unknown field "spec.template.spec.containers[0].unknownNested", unknown field "spec.unknown1", unknown field "spec.unknownDupe""#)
            == true, "\(String(describing: strict.failure))")

        let jsonPatchText = """
            [{"op": "add", "path": "/spec/unknown1", "value": "val1", "foo": "bar"},
             {"op": "add", "path": "/spec/unknown2", "path": "/spec/unknown3", "value": "val1"},
             {"op": "add", "path": "/spec/paused", "value": false}]
            """
        var jsonPatch = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "p")
        jsonPatch.patchType = .json
        jsonPatch.patch = try JSONValue(jsonData: Data(jsonPatchText.utf8))
        let warned = try await Self.run(api, jsonPatch, directive: "Warn", body: jsonPatchText)
        #expect(warned.failure == nil, "\(String(describing: warned.failure))")
        #expect(warned.warnings == [
            #"json patch unknown field "[0].foo""#, #"json patch duplicate field "[1].path""#,
            #"unknown field "spec.unknown1""#, #"unknown field "spec.unknown3""#,
        ])
        #expect(warned.answer?[path: ["spec", "unknown1"]] == nil)
    }

    @Test func withoutARESTDirective_writesStayStrict() async throws {
        var request = try Self.create(Self.invalidDeployment)
        request.object?[path: ["metadata", "name"]] = "plain"
        await #expect(throws: Status.self) { _ = try await Self.api().handle(request, from: Self.admin) }
    }

    @Test func theWarningHeader_quotesTheTextAsGoDoes() {
        #expect(FieldValidation.warningHeader(#"unknown field "spec.foo""#) == #"299 - "unknown field \"spec.foo\"""#)
    }
}
