import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite struct NodeRegistrationTests {
    @Test func node_hasStandardLabels_givenTaints_addressAndHealthyConditions() {
        let facts = NodeRegistration.Facts(
            nodeName: "n1", internalIP: "127.0.1.1", labels: ["disk": "ssd"],
            taints: [Taint(key: "dedicated", value: "db", effect: "NoSchedule")], bootID: "b-1")
        let node = NodeRegistration.makeNode(facts, now: Date(timeIntervalSince1970: 0))
        #expect(node.metadata.labels?["kubernetes.io/hostname"] == "n1")
        #expect(node.metadata.labels?["disk"] == "ssd")
        #expect(node.spec.taints == [Taint(key: "dedicated", value: "db", effect: "NoSchedule")])
        #expect(node.status.addresses?.first == NodeAddress(type: "InternalIP", address: "127.0.1.1"))
        #expect(node.status.condition("Ready")?.reason == "KubeletReady")
        #expect(NodeRegistration.conditionsAreHealthy(node))
        var marked = node
        marked.status.conditions = marked.status.conditions?.map { condition in
            var condition = condition
            if condition.type == "Ready" { condition.status = "Unknown"; condition.reason = "NodeStatusUnknown" }
            return condition
        }
        #expect(!NodeRegistration.conditionsAreHealthy(marked))
    }

    @Test func labelsFlag_parsesAndValidates() throws {
        #expect(try NodeRegistration.parseLabels("a=b,example.com/c=") == ["a": "b", "example.com/c": ""])
        #expect(throws: RegistrationError.self) { try NodeRegistration.parseLabels("novalue") }
        #expect(throws: RegistrationError.self) { try NodeRegistration.parseLabels("bad key=v") }
    }

    @Test func taintsFlag_parsesKubeletSyntax() throws {
        #expect(try NodeRegistration.parseTaints("k=v:NoSchedule,gpu:NoExecute") == [
            Taint(key: "k", value: "v", effect: "NoSchedule"), Taint(key: "gpu", effect: "NoExecute"),
        ])
        #expect(throws: RegistrationError.self) { try NodeRegistration.parseTaints("k=v:Sometimes") }
        #expect(throws: RegistrationError.self) { try NodeRegistration.parseTaints("k=v") }
    }

    @Test func reconnectBackoff_doublesToTwoSeconds_andResets() {
        var backoff = ReconnectBackoff()
        let delays = (0..<7).map { _ in backoff.next() }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                           .milliseconds(1600), .seconds(2), .seconds(2)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(100))
    }

    @Test func outbox_keepsEveryStatusInOrder_andNothingIsLostOnRequeue() async {
        let outbox = StatusOutbox()
        outbox.post("default/a", PodStatus(phase: "Pending"))
        outbox.post("default/a", PodStatus(phase: "Running"))
        outbox.postTerminated("default/b")
        let first = await outbox.drain()
        #expect(first.statuses.map(\.key) == ["default/a"])
        #expect(first.statuses.first?.statuses == [PodStatus(phase: "Pending"), PodStatus(phase: "Running")])
        #expect(first.terminated == ["default/b"])
        outbox.post("default/a", PodStatus(phase: "Succeeded"))
        outbox.requeue(first)
        let second = await outbox.drain()
        #expect(
            second.statuses.first?.statuses
                == [PodStatus(phase: "Pending"), PodStatus(phase: "Running"), PodStatus(phase: "Succeeded")],
            "the unsent statuses go back ahead of the newer one")
        #expect(second.terminated == ["default/b"])
    }

    @Test func outbox_boundsStatusesPerPod_andEvents_droppingTheOldest() async {
        let outbox = StatusOutbox()
        for index in 0..<(StatusOutbox.maxStatusesPerPod + 3) {
            outbox.post("default/a", PodStatus(phase: "P\(index)"))
        }
        let identity = PodIdentity(namespace: "default", name: "a", uid: "u")
        for index in 0..<(StatusOutbox.maxEvents + 2) {
            outbox.postEvent(PodEventRecord(
                pod: identity, fieldPath: "spec.containers{c}",
                event: ContainerEvent(type: "Normal", reason: "R", message: "m\(index)"), time: Fixture.t0))
        }
        let batch = await outbox.drain()
        let phases = batch.statuses.first?.statuses.map { $0.phase ?? "" } ?? []
        #expect(phases.count == StatusOutbox.maxStatusesPerPod)
        #expect(phases.last == "P\(StatusOutbox.maxStatusesPerPod + 2)")
        #expect(batch.events.count == StatusOutbox.maxEvents)
        #expect(batch.events.first?.event.message == "m2")
    }
}
