import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// The chaos run's pure parts around the checker: the watched view, convergence, probe objects, rollouts and the
/// report.
@Suite struct ChaosViewTests {
    typealias F = ChaosFixtures

    static func json<T: Encodable>(_ value: T) throws -> JSONValue { try JSONValue(encoding: value) }

    @Test func view_followsListsAndWatchEvents() throws {
        var view = ClusterView()
        let list: JSONValue = [
            "metadata": ["resourceVersion": "41"],
            "items": .array([try Self.json(F.node("n2")), try Self.json(F.node("n1"))]),
        ]
        #expect(try view.replace(.node, list: list) == "41")
        #expect(view.snapshot(time: .zero).nodes.map(\.name) == ["n1", "n2"])
        try view.apply(.pod, WatchEvent(type: .added, object: try Self.json(F.pod("a", on: "n1", phase: "Pending"))))
        try view.apply(.pod, WatchEvent(type: .modified, object: try Self.json(F.pod("a", on: "n1"))))
        try view.apply(.daemonSet, WatchEvent(type: .added, object: try Self.json(F.daemonSet())))
        try view.apply(.node, WatchEvent(type: .deleted, object: try Self.json(F.node("n2"))))
        try view.apply(.node, WatchEvent(type: .bookmark, object: ["metadata": ["resourceVersion": "50"]]))
        let snapshot = view.snapshot(time: .seconds(2))
        #expect(snapshot.time == .seconds(2))
        #expect(snapshot.nodes.map(\.name) == ["n1"])
        #expect(snapshot.pods.map { $0.status.phase } == ["Running"])
        #expect(snapshot.daemonSets.map(\.name) == ["ds"])
        try view.replace(.pod, list: ["metadata": ["resourceVersion": "60"], "items": []])
        #expect(view.snapshot(time: .zero).pods.isEmpty, "a relist replaces what was there")
    }

