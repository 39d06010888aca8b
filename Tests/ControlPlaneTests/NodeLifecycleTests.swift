import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Fixtures: times are seconds after `t0`; nodes are created at `t0` unless told otherwise.
private enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static func stamp(_ seconds: Double) -> String { Timestamp.format(at(seconds)) }

    static let registrationTaint = Taint(key: "node.kubernetes.io/not-ready", effect: "NoSchedule")

    static func node(
        _ name: String = "n1", uid: String? = nil, ready: String? = "True", taints: [Taint]? = nil,
        created: Double = 0, resourceVersion: String = "1"
    ) -> Node {
        var metadata = ObjectMeta(name: name)
        metadata.uid = uid ?? "uid-\(name)"
        metadata.creationTimestamp = stamp(created)
        metadata.resourceVersion = resourceVersion
        let conditions = ready.map {
            [NodeCondition(type: "Ready", status: $0, lastHeartbeatTime: stamp(created), reason: "KubeletReady")]
        }
        return Node(metadata: metadata, spec: NodeSpec(taints: taints), status: NodeStatus(conditions: conditions))
    }

    /// What the controller writes when `node` goes silent at `seconds`.
    static func unreachable(_ node: Node, at seconds: Double) -> Node {
        var result = node
        result.status.conditions = NodeHealth.markedUnknown(
            node.status.conditions ?? [], creationTimestamp: node.metadata.creationTimestamp, now: at(seconds))
        result.spec.taints = (node.spec.taints ?? []).filter { $0.key != "node.kubernetes.io/not-ready" } + [
            Taint(key: "node.kubernetes.io/unreachable", effect: "NoSchedule"),
            Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: stamp(seconds)),
        ]
        return result
    }

    static func updatedNode(_ actions: [NodeLifecycleAction]) -> Node? {
        for case .updateNode(let node) in actions { return node }
        return nil
    }
}

@Suite struct NodeLifecycleTests {
    private typealias F = Fixture

    @Test func healthyNode_withFreshLease_needsNothing() {
        var machine = NodeLifecycleStateMachine()
        #expect(machine.observe(nodes: [F.node()], leases: ["n1": F.at(0.5)], now: F.at(1)).isEmpty)
        #expect(machine.observe(nodes: [F.node()], leases: ["n1": F.at(2.5)], now: F.at(5)).isEmpty)
        #expect(machine.trackedNodes == ["n1"])
    }

