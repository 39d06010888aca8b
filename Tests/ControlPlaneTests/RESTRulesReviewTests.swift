import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// `SelfSubjectRulesReview`: the namespace from kubectl 1.32's protobuf body or JSON, and the rules Kubernetes'
/// default policy gives an administrator, a node (incomplete: the Node authorizer cannot list its rules) and anyone
/// else. kubectl's printing of them is checked against the real kubectl in RESTKubectlTests.
@Suite struct RESTRulesReviewTests {
    /// Protobuf as kubectl 1.32 sends it: `k8s\0`, runtime.Unknown{1 typeMeta, 2 raw}, raw =
    /// SelfSubjectRulesReview{1 metadata, 2 spec{1 namespace}}.
    static func protobufReview(namespace: String) -> [UInt8] {
        func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { [UInt8(number << 3 | 2), UInt8(bytes.count)] + bytes }
        let review = field(1, []) + field(2, field(1, Array(namespace.utf8)))
        let typeMeta = field(1, Array("authorization.k8s.io/v1".utf8)) + field(2, Array("SelfSubjectRulesReview".utf8))
        return ProtobufReader.kubernetesMagic + field(1, typeMeta) + field(2, review) + field(4, [])
    }

    @Test func theNamespace_comesFromProtobufOrJSON_andIsRequired() throws {
        #expect(try RESTRulesReview.namespace(
            body: Self.protobufReview(namespace: "demo"), contentType: "application/vnd.kubernetes.protobuf") == "demo")
        #expect(try RESTRulesReview.namespace(body: Array(#"{"spec":{"namespace":"default"}}"#.utf8), contentType: nil) == "default")
        #expect(throws: Status.badRequest("no namespace on request")) {
            try RESTRulesReview.namespace(body: Array("{}".utf8), contentType: "application/json")
        }
        #expect(throws: Status.self) { try RESTRulesReview.namespace(body: [1, 2], contentType: "application/vnd.kubernetes.protobuf") }
        #expect(throws: Status.self) { try RESTRulesReview.namespace(body: [], contentType: "text/plain") }
    }

    @Test func anAdministrator_mayDoEverything_plusTheRulesEveryoneHas() {
        let answer = RESTRulesReview.answer(
            for: PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"]), namespace: "default")
        #expect(answer["kind"] == "SelfSubjectRulesReview" && answer["apiVersion"] == "authorization.k8s.io/v1")
        let status = answer["status"]
        #expect(status?["resourceRules"]?.arrayValue?.first == ["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]])
        #expect(status?["resourceRules"]?.arrayValue?.count == 3)
        #expect(status?["nonResourceRules"]?.arrayValue?.first == ["verbs": ["*"], "nonResourceURLs": ["*"]])
        #expect(status?["incomplete"] == false && status?["evaluationError"] == nil)
    }

    @Test func aNode_getsTheCommonRules_markedIncomplete_andAnyoneElse_theCommonRulesAlone() {
        let node = RESTRulesReview.answer(
            for: PeerIdentity(commonName: "system:node:n1", organizations: ["system:nodes"]), namespace: "default")
        #expect(node[path: ["status", "incomplete"]] == true)
        #expect(node[path: ["status", "evaluationError"]] == "node authorizer does not support user rule resolution")
        #expect(node[path: ["status", "resourceRules"]]?.arrayValue == RESTRulesReview.basicUserRules.map(\.json))
        let jane = RESTRulesReview.answer(for: PeerIdentity(commonName: "jane", organizations: ["developers"]), namespace: "x")
        #expect(jane[path: ["status", "incomplete"]] == false)
        #expect(jane[path: ["status", "nonResourceRules"]]?.arrayValue == RESTRulesReview.discoveryRules.map(\.json))
    }
}
