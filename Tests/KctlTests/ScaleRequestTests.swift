import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct ScaleRequestTests {
    typealias F = RolloutFixtures

    @Test func validate_flagsAsKubectl() {
        #expect(ScaleRequest.validate(replicas: nil, currentReplicas: -1) == "required flag(s) \"replicas\" not set")
        #expect(ScaleRequest.validate(replicas: -1, currentReplicas: -1)
            == "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
        #expect(ScaleRequest.validate(replicas: 2, currentReplicas: -2)
            == "The --current-replicas must specify an integer of -1 or greater")
        #expect(ScaleRequest.validate(replicas: 0, currentReplicas: -1) == nil)
    }

    @Test func precondition_currentReplicas() throws {
        let deployment = try F.deployment(replicas: 1)
        #expect(throws: RolloutError("Expected replicas to be 3, was 1")) {
            try ScaleRequest(replicas: 2, currentReplicas: 3).checkPrecondition(deployment)
        }
        try ScaleRequest(replicas: 2, currentReplicas: 1).checkPrecondition(deployment)
        #expect(RolloutError("Expected replicas to be 3, was 1").description == "error: Expected replicas to be 3, was 1")
    }

    @Test func precondition_resourceVersion() throws {
        var deployment = try F.deployment()
        deployment[path: ["metadata", "resourceVersion"]] = "15"
        #expect(throws: RolloutError("Expected resource version to be 12, was 15")) {
            try ScaleRequest(replicas: 2, resourceVersion: "12").checkPrecondition(deployment)
        }
        #expect(ScaleRequest(replicas: 2, resourceVersion: "15").hasPrecondition)
        #expect(!ScaleRequest(replicas: 2).hasPrecondition)
    }

    @Test func writes() throws {
        let request = ScaleRequest(replicas: 2)
        #expect(request.mergePatch == ["spec": ["replicas": 2]])
        #expect(request.updated(try F.deployment())[path: ["spec", "replicas"]] == 2)
        #expect(ScaleRequest.scalable(.deployment) && ScaleRequest.scalable(.replicaSet))
        #expect(!ScaleRequest.scalable(.daemonSet))
    }
}