    @Test func cordonedNode_isTaintedUnschedulable_andLosesItWhenUncordoned() throws {
        var machine = NodeLifecycleStateMachine()
        var cordoned = F.node(taints: [Taint(key: "dedicated", value: "x", effect: "NoSchedule")])
        cordoned.spec.unschedulable = true
        let tainted = try #require(F.updatedNode(machine.observe(nodes: [cordoned], leases: ["n1": F.at(0.5)], now: F.at(1))))
        #expect(tainted.spec.taints == [
            Taint(key: "dedicated", value: "x", effect: "NoSchedule"),
            Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule"),
        ])
        // Written: nothing more to do while it stays cordoned.
        #expect(machine.observe(nodes: [tainted], leases: ["n1": F.at(1.5)], now: F.at(2)).isEmpty)
        var uncordoned = tainted
        uncordoned.spec.unschedulable = nil
        let lifted = try #require(F.updatedNode(machine.observe(nodes: [uncordoned], leases: ["n1": F.at(2.5)], now: F.at(3))))
        #expect(lifted.spec.taints == [Taint(key: "dedicated", value: "x", effect: "NoSchedule")])
    }

    @Test func registrationTaint_isLiftedOnlyOnceReadyWithFreshLease() throws {
        var machine = NodeLifecycleStateMachine()
        let registering = F.node(ready: nil, taints: [F.registrationTaint])
        #expect(machine.observe(nodes: [registering], leases: ["n1": F.at(0.5)], now: F.at(1)).isEmpty)
        let readyNoLease = F.node(ready: "True", taints: [F.registrationTaint])
        #expect(machine.observe(nodes: [readyNoLease], leases: [:], now: F.at(1.5)).isEmpty)

        let actions = machine.observe(nodes: [readyNoLease], leases: ["n1": F.at(1.8)], now: F.at(2))
        var lifted = readyNoLease
        lifted.spec.taints = nil
        #expect(actions == [.updateNode(lifted), .nodeReadyEvent("n1")])
        // The write has landed: nothing more to do, and no second NodeReady.
        #expect(machine.observe(nodes: [lifted], leases: ["n1": F.at(2.5)], now: F.at(3)).isEmpty)
    }

    @Test func silentNode_goesUnknownAndUnreachable_once() throws {
        var machine = NodeLifecycleStateMachine()
        let node = F.node(taints: [Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")])
        #expect(machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(3)).isEmpty)  // not > 3 s

        let actions = machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(3.5))
        #expect(actions == [.updateNode(F.unreachable(node, at: 3.5)), .markPodsNotReady(node: "n1"), .nodeNotReadyEvent("n1")])
        let written = try #require(F.updatedNode(actions))
        let ready = try #require(written.status.condition("Ready"))
        #expect(ready.status == "Unknown")
        #expect(ready.reason == "NodeStatusUnknown")
        #expect(ready.message == "Kubelet stopped posting node status.")
        #expect(ready.lastTransitionTime == F.stamp(3.5))
        #expect(ready.lastHeartbeatTime == F.stamp(0))
        #expect(written.status.condition("MemoryPressure")?.reason == "NodeStatusNeverUpdated")
        #expect(written.status.condition("PIDPressure")?.message == "Kubelet never posted node status.")
        #expect(written.spec.taints?.first == Taint(key: "dedicated", value: "gpu", effect: "NoSchedule"))
        #expect(written.metadata.resourceVersion == "1")

        // The write is in flight (same object observed): not emitted again; once landed, stable.
        #expect(machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(4)).isEmpty)
        #expect(machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(4.5)).isEmpty)
        #expect(machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(5.5)).isEmpty)
    }

    @Test func updateThatNeverLands_isRetriedAfterGrace_withoutRepeatingEvents() {
        var machine = NodeLifecycleStateMachine(settings: NodeLifecycleSettings(leaveTimeout: .seconds(30)))
        let node = F.node()
        #expect(machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(3.5)).count == 3)
        #expect(machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(6.5)).isEmpty)
        #expect(machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(7)) == [.updateNode(F.unreachable(node, at: 7))])
    }

    @Test func nodeChangedByOthers_isRewrittenNextTick() {
        var machine = NodeLifecycleStateMachine()
        let node = F.node()
        _ = machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(3.5))
        // The kubelet's late status write won the race (new resourceVersion, still Ready=True).
        let late = F.node(resourceVersion: "2")
        #expect(machine.observe(nodes: [late], leases: ["n1": F.at(0)], now: F.at(4)) == [.updateNode(F.unreachable(late, at: 4))])
    }

    @Test func recoveredNode_losesTaintsWhenKubeletReportsReadyAgain() {
        var machine = NodeLifecycleStateMachine()
        let unreachable = F.unreachable(F.node(), at: 3.5)
        _ = machine.observe(nodes: [F.node()], leases: ["n1": F.at(0)], now: F.at(3.5))
        // Lease renewed but conditions still Unknown: nothing to lift yet.
        #expect(machine.observe(nodes: [unreachable], leases: ["n1": F.at(5)], now: F.at(5.2)).isEmpty)

        var reported = unreachable
        reported.status.conditions = [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")]
        var healthy = reported
        healthy.spec.taints = nil
        let actions = machine.observe(nodes: [reported], leases: ["n1": F.at(5.5)], now: F.at(5.6))
        #expect(actions == [.updateNode(healthy), .nodeReadyEvent("n1")])
        #expect(machine.observe(nodes: [healthy], leases: ["n1": F.at(6.5)], now: F.at(6.6)).isEmpty)
    }

    @Test func kubeletReportingNotReady_isTaintedNotReady() throws {
        var machine = NodeLifecycleStateMachine()
        _ = machine.observe(nodes: [F.node()], leases: ["n1": F.at(0.5)], now: F.at(1))
        let actions = machine.observe(nodes: [F.node(ready: "False")], leases: ["n1": F.at(1.5)], now: F.at(2))
        #expect(actions.dropFirst() == [.markPodsNotReady(node: "n1"), .nodeNotReadyEvent("n1")])
        let taints = try #require(F.updatedNode(actions)?.spec.taints)
        #expect(taints == [
            Taint(key: "node.kubernetes.io/not-ready", effect: "NoSchedule"),
            Taint(key: "node.kubernetes.io/not-ready", effect: "NoExecute", timeAdded: F.stamp(2)),
        ])
    }

    @Test func silentPastLeaveTimeout_isRemovedAndReaped_once() {
        var machine = NodeLifecycleStateMachine()
        let node = F.node()
        _ = machine.observe(nodes: [node], leases: ["n1": F.at(0)], now: F.at(3.5))
        let written = F.unreachable(node, at: 3.5)
        #expect(machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(6)).isEmpty)
        #expect(
            machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(6.5)) == [
                .removingNodeEvent("n1"), .removeNode(name: "n1"), .reapPods(node: "n1"),
            ])
        #expect(machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(7)).isEmpty)
        // Still there well after the request: retried, without a second event.
        #expect(
            machine.observe(nodes: [written], leases: ["n1": F.at(0)], now: F.at(10))
                == [.removeNode(name: "n1"), .reapPods(node: "n1")])
        // Gone: nothing more to reap, forgotten.
        #expect(machine.observe(nodes: [], leases: ["n1": F.at(0)], now: F.at(10.5)).isEmpty)
        #expect(machine.trackedNodes.isEmpty)
    }

    @Test func nodeDeletedElsewhere_hasItsPodsReaped() {
        var machine = NodeLifecycleStateMachine()
        _ = machine.observe(nodes: [F.node("n1"), F.node("n2")], leases: ["n1": F.at(0.5), "n2": F.at(0.5)], now: F.at(1))
        #expect(machine.observe(nodes: [F.node("n2")], leases: ["n2": F.at(1.5)], now: F.at(2)) == [.reapPods(node: "n1")])
        #expect(machine.observe(nodes: [F.node("n2")], leases: ["n2": F.at(2.5)], now: F.at(3)).isEmpty)
    }

    @Test func neverHeartbeatingNode_getsStartupGraceFromLaterOfCreationAndFirstSight() {
        var machine = NodeLifecycleStateMachine()
        let node = F.node(ready: nil)
        #expect(machine.observe(nodes: [node], leases: [:], now: F.at(1)).isEmpty)  // first seen at 1
        #expect(machine.observe(nodes: [node], leases: [:], now: F.at(6.5)).isEmpty)  // 5.5 s since first sight
        let actions = machine.observe(nodes: [node], leases: [:], now: F.at(7.5))
        #expect(actions == [.updateNode(F.unreachable(node, at: 7.5))])  // never Ready: no NodeNotReady
        // Removal after startup grace + (leave - monitor) = 9 s of silence.
        #expect(machine.observe(nodes: [F.unreachable(node, at: 7.5)], leases: [:], now: F.at(9.9)).isEmpty)
        #expect(machine.observe(nodes: [F.unreachable(node, at: 7.5)], leases: [:], now: F.at(10.1)).count == 3)
    }

    @Test func neverHeartbeatingNode_seenAtCreation_usesCreationTimestamp() {
        var machine = NodeLifecycleStateMachine()
        let node = F.node(created: 10)
        #expect(machine.observe(nodes: [node], leases: [:], now: F.at(10)).isEmpty)
        #expect(machine.observe(nodes: [node], leases: [:], now: F.at(16)).isEmpty)
        #expect(machine.observe(nodes: [node], leases: [:], now: F.at(16.5)).count == 3)
    }

    @Test func leaseOlderThanNode_belongsToPreviousIncarnation() {
        var machine = NodeLifecycleStateMachine()
        let reRegistered = F.node(uid: "uid-2", created: 20)
        #expect(machine.observe(nodes: [reRegistered], leases: ["n1": F.at(0)], now: F.at(20.5)).isEmpty)
    }

    @Test func reRegisteredNode_isTrackedAsNewIncarnation() {
        var machine = NodeLifecycleStateMachine()
        _ = machine.observe(nodes: [F.node()], leases: ["n1": F.at(0)], now: F.at(6.5))  // removal requested
        let again = F.node(uid: "uid-2", taints: [F.registrationTaint], created: 7)
        var lifted = again
        lifted.spec.taints = nil
        #expect(
            machine.observe(nodes: [again], leases: ["n1": F.at(7.5)], now: F.at(8))
                == [.updateNode(lifted), .nodeReadyEvent("n1")])
    }

    @Test func restartedController_seeingUnknownNode_marksPodsWithoutNewEvent() {
        var machine = NodeLifecycleStateMachine()
        let alreadyUnknown = F.unreachable(F.node(), at: 3.5)
        #expect(machine.observe(nodes: [alreadyUnknown], leases: [:], now: F.at(100)) == [.markPodsNotReady(node: "n1")])
        #expect(machine.observe(nodes: [alreadyUnknown], leases: [:], now: F.at(101)).isEmpty)
    }

    @Test func restartedController_givesReadyNodesStartupGrace() {
        var machine = NodeLifecycleStateMachine()
        #expect(machine.observe(nodes: [F.node()], leases: [:], now: F.at(100)).isEmpty)
        #expect(machine.observe(nodes: [F.node()], leases: ["n1": F.at(100.5)], now: F.at(101)).isEmpty)
    }

    @Test func duplicateAndNamelessNodes_areIgnored() {
        var machine = NodeLifecycleStateMachine()
        var nameless = F.node()
        nameless.metadata.name = nil
        let actions = machine.observe(nodes: [F.node(), F.node(), nameless], leases: ["n1": F.at(0)], now: F.at(3.5))
        #expect(actions.count == 3)
        #expect(machine.trackedNodes == ["n1"])
    }

    @Test func podIsOnGoneNode_onlyForPodsBoundToMissingNodes() {
        func pod(on node: String?) -> Pod { Pod(spec: PodSpec(containers: [], nodeName: node)) }
        let nodes: Set<String> = ["n1"]
        #expect(NodeLifecycleStateMachine.podIsOnGoneNode(pod(on: "n2"), nodes: nodes))
        #expect(!NodeLifecycleStateMachine.podIsOnGoneNode(pod(on: "n1"), nodes: nodes))
        #expect(!NodeLifecycleStateMachine.podIsOnGoneNode(pod(on: nil), nodes: nodes))
        #expect(!NodeLifecycleStateMachine.podIsOnGoneNode(pod(on: ""), nodes: nodes))
    }
}