    @Test func convergence_listsWhatIsStillPending() {
        var ds = F.daemonSet()
        ds.metadata.generation = 2
        ds.status.observedGeneration = 2
        ds.status.desiredNumberScheduled = 2
        ds.status.updatedNumberScheduled = 2
        ds.status.numberAvailable = 2
        let nodes = [F.node("n1"), F.node("n2")]
        let settled = F.snapshot(0, nodes: nodes, pods: [F.pod("a", on: "n1"), F.pod("b", on: "n2")], daemonSets: [ds])
        #expect(ChaosConvergence.pending(settled, nodes: ["n1", "n2"]).isEmpty)

        var rolling = ds
        rolling.metadata.generation = 3
        rolling.status.numberAvailable = 1
        let unsettled = F.snapshot(
            0, nodes: [F.node("n1", ready: false)],
            pods: [F.pod("a", on: "n1"), F.pod("a2", on: "n1", revision: "r2")], daemonSets: [rolling])
        #expect(
            ChaosConvergence.pending(unsettled, nodes: ["n1", "n2"]) == [
                "node n1 is not Ready", "node n2 is not registered",
                "daemonset default/ds has 2 pods on node n1",
                "daemonset default/ds rollout not complete (2 of 2 updated, 1 available)",
            ])
        let uncovered = F.snapshot(0, nodes: nodes, pods: [F.pod("a", on: "n1")], daemonSets: [ds])
        #expect(
            ChaosConvergence.pending(uncovered, nodes: ["n1"]) == [
                "daemonset default/ds has no Running pod on node n2"
            ])
    }

    @Test func probes_areSmallLabelledControllerRevisions() throws {
        let probes = ChaosProbes(runID: "1a2b")
        #expect(probes.namespace == "chaos-1a2b")
        #expect(probes.selector == "kcluster.io/chaos-run=1a2b")
        #expect(probes.name(17) == "probe-00017")
        #expect(probes.key(123_456) == "chaos-1a2b/probe-123456")
        let object = try probes.object(17)
        #expect(object["kind"] == "ControllerRevision")
        #expect(object["apiVersion"] == "apps/v1")
        #expect(object[path: ["metadata", "namespace"]] == "chaos-1a2b")
        #expect(object[path: ["metadata", "labels", "kcluster.io/chaos-run"]] == "1a2b")
        #expect(object["revision"] == 17)
        #expect(object[path: ["data", "probe"]] == 17)
        #expect(try probes.namespaceObject()[path: ["metadata", "name"]] == "chaos-1a2b")
        let list: JSONValue = ["items": [object, ["metadata": ["name": "x", "namespace": "chaos-1a2b"]]]]
        #expect(ChaosProbes.keys(list) == ["chaos-1a2b/probe-00017", "chaos-1a2b/x"])
    }

    @Test func rollout_patchesThePodTemplateAnnotation() {
        #expect(
            ChaosRollout.patch(value: "v").jsonString()
                == #"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"v"}}}}}"#)
        let date = Date(timeIntervalSince1970: 1_767_225_600.042)
        #expect(ChaosRollout.value(date) == "2026-01-01T00:00:00.042Z")
        #expect(Timestamp.parse(ChaosRollout.value(date)) != nil)
    }

    static func report(steps: [ExecutedStep] = [], violations: [ChaosViolation] = [], problems: [String] = [])
        -> ChaosReport
    {
        ChaosReport(
            cluster: "c", settings: ChaosScheduleTests.settings(), replay: "kctl cluster chaos c --seed 42",
            steps: steps,
            tallies: [.onePodPerNode: .init(checks: 10, subjects: 30, violations: violations.count)],
            violations: violations, problems: problems, acknowledgedProbes: 50, unacknowledgedCreates: 1,
            relists: 2, staleTicks: 1, convergedAfter: .milliseconds(1500))
    }

    @Test func report_passesWithoutViolations() {
        let steps = [
            ExecutedStep(
                planned: .seconds(1), started: .milliseconds(1002), finished: .milliseconds(1010),
                action: .node(.kill, "n2")),
            ExecutedStep(
                planned: .seconds(2), started: .milliseconds(2500), finished: .seconds(3), action: .rollout,
                note: "1 daemonset"),
            ExecutedStep(planned: nil, started: .seconds(4), finished: .seconds(5), action: .node(.start, "n2")),
        ]
        let report = Self.report(steps: steps)
        #expect(!report.failed)
        #expect(
            report.text == """

                chaos report for cluster "c"
                \(ChaosScheduleTests.settings().summary)
                replay: kctl cluster chaos c --seed 42

                schedule as executed (3 steps):
                  +1.002s  kill-node n2  ok
                  +2.500s (planned +2.000s)  rollout restart daemonsets  ok (1 daemonset)
                  +4.000s (healing)  start-node n2  ok

                  invariant                   checks  subjects  violations
                  one-daemon-pod-per-node     10      30        0
                  no-pod-on-departed-node     0       0         0
                  ready-nodes-covered         0       0         0
                  acknowledged-objects-kept   0       0         0
                  converged-after-healing     0       0         0

                probe objects: 50 acknowledged creates checked, 1 create not acknowledged (not checked)
                view: listed 2 times (relisted after each broken watch), 1 check skipped while it was stale
                converged 1.5s after healing

                no violations
                PASSED

                """)
    }

    @Test func report_failsOnViolationsFailedStepsAndProblems() {
        let violation = ChaosViolation(
            time: .seconds(3), invariant: .onePodPerNode, node: "n1", pod: "default/b", message: "two pods")
        let failing = Self.report(violations: [violation])
        #expect(failing.failed)
        #expect(
            failing.text.hasSuffix(
                "violations (1):\n  +3.000s  one-daemon-pod-per-node  node=n1  pod=default/b  two pods\nFAILED\n"))
        let step = ExecutedStep(
            planned: .seconds(1), started: .seconds(1), finished: .seconds(1), action: .node(.partition, "n1"),
            error: "partition-node needs iptables (root) in process mode; use --runtime docker")
        let failedStep = Self.report(steps: [step])
        #expect(failedStep.failed)
        #expect(
            failedStep.text.contains("failed steps (1):\n  +1.000s  partition-node n1  FAILED: partition-node needs"))
        #expect(Self.report(problems: ["cannot delete namespace chaos-1"]).failed)
    }
}
