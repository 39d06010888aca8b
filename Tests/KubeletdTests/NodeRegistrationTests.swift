import Foundation
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

    @Test func outbox_keepsOnlyTheNewestStatus_andNothingIsLostOnRequeue() async {
        let outbox = StatusOutbox()
        outbox.post("default/a", PodStatus(phase: "Pending"))
        outbox.post("default/a", PodStatus(phase: "Running"))
        outbox.postTerminated("default/b")
        let first = await outbox.drain()
        #expect(first.statuses == ["default/a": PodStatus(phase: "Running")])
        #expect(first.terminated == ["default/b"])
        outbox.post("default/a", PodStatus(phase: "Succeeded"))
        outbox.requeue(statuses: first.statuses, terminated: first.terminated)
        let second = await outbox.drain()
        #expect(second.statuses == ["default/a": PodStatus(phase: "Succeeded")])
        #expect(second.terminated == ["default/b"])
    }
}
