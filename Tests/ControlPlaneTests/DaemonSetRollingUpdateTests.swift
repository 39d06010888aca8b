import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct DaemonSetRollingUpdateTests: DaemonSetTestFixtures {
    let v1 = DaemonSetRollingUpdateTests.version(1)
    let nodes = ["n1", "n2", "n3"]

    static func version(
        _ number: Int, maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil, type: String? = nil
    ) -> DaemonSet {
        struct Factory: DaemonSetTestFixtures {}
        let strategy = DaemonSetUpdateStrategy(
            type: type, rollingUpdate: type == "OnDelete" ? nil
                : RollingUpdateDaemonSet(maxUnavailable: maxUnavailable, maxSurge: maxSurge))
        return Factory().makeDaemonSet(image: "busybox:1.\(number)", strategy: strategy, generation: Int64(number))
    }

    /// Revisions 1 (v1) and 2 (`current`).
    func history(_ current: DaemonSet) -> [ControllerRevision] {
        [makeRevision(of: v1, number: 1), makeRevision(of: current, number: 2)]
    }

    func oldPods(on nodes: [String], readyFor: Int? = 3600) -> [Pod] {
        nodes.map { makePod("old-\($0)", on: $0, of: v1, readyFor: readyFor) }
    }

    @Test func budgets_roundPercentUp_andBothZeroMeansOne() {
        #expect(IntOrString.scaledValue(.string("10%"), total: 3, roundUp: true) == 1)
        #expect(IntOrString.scaledValue(.string("50%"), total: 3, roundUp: true) == 2)
        #expect(IntOrString.scaledValue(.int(2), total: 3, roundUp: true) == 2)
        #expect(IntOrString.scaledValue(nil, total: 3, roundUp: true) == 0)
        let zero = Self.version(2, maxUnavailable: .int(0), maxSurge: .int(0))
        let actions = sync(zero, nodes: nodes.map { makeNode($0) }, pods: oldPods(on: nodes), revisions: history(zero))
        #expect(deletedPods(actions).count == 1)
    }

    @Test func maxUnavailableOne_walksOneNodeAtATime() {
        let v2 = Self.version(2, maxUnavailable: .int(1))
        let nodeList = nodes.map { makeNode($0) }
        // All old and available: exactly one is deleted.
        let start = sync(v2, nodes: nodeList, pods: oldPods(on: nodes), revisions: history(v2))
        #expect(deletedPods(start) == ["old-n1"])
        #expect(createdPods(start).isEmpty)

        // While it terminates: nothing more.
        var pods = oldPods(on: nodes)
        pods[0].metadata.deletionTimestamp = Timestamp.format(now)
        let terminating = sync(v2, nodes: nodeList, pods: pods, revisions: history(v2))
        #expect(deletedPods(terminating).isEmpty)
        #expect(createdPods(terminating).isEmpty)

        // Once gone: the replacement, with the new hash; no deletion in the same sync.
        pods.removeFirst()
        let gone = sync(v2, nodes: nodeList, pods: pods, revisions: history(v2))
        #expect(createdNodes(gone) == ["n1"])
        #expect(createdPods(gone).first?.labels["controller-revision-hash"] == hash(of: v2))
        #expect(deletedPods(gone).isEmpty)

        // New pod not available yet: wait.
        let fresh = makePod("new-n1", on: "n1", of: v2, readyFor: nil, age: 1)
        #expect(deletedPods(sync(v2, nodes: nodeList, pods: [fresh] + pods, revisions: history(v2))).isEmpty)

        // New pod available: the next old pod goes.
        let ready = makePod("new-n1", on: "n1", of: v2, readyFor: 5, age: 10)
        #expect(deletedPods(sync(v2, nodes: nodeList, pods: [ready] + pods, revisions: history(v2))) == ["old-n2"])
    }

    @Test func unavailableOldPods_areDeletedAtOnce_regardlessOfBudget() {
        let v2 = Self.version(2, maxUnavailable: .int(1))
        let pods = oldPods(on: ["n1", "n2"], readyFor: nil) + oldPods(on: ["n3"])
        let actions = sync(v2, nodes: nodes.map { makeNode($0) }, pods: pods, revisions: history(v2))
        #expect(deletedPods(actions) == ["old-n1", "old-n2"])
    }

    @Test func percentBudget_deletesSeveral() {
        let v2 = Self.version(2, maxUnavailable: .string("50%"))
        let actions = sync(v2, nodes: nodes.map { makeNode($0) }, pods: oldPods(on: nodes), revisions: history(v2))
        #expect(deletedPods(actions) == ["old-n1", "old-n2"])
    }

    @Test func surge_createsNewPodBeforeDeletingOld() {
        let v2 = Self.version(2, maxUnavailable: .int(0), maxSurge: .int(1))
        let nodeList = nodes.map { makeNode($0) }
        let start = sync(v2, nodes: nodeList, pods: oldPods(on: nodes), revisions: history(v2))
        #expect(createdNodes(start) == ["n1"])
        #expect(deletedPods(start).isEmpty)

        // New pod on n1 not yet available: the surge budget is used up.
        let warming = makePod("new-n1", on: "n1", of: v2, readyFor: nil, age: 1)
        let waiting = sync(v2, nodes: nodeList, pods: oldPods(on: nodes) + [warming], revisions: history(v2))
        #expect(createdPods(waiting).isEmpty)
        #expect(deletedPods(waiting).isEmpty)

        // New pod available: the old one beside it goes.
        let ready = makePod("new-n1", on: "n1", of: v2, readyFor: 5, age: 10)
        let swap = sync(v2, nodes: nodeList, pods: oldPods(on: nodes) + [ready], revisions: history(v2))
        #expect(deletedPods(swap) == ["old-n1"])
        #expect(createdPods(swap).isEmpty)
    }

    @Test func surge_unavailableOldPodGetsANewPodBeyondTheBudget() {
        let v2 = Self.version(2, maxUnavailable: .int(0), maxSurge: .int(1))
        let pods = oldPods(on: ["n1", "n2"], readyFor: nil) + oldPods(on: ["n3"])
        let actions = sync(v2, nodes: nodes.map { makeNode($0) }, pods: pods, revisions: history(v2))
        #expect(createdNodes(actions) == ["n1", "n2", "n3"])
        #expect(deletedPods(actions).isEmpty)
    }

    @Test func surge_terminatingPodDoesNotBlockTheNewPod() {
        let v2 = Self.version(2, maxUnavailable: .int(0), maxSurge: .int(1))
        var pods = oldPods(on: ["n1"])
        pods[0].metadata.deletionTimestamp = Timestamp.format(now)
        #expect(createdNodes(sync(v2, nodes: [makeNode("n1")], pods: pods, revisions: history(v2))) == ["n1"])
    }

    @Test func onDelete_neverDeletesForATemplateChange() throws {
        let v2 = Self.version(2, type: "OnDelete")
        let nodeList = nodes.map { makeNode($0) } + [makeNode("n4")]
        let actions = sync(v2, nodes: nodeList, pods: oldPods(on: nodes), revisions: history(v2))
        #expect(deletedPods(actions).isEmpty)
        #expect(createdNodes(actions) == ["n4"])
        #expect(createdPods(actions).first?.labels["controller-revision-hash"] == hash(of: v2))
        #expect(try #require(statusUpdate(actions)).updatedNumberScheduled == nil, "zero is omitted")
    }

    @Test func rollingUpdate_waitsWhileThePerNodePassWrites() {
        let v2 = Self.version(2, maxUnavailable: .int(3))
        let nodeList = nodes.map { makeNode($0) } + [makeNode("n4")]
        let actions = sync(v2, nodes: nodeList, pods: oldPods(on: nodes), revisions: history(v2))
        #expect(createdNodes(actions) == ["n4"])
        #expect(deletedPods(actions).isEmpty)
    }
}
