import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct RolloutHistoryTests {
    typealias F = RolloutFixtures

    private func daemonSetHistory() throws -> [RolloutHistory.Entry] {
        RolloutHistory.revisionEntries(try F.daemonSet(), kind: .daemonSet, revisions: [
            try F.revision(2, image: "ikubernetes/filebeat:5.6.6-alpine", changeCause: "kctl set image"),
            try F.revision(1, image: "ikubernetes/filebeat:5.6.5-alpine"),
            try F.revision(7, image: "other", owner: "someone-else"),
        ])
    }

    @Test func daemonSet_ownedRevisions_sortedWithChangeCause() throws {
        let entries = try daemonSetHistory()
        #expect(entries.map(\.revision) == [1, 2])
        #expect(entries.map(\.changeCause) == [nil, "kctl set image"])
        #expect(entries[0].template[path: ["spec", "containers"]]?.arrayValue?.first?["image"]
            == "ikubernetes/filebeat:5.6.5-alpine")
        #expect(entries[0].template["$patch"] == nil)
    }

    @Test func render_table_asKubectl() throws {
        let text = try RolloutHistory.render(
            try daemonSetHistory(), revision: 0, kind: .daemonSet, name: "filebeat-ds", timeZone: .gmt)
        #expect(text == "daemonset.apps/filebeat-ds \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kctl set image\n\n")
    }

    @Test func render_empty_andUnknownRevision() throws {
        #expect(try RolloutHistory.render([], revision: 0, kind: .daemonSet, name: "x", timeZone: .gmt)
            == "daemonset.apps/x \nNo rollout history found.\n")
        #expect(throws: RolloutError("unable to find the specified revision")) {
            try RolloutHistory.render(try daemonSetHistory(), revision: 5, kind: .daemonSet, name: "x", timeZone: .gmt)
        }
    }

    @Test func render_revision_printsThePodTemplateWithTabs() throws {
        let text = try RolloutHistory.render(
            try daemonSetHistory(), revision: 1, kind: .daemonSet, name: "filebeat-ds", timeZone: .gmt)
        #expect(text.hasPrefix("""
            daemonset.apps/filebeat-ds with revision #1
            Pod Template:
              Labels:\tapp=filebeat
            \trelease=stable
              Containers:
               filebeat:
                Image:\tikubernetes/filebeat:5.6.5-alpine

            """))
        #expect(text.hasSuffix("  Tolerations:\t<none>\n\n"))
    }

    @Test func deployment_revisionsFromOwnedReplicaSets() throws {
        let sets = [
            try F.replicaSet("aaa", revision: "1", image: "redis:4.0-alpine"),
            try F.replicaSet("bbb", revision: "2", image: "redis:5", annotations: ["kubernetes.io/change-cause": "up"]),
            try F.replicaSet("ccc", revision: "x", image: "redis:6"),
            try F.replicaSet("ddd", revision: "9", image: "redis:6", owner: "other"),
        ]
        let entries = RolloutHistory.deploymentEntries(try F.deployment(), replicaSets: sets)
        #expect(entries.map(\.revision) == [1, 2])
        #expect(entries[1].template[path: ["metadata", "annotations", "kubernetes.io/change-cause"]] == "up")
        let text = try RolloutHistory.render(entries, revision: 0, kind: .deployment, name: "redis", timeZone: .gmt)
        #expect(text == "deployment.apps/redis \nREVISION  CHANGE-CAUSE\n1         <none>\n2         up\n\n")
        let detail = try RolloutHistory.render(entries, revision: 2, kind: .deployment, name: "redis", timeZone: .gmt)
        #expect(detail.hasPrefix("deployment.apps/redis with revision #2\nPod Template:\n  Labels:\tapp=redis\n"))
        #expect(detail.contains("  Annotations:\tkubernetes.io/change-cause: up\n"))
    }

    @Test func otherKinds_haveNoHistoryViewer() {
        #expect(throws: RolloutError("no history viewer has been implemented for \"ReplicaSet.apps\"")) {
            try RolloutHistory.check(.replicaSet)
        }
    }
}
