import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct DaemonSetStatusTests: DaemonSetTestFixtures {
    @Test func mixedNodes_everyCountAsKubernetesComputesIt() throws {
        let v1 = makeDaemonSet(minReadySeconds: 30)
        let ds = makeDaemonSet(image: "busybox:1.37", strategy: DaemonSetUpdateStrategy(type: "OnDelete"),
                               minReadySeconds: 30, generation: 2)
        let nodes = ["available", "warmingUp", "pending", "empty"].map { makeNode($0) }
            + [makeNode("tainted", taints: [Taint(key: "dedicated", effect: "NoSchedule")])]
        let pods = [
            makePod("p1", on: "available", of: ds, readyFor: 60),
            makePod("p2", on: "warmingUp", of: ds, readyFor: 10),
            makePod("p3", on: "pending", of: v1, hash: hash(of: v1), phase: "Pending", readyFor: nil),
            makePod("p4", on: "tainted", of: ds),
        ]
        let revisions = [makeRevision(of: v1, number: 1), makeRevision(of: ds, number: 2)]
        let actions = sync(ds, nodes: nodes, pods: pods, revisions: revisions)
        let status = try #require(statusUpdate(actions))
        #expect(status.desiredNumberScheduled == 4)
        #expect(status.currentNumberScheduled == 3)
        #expect(status.numberMisscheduled == 1)
        #expect(status.numberReady == 2)
        #expect(status.numberAvailable == 1)
        #expect(status.numberUnavailable == 3)
        #expect(status.updatedNumberScheduled == 2)
        #expect(status.observedGeneration == 2)
        #expect(createdNodes(actions) == ["empty"])
        #expect(requeues(actions) == [.seconds(30)], "ready != available with minReadySeconds")
    }

    @Test func availability_isStrictlyAfterMinReadySeconds() {
        let ds = makeDaemonSet(minReadySeconds: 30)
        let exactly = makePod("a", on: "n1", of: ds, readyFor: 30)
        #expect(!exactly.isAvailable(minReadySeconds: 30, now: now))
        #expect(exactly.isAvailable(minReadySeconds: 29, now: now))
        #expect(exactly.isAvailable(minReadySeconds: 0, now: now))
        #expect(!makePod("b", on: "n1", of: ds, readyFor: nil).isAvailable(minReadySeconds: 0, now: now))
    }

    @Test func onlyTheOldestPodOnANodeCounts() throws {
        let ds = makeDaemonSet()
        let pods = [
            makePod("old", on: "n1", of: ds, readyFor: nil, age: 500),
            makePod("young", on: "n1", of: ds, readyFor: 100, age: 200),
        ]
        let status = try #require(statusUpdate(sync(ds, nodes: [makeNode("n1")], pods: pods)))
        #expect(status.currentNumberScheduled == 1)
        #expect(status.numberReady == 0)
    }

    @Test func unchangedStatus_isNotWritten_butANewGenerationIs() {
        var ds = makeDaemonSet()
        let pods = [makePod("a", on: "n1", of: ds)]
        ds.status.desiredNumberScheduled = 1
        ds.status.currentNumberScheduled = 1
        ds.status.numberReady = 1
        ds.status.numberAvailable = 1
        ds.status.numberUnavailable = 0
        ds.status.updatedNumberScheduled = 1
        #expect(sync(ds, nodes: [makeNode("n1")], pods: pods).isEmpty)

        ds.metadata.generation = 2
        #expect(statusUpdate(sync(ds, nodes: [makeNode("n1")], pods: pods))?.observedGeneration == 2)
    }

    @Test func statusUpdate_keepsCollisionCountAndConditions() {
        var ds = makeDaemonSet()
        ds.status.collisionCount = 2
        ds.status.conditions = [DaemonSetCondition(type: "Custom", status: "True")]
        var revision = makeRevision(of: ds, number: 1)
        let hash = DaemonSetRevisionHash.hash(patch: DaemonSetHistory.patch(for: ds.spec.template), collisionCount: 2)
        revision.metadata.name = "ds-\(hash)"
        revision.metadata.labels?["controller-revision-hash"] = hash
        let status = statusUpdate(sync(ds, nodes: [makeNode("n1")], revisions: [revision]))
        #expect(status?.collisionCount == 2)
        #expect(status?.conditions?.first?.type == "Custom")
        #expect(status?.desiredNumberScheduled == 1)
    }

    @Test func zeroCounts_areOmittedAsApps_v1_omitempty_butTheRequiredOnesStay() throws {
        let ds = makeDaemonSet()
        let pending = makePod("p", on: "n1", of: ds, phase: "Pending", readyFor: nil)
        let status = try #require(statusUpdate(sync(ds, nodes: [makeNode("n1")], pods: [pending])))
        #expect(status.numberAvailable == nil)
        #expect(status.numberUnavailable == 1)
        let json = try JSONValue(encoding: status)
        for required in ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"] {
            #expect(json[required] != nil, "\(required) is always written")
        }
        #expect(json["numberMisscheduled"]?.intValue == 0)
        #expect(json["numberReady"]?.intValue == 0)
        #expect(json["numberAvailable"] == nil)

        let running = makePod("p", on: "n1", of: ds, readyFor: 60)
        let covered = try #require(statusUpdate(sync(ds, nodes: [makeNode("n1")], pods: [running])))
        let encoded = try JSONValue(encoding: covered)
        #expect(encoded["numberUnavailable"] == nil, "numberUnavailable: 0 is left out")
        #expect(encoded["numberAvailable"]?.intValue == 1)
        #expect(encoded["updatedNumberScheduled"]?.intValue == 1)
    }
}
