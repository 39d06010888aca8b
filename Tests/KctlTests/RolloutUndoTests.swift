import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct RolloutUndoTests {
    typealias F = RolloutFixtures
    static let old = "ikubernetes/filebeat:5.6.5-alpine"
    static let new = "ikubernetes/filebeat:5.6.6-alpine"

    private func revisions() throws -> [JSONValue] {
        [try F.revision(1, image: Self.old), try F.revision(2, image: Self.new)]
    }

    @Test func daemonSet_default_patchesTheSecondHighestRevision() throws {
        let plan = try RolloutUndo.revision(
            try F.daemonSet(image: Self.new), kind: .daemonSet, revisions: revisions(), toRevision: 0)
        guard case .patch(let patch, let type) = plan else { Issue.record("expected a patch, got \(plan)"); return }
        #expect(type == .strategic)
        #expect(patch[path: ["spec", "template", "$patch"]] == "replace")
        #expect(patch[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == .string(Self.old))
        #expect(plan.operation == "rolled back")
        // The server's strategic merge gives back revision 1's template.
        let restored = try StrategicMergePatch.apply(patch, to: try F.daemonSet(image: Self.new), kind: "DaemonSet")
        #expect(restored[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
            == .string(Self.old))
    }

    @Test func daemonSet_skipped_whenTheTemplateAlreadyMatches() throws {
        let plan = try RolloutUndo.revision(
            try F.daemonSet(image: Self.new), kind: .daemonSet, revisions: revisions(), toRevision: 2)
        #expect(plan == .skipped("skipped rollback (current template already matches revision 2)"))
        #expect(NamePrinter.line(kind: "DaemonSet", name: "filebeat-ds", operation: plan.operation)
            == "daemonset.apps/filebeat-ds skipped rollback (current template already matches revision 2)")
    }

    @Test func daemonSet_errors() throws {
        #expect(throws: RolloutError("no last revision to roll back to")) {
            try RolloutUndo.revision(
                try F.daemonSet(), kind: .daemonSet, revisions: [try F.revision(1, image: Self.new)], toRevision: 0)
        }
        #expect(throws: RolloutError("unable to find specified revision 9 in history")) {
            try RolloutUndo.revision(try F.daemonSet(), kind: .daemonSet, revisions: revisions(), toRevision: 9)
        }
        #expect(throws: RolloutError("no rollbacker has been implemented for \"Pod\"")) { try RolloutUndo.check(.pod) }
    }

    private func replicaSets() throws -> [JSONValue] {
        [
            try F.replicaSet("aaa", revision: "1", image: "redis:4.0-alpine", annotations: ["team": "cache"]),
            try F.replicaSet("bbb", revision: "2", image: "redis:5"),
        ]
    }

    @Test func deployment_jsonPatchReplacesTemplateAndAnnotations() throws {
        let deployment = try F.deployment(
            image: "redis:5",
            annotations: ["deployment.kubernetes.io/revision": "2", "note": "dropped"])
        let plan = try RolloutUndo.deployment(deployment, replicaSets: replicaSets(), toRevision: 0)
        guard case .patch(let patch, let type) = plan else { Issue.record("expected a patch, got \(plan)"); return }
        #expect(type == .json)
        let ops = patch.arrayValue ?? []
        #expect(ops.map { $0["path"] } == ["/spec/template", "/metadata/annotations"])
        #expect(ops[0][path: ["value", "metadata", "labels"]] == ["app": "redis", "role": "logstor"])
        #expect(ops[0][path: ["value", "spec", "containers"]]?.arrayValue?.first?["image"] == "redis:4.0-alpine")
        #expect(ops[1]["value"] == ["deployment.kubernetes.io/revision": "2", "team": "cache"])
        let patched = try JSONPatch.apply(patch, to: deployment)
        #expect(patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
            == "redis:4.0-alpine")
    }

    @Test func deployment_skippedPausedAndMissing() throws {
        #expect(try RolloutUndo.deployment(try F.deployment(image: "redis:5"), replicaSets: replicaSets(), toRevision: 2)
            == .skipped("skipped rollback (current template already matches revision 2)"))
        #expect(throws: RolloutError(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/redis' and try again"))
        {
            try RolloutUndo.deployment(try F.deployment(paused: true), replicaSets: replicaSets(), toRevision: 1)
        }
        #expect(throws: RolloutError("no rollout history found for deployment \"redis\"")) {
            try RolloutUndo.deployment(
                try F.deployment(), replicaSets: [try F.replicaSet("aaa", revision: "1", image: "redis:4.0-alpine")],
                toRevision: 0)
        }
        #expect(throws: RolloutError("unable to find specified revision 3 in history")) {
            try RolloutUndo.deployment(try F.deployment(), replicaSets: replicaSets(), toRevision: 3)
        }
    }
}
