import KubeAPI
import Testing
import Wire

@testable import kctl

/// Small API objects for the chaos tests.
enum ChaosFixtures {
    static func node(
        _ name: String, ready: Bool = true, labels: [String: String] = [:], taints: [Taint] = []
    ) -> Node {
        Node(
            metadata: ObjectMeta(name: name, labels: labels),
            spec: NodeSpec(taints: taints.isEmpty ? nil : taints),
            status: NodeStatus(conditions: [NodeCondition(type: "Ready", status: ready ? "True" : "Unknown")]))
    }

    static func daemonSet(
        _ name: String = "ds", uid: String = "uid-ds", nodeSelector: [String: String]? = nil,
        tolerations: [Toleration]? = nil, maxSurge: IntOrString? = nil
    ) -> DaemonSet {
        var spec = PodSpec(containers: [Container(name: "c", image: "busybox")])
        spec.nodeSelector = nodeSelector
        spec.tolerations = tolerations
        var daemonSet = DaemonSet(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: DaemonSetSpec(
                selector: LabelSelector(matchLabels: ["app": name]),
                template: PodTemplateSpec(metadata: ObjectMeta(labels: ["app": name]), spec: spec),
                updateStrategy: DaemonSetUpdateStrategy(
                    type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxSurge: maxSurge))))
        daemonSet.metadata.uid = uid
        return daemonSet
    }

    /// A daemon pod of `owner` bound to `node` (or, with `bound: false`, pinned to it by node affinity only).
    static func pod(
        _ name: String, of owner: DaemonSet = daemonSet(), on node: String, phase: String = "Running",
        deleting: Bool = false, revision: String = "r1", bound: Bool = true
    ) -> Pod {
        var metadata = ObjectMeta(
            name: name, namespace: "default", labels: ["controller-revision-hash": revision],
            ownerReferences: [
                OwnerReference(
                    apiVersion: "apps/v1", kind: "DaemonSet", name: owner.name, uid: owner.metadata.uid ?? "",
                    controller: true)
            ])
        metadata.uid = "uid-\(name)"
        if deleting { metadata.deletionTimestamp = "2026-01-01T00:00:00Z" }
        var spec = PodSpec(containers: [Container(name: "c", image: "busybox")])
        if bound {
            spec.nodeName = node
        } else {
            let pinned = NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [node])
            spec.affinity = Affinity(
                nodeAffinity: NodeAffinity(
                    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(
                        nodeSelectorTerms: [NodeSelectorTerm(matchFields: [pinned])])))
        }
        return Pod(metadata: metadata, spec: spec, status: PodStatus(phase: phase))
    }

    static func snapshot(
        _ seconds: Double, nodes: [Node], pods: [Pod], daemonSets: [DaemonSet] = [daemonSet()],
        probes: ProbeObservation? = nil
    ) -> ChaosSnapshot {
        ChaosSnapshot(
            time: .milliseconds(Int64(seconds * 1000)), nodes: nodes, pods: pods, daemonSets: daemonSets,
            probes: probes)
    }
}

@Suite struct ChaosInvariantCheckerTests {
    typealias F = ChaosFixtures

    static func checker() -> InvariantChecker {
        InvariantChecker(settings: .init(coverageBound: .seconds(3), departedTolerance: .seconds(2)))
    }

    static let threeNodes = [F.node("n1"), F.node("n2"), F.node("n3")]
    static let covered = [F.pod("a", on: "n1"), F.pod("b", on: "n2"), F.pod("c", on: "n3")]

    @Test func healthyCluster_hasNoViolations_andCountsEveryCheck() {
        var checker = Self.checker()
        for second in 0..<10 {
            #expect(checker.check(F.snapshot(Double(second), nodes: Self.threeNodes, pods: Self.covered)).isEmpty)
        }
        #expect(checker.violations.isEmpty)
        #expect(checker.tallies[.onePodPerNode] == .init(checks: 10, subjects: 30, violations: 0))
        #expect(checker.tallies[.noPodOnDepartedNode] == .init(checks: 10, subjects: 30, violations: 0))
        #expect(checker.tallies[.readyNodesCovered] == .init(checks: 10, subjects: 30, violations: 0))
    }

    // MARK: - One daemon pod per node

