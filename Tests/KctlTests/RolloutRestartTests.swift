import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct RolloutRestartTests {
    typealias F = RolloutFixtures

    @Test func patch_setsTheRestartedAtTemplateAnnotation() throws {
        let patch = try RolloutRestart.patch(for: try F.daemonSet(), kind: .daemonSet, time: "2026-11-24T21:45:12Z")
        #expect(patch == ["spec": ["template": ["metadata": ["annotations": [
            "kubectl.kubernetes.io/restartedAt": "2026-11-24T21:45:12Z"]]]]])
    }

    @Test func patch_sameTimeTwice_isEmpty() throws {
        var ds = try F.daemonSet()
        ds[path: ["spec", "template", "metadata", "annotations", RolloutRestart.annotation]] = "2026-11-24T21:45:12Z"
        #expect(try RolloutRestart.patch(for: ds, kind: .daemonSet, time: "2026-11-24T21:45:12Z") == nil)
    }

    @Test func patch_refusals() throws {
        #expect(throws: RolloutError("error: deployments.apps \"redis\" can't restart paused deployment (run rollout resume first)")) {
            try RolloutRestart.patch(for: try F.deployment(paused: true), kind: .deployment, time: "t")
        }
        let rs = try F.replicaSet("aaa", revision: "1", image: "redis")
        #expect(throws: RolloutError("error: replicasets.apps \"redis-aaa\" restarting is not supported")) {
            try RolloutRestart.patch(for: rs, kind: .replicaSet, time: "t")
        }
    }

    @Test func timestamp_isGoRFC3339InTheLocalZone() throws {
        let date = Date(timeIntervalSince1970: 1_795_556_712.7)  // 2026-11-24T21:45:12.7Z
        #expect(RolloutRestart.timestamp(date, timeZone: .gmt) == "2026-11-24T21:45:12Z")
        #expect(RolloutRestart.timestamp(date, timeZone: try #require(TimeZone(secondsFromGMT: 8 * 3600)))
            == "2026-11-25T05:45:12+08:00")
        #expect(RolloutRestart.timestamp(date, timeZone: try #require(TimeZone(secondsFromGMT: -(3 * 3600 + 1800))))
            == "2026-11-24T18:15:12-03:30")
    }

    @Test func errorAggregate_rendersAsCheckErr() {
        #expect(ErrorAggregate.render([]) == nil)
        #expect(ErrorAggregate.render([RolloutError("no last revision to roll back to")])
            == "error: no last revision to roll back to\n")
        #expect(ErrorAggregate.render([Status.notFound(.daemonSet, name: "x")])
            == "Error from server (NotFound): daemonsets.apps \"x\" not found\n")
        #expect(ErrorAggregate.render([RolloutError("error: a"), RolloutError("b")]) == "error: a\nb\n")
    }
}
