import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct ObjectFilterTests {
    func pod(_ name: String, labels: [String: JSONValue], node: String = "") -> JSONValue {
        ["metadata": ["name": .string(name), "namespace": "default", "labels": .object(labels)],
         "spec": ["nodeName": .string(node)]]
    }

    func event(_ type: WatchEventType, _ object: JSONValue) -> StoreEvent {
        StoreEvent(type: type, key: ObjectKey(kind: "Pod", namespace: "default",
                                              name: object[path: ["metadata", "name"]]?.stringValue ?? ""),
                   object: object, resourceVersion: 1)
    }

    @Test func labelAndFieldSelectors_bothApply() throws {
        var request = Request(verb: .list, kind: "Pod")
        request.labelSelector = "app=web,tier notin (db)"
        request.fieldSelector = "spec.nodeName=n1"
        let filter = try ObjectFilter(request: request)
        #expect(filter.matches(pod("a", labels: ["app": "web"], node: "n1")))
        #expect(!filter.matches(pod("b", labels: ["app": "web"], node: "n2")))
        #expect(!filter.matches(pod("c", labels: ["app": "web", "tier": "db"], node: "n1")))
    }

    @Test func events_selectByTheirInvolvedObject_asKubectlDescribeAsks_butOtherKindsDoNot() throws {
        var request = Request(verb: .list, kind: "Event")
        request.fieldSelector =
            "involvedObject.name=web,involvedObject.namespace=default,involvedObject.kind=Pod,involvedObject.uid=u1,type!=Warning"
        let filter = try ObjectFilter(request: request)
        let event: JSONValue = [
            "kind": "Event", "metadata": ["name": "web.1", "namespace": "default"], "type": "Normal",
            "involvedObject": ["kind": "Pod", "namespace": "default", "name": "web", "uid": "u1"],
            "source": ["component": "kubelet"],
        ]
        #expect(filter.matches(event))
        var other = event
        other[path: ["involvedObject", "uid"]] = "u2"
        #expect(!filter.matches(other))
        var bySource = Request(verb: .list, kind: "events")
        bySource.fieldSelector = "source=kubelet"
        #expect(try ObjectFilter(request: bySource).matches(event))
        var onPods = Request(verb: .list, kind: "Pod")
        onPods.fieldSelector = "involvedObject.name=web"
        #expect(throws: Status.self) { try ObjectFilter(request: onPods) }
    }

    @Test func badSelector_isABadRequest() {
        var request = Request(verb: .list, kind: "Pod")
        request.labelSelector = "app in ("
        #expect(throws: Status.self) { try ObjectFilter(request: request) }
    }

    @Test func objectsLeavingTheSelection_areDeletedForTheWatcher() throws {
        var request = Request(verb: .watch, kind: "Pod")
        request.labelSelector = "app=web"
        let filter = try ObjectFilter(request: request)
        var visible = Set<String>()
        #expect(filter.translate(event(.added, pod("a", labels: ["app": "web"])), visible: &visible)?.type == .added)
        #expect(filter.translate(event(.modified, pod("a", labels: ["app": "web"])), visible: &visible)?.type
            == .modified)
        #expect(filter.translate(event(.modified, pod("a", labels: ["app": "db"])), visible: &visible)?.type
            == .deleted)
        #expect(filter.translate(event(.modified, pod("a", labels: ["app": "db"])), visible: &visible) == nil)
        #expect(visible.isEmpty)
    }
}