    @Test func twoActivePodsOnANode_isReportedOnce_withNodeAndPod() {
        var checker = Self.checker()
        let pods = Self.covered + [F.pod("d", on: "n2", phase: "Pending", bound: false)]
        let found = checker.check(F.snapshot(1, nodes: Self.threeNodes, pods: pods))
        #expect(
            found == [
                ChaosViolation(
                    time: .seconds(1), invariant: .onePodPerNode, node: "n2", pod: "default/d",
                    message: "daemonset default/ds has 2 daemon pods on node n2 (b, d), at most 1 allowed")
            ])
        #expect(checker.check(F.snapshot(1.1, nodes: Self.threeNodes, pods: pods)).isEmpty, "reported once")
        #expect(checker.check(F.snapshot(1.2, nodes: Self.threeNodes, pods: Self.covered)).isEmpty)
        #expect(checker.check(F.snapshot(1.3, nodes: Self.threeNodes, pods: pods)).count == 1, "again once it recurs")
        #expect(checker.tallies[.onePodPerNode]?.violations == 2)
    }

    @Test func terminatingAndFinishedPods_andOtherOwners_doNotCount() {
        var checker = Self.checker()
        let other = F.daemonSet("other", uid: "uid-other")
        let pods =
            Self.covered + [
                F.pod("old", on: "n1", deleting: true), F.pod("done", on: "n2", phase: "Failed"),
                F.pod("x", of: other, on: "n3"),
            ]
        #expect(checker.check(F.snapshot(1, nodes: Self.threeNodes, pods: pods)).isEmpty)
    }

    /// With maxSurge, a rolling update runs the new pod beside the old one: two of different revisions are
    /// fine, two of the same revision or three are not.
    @Test func surge_allowsTwoPodsOfDifferentRevisions() {
        let surging = F.daemonSet(maxSurge: .int(1))
        let base = [F.pod("a", of: surging, on: "n1")]
        var checker = Self.checker()
        func check(_ time: Double, _ pods: [Pod], _ daemonSet: DaemonSet = surging) -> [ChaosViolation] {
            checker.check(F.snapshot(time, nodes: [F.node("n1")], pods: pods, daemonSets: [daemonSet]))
        }
        let twoRevisions = base + [F.pod("a2", of: surging, on: "n1", phase: "Pending", revision: "r2")]
        #expect(check(1, twoRevisions).isEmpty)
        #expect(check(2, base + [F.pod("a2", of: surging, on: "n1")]).count == 1, "same revision")
        let three = twoRevisions + [F.pod("a3", of: surging, on: "n1", revision: "r3")]
        #expect(
            check(3, three).map(\.message) == [
                "daemonset default/ds has 3 daemon pods on node n1 (a, a2, a3), at most 2 allowed"
            ])
        #expect(check(4, twoRevisions, F.daemonSet()).count == 1, "no surge without maxSurge")
        #expect(F.daemonSet(maxSurge: .string("10%")).allowsSurge)
        #expect(!F.daemonSet(maxSurge: .string("0%")).allowsSurge)
    }

    // MARK: - Departed nodes

    @Test func podOnADepartedNode_isAViolationAfterTheTolerance() {
        var checker = Self.checker()
        let nodes = [F.node("n1"), F.node("n3")]  // n2 has left
        #expect(checker.check(F.snapshot(10, nodes: nodes, pods: Self.covered)).isEmpty)
        #expect(checker.check(F.snapshot(12, nodes: nodes, pods: Self.covered)).isEmpty, "within the tolerance")
        let found = checker.check(F.snapshot(12.5, nodes: nodes, pods: Self.covered))
        #expect(
            found == [
                ChaosViolation(
                    time: .milliseconds(12_500), invariant: .noPodOnDepartedNode, node: "n2", pod: "default/b",
                    message:
                        "daemon pod of daemonset default/ds is still bound to node n2, which left 2.5s ago "
                        + "(tolerance 2s)")
            ])
        #expect(checker.check(F.snapshot(13, nodes: nodes, pods: Self.covered)).isEmpty, "reported once")
    }

    @Test func departed_ignoresTerminatingPods_andRestartsTimingAfterAResync() {
        var checker = Self.checker()
        let nodes = [F.node("n1")]
        let terminating = [F.pod("a", on: "n1"), F.pod("b", on: "n2", deleting: true)]
        #expect(checker.check(F.snapshot(0, nodes: nodes, pods: terminating)).isEmpty)
        #expect(checker.check(F.snapshot(5, nodes: nodes, pods: terminating)).isEmpty)
        let stuck = [F.pod("a", on: "n1"), F.pod("b", on: "n2")]
        #expect(checker.check(F.snapshot(5, nodes: nodes, pods: stuck)).isEmpty)
        checker.resynced()
        #expect(checker.check(F.snapshot(7.5, nodes: nodes, pods: stuck)).isEmpty, "timed again from the resync")
        #expect(checker.check(F.snapshot(9.6, nodes: nodes, pods: stuck)).count == 1)
    }

    // MARK: - Coverage

    @Test func readyEligibleNodeWithoutARunningPod_isAViolationAfterTheBound() {
        var checker = Self.checker()
        let pods = [F.pod("a", on: "n1"), F.pod("b", on: "n2", phase: "Pending"), F.pod("c", on: "n3")]
        #expect(checker.check(F.snapshot(1, nodes: Self.threeNodes, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(4, nodes: Self.threeNodes, pods: pods)).isEmpty, "exactly the bound")
        let found = checker.check(F.snapshot(4.2, nodes: Self.threeNodes, pods: pods))
        #expect(
            found == [
                ChaosViolation(
                    time: .milliseconds(4200), invariant: .readyNodesCovered, node: "n2", pod: "default/b",
                    message:
                        "node n2 has been Ready and eligible for daemonset default/ds without a Running daemon pod "
                        + "for 3.2s (its pod is Pending) (bound 3s)")
            ])
        #expect(checker.check(F.snapshot(9, nodes: Self.threeNodes, pods: pods)).isEmpty, "reported once")
    }

    /// The bound runs from when the node is Ready: a NotReady stretch does not count, and ends the last one.
    @Test func coverage_countsFromReady() {
        var checker = Self.checker()
        let pods = [F.pod("a", on: "n1")]
        let notReady = [F.node("n1"), F.node("n2", ready: false)]
        let ready = [F.node("n1"), F.node("n2")]
        #expect(checker.check(F.snapshot(0, nodes: notReady, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(10, nodes: notReady, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(11, nodes: ready, pods: pods)).isEmpty, "Ready from 11 s")
        #expect(checker.check(F.snapshot(13.9, nodes: ready, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(14, nodes: notReady, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(15, nodes: ready, pods: pods)).isEmpty, "a new stretch from 15 s")
        #expect(checker.check(F.snapshot(17.5, nodes: ready, pods: pods)).isEmpty)
        #expect(checker.check(F.snapshot(18.1, nodes: ready, pods: pods)).map(\.node) == ["n2"])
    }

    /// Eligibility is the DaemonSet controller's: node selector, untolerated taints, and the tolerations the
    /// controller adds (unschedulable, not-ready and unreachable: NoExecute ...).
    @Test func coverage_onlyForEligibleNodes() {
        var checker = Self.checker()
        let nodes = [
            F.node("ssd", labels: ["disk": "ssd"]),
            F.node("hdd", labels: ["disk": "hdd"]),
            F.node(
                "tainted", labels: ["disk": "ssd"],
                taints: [Taint(key: "dedicated", value: "db", effect: "NoSchedule")]),
            F.node(
                "cordoned", labels: ["disk": "ssd"],
                taints: [Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")]),
        ]
        let selective = F.daemonSet(nodeSelector: ["disk": "ssd"])
        let empty = F.snapshot(0, nodes: nodes, pods: [], daemonSets: [selective])
        #expect(InvariantChecker.uncovered(empty).map(\.node) == ["ssd", "cordoned"])
        _ = checker.check(empty)
        let late = F.snapshot(5, nodes: nodes, pods: [], daemonSets: [selective])
        #expect(Set(checker.check(late).compactMap(\.node)) == ["ssd", "cordoned"])
        let tolerant = F.daemonSet(
            nodeSelector: ["disk": "ssd"], tolerations: [Toleration(key: "dedicated", operator: "Exists")])
        #expect(
            InvariantChecker.uncovered(F.snapshot(0, nodes: nodes, pods: [], daemonSets: [tolerant])).map(\.node)
                == ["ssd", "tainted", "cordoned"])
    }

    // MARK: - Probes

    @Test func missingAcknowledgedProbe_isReportedOnce() {
        var checker = Self.checker()
        let acknowledged = [
            AcknowledgedProbe(key: "chaos-1/probe-00001", at: .seconds(1)),
            AcknowledgedProbe(key: "chaos-1/probe-00002", at: .milliseconds(1200)),
        ]
        let allThere = ProbeObservation(
            acknowledged: acknowledged, present: ["chaos-1/probe-00001", "chaos-1/probe-00002"])
        #expect(checker.check(F.snapshot(2, nodes: Self.threeNodes, pods: Self.covered, probes: allThere)).isEmpty)
        let lost = ProbeObservation(acknowledged: acknowledged, present: ["chaos-1/probe-00001"])
        let found = checker.check(F.snapshot(3, nodes: Self.threeNodes, pods: Self.covered, probes: lost))
        #expect(
            found == [
                ChaosViolation(
                    time: .seconds(3), invariant: .acknowledgedObjectsKept, node: nil, pod: nil,
                    message: "controllerrevision chaos-1/probe-00002, acknowledged at +1.200s, is missing")
            ])
        #expect(checker.check(F.snapshot(3.1, nodes: Self.threeNodes, pods: Self.covered)).isEmpty)
        #expect(checker.checkProbes(lost, time: .seconds(4)).isEmpty, "still the same loss")
        #expect(checker.tallies[.acknowledgedObjectsKept] == .init(checks: 3, subjects: 6, violations: 1))
        #expect(checker.violations.count == 1)
    }

    @Test func violationLine_namesTimeInvariantNodeAndPod() {
        let violation = ChaosViolation(
            time: .milliseconds(4200), invariant: .readyNodesCovered, node: "n2", pod: "default/b", message: "m")
        #expect(violation.line == "+4.200s  ready-nodes-covered  node=n2  pod=default/b  m")
        #expect(
            ChaosViolation(time: .zero, invariant: .converged, node: nil, pod: nil, message: "m").line
                == "+0.000s  converged-after-healing  m")
    }
}
