import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``EndpointSliceReconciler``: the slices a Service should have, and the writes that get there. Pure.
@Suite struct EndpointSliceReconcilerTests {
    static func service(
        selector: [String: String]? = ["app": "redis"],
        ports: [ServicePort] = [ServicePort(name: "db", port: 6379, targetPort: .string("redis"))],
        clusterIP: String = "10.96.0.20", publishNotReady: Bool? = nil
    ) -> ServiceObject {
        var service = ServiceObject(
            metadata: ObjectMeta(name: "redis", namespace: "default", labels: ["tier": "backend"]),
            spec: ServiceSpec(type: "ClusterIP", selector: selector, ports: ports, clusterIP: clusterIP))
        service.metadata.uid = "svc-uid"
        service.spec.publishNotReadyAddresses = publishNotReady
        return service
    }

    /// A Running pod `10.244.1.<ip>` on n1 labelled `app=redis`, its container port `redis` being `port`.
    static func pod(
        _ name: String, ip: Int?, ready: Bool = true, port: Int32 = 6379, deleting: Bool = false,
        labels: [String: String] = ["app": "redis"]
    ) -> Pod {
        var meta = ObjectMeta(name: name, namespace: "default", labels: labels)
        meta.uid = "uid-\(name)"
        if deleting { meta.deletionTimestamp = "2026-01-01T00:00:00Z" }
        var spec = PodSpec(containers: [Container(
            name: "redis", image: "redis", ports: [ContainerPort(name: "redis", containerPort: port, protocol: "TCP")])])
        spec.nodeName = "n1"
        var status = PodStatus(phase: "Running", conditions: [PodCondition(type: "Ready", status: ready ? "True" : "False")])
        status.podIP = ip.map { "10.244.1.\($0)" }
        return Pod(metadata: meta, spec: spec, status: status)
    }

    @Test func oneSliceOwnedByTheService_withEachSelectedPodAsAnEndpoint() throws {
        let pods = [
            Self.pod("redis-b", ip: 6, ready: false), Self.pod("redis-a", ip: 5),
            Self.pod("redis-gone", ip: 7, deleting: true), Self.pod("redis-noip", ip: nil),
            Self.pod("other", ip: 9, labels: ["app": "web"]),
        ]
        let slices = try #require(EndpointSliceReconciler.desired(service: Self.service(), pods: pods))
        #expect(slices.count == 1)
        let slice = try #require(slices.first)
        #expect(slice.metadata.generateName == "redis-" && slice.metadata.name == nil)
        #expect(slice.addressType == "IPv4")
        #expect(slice.labels == [
            "tier": "backend", "kubernetes.io/service-name": "redis",
            "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
        ])
        #expect(slice.metadata.ownerReferences == [OwnerReference(
            apiVersion: "v1", kind: "Service", name: "redis", uid: "svc-uid", controller: true, blockOwnerDeletion: true)])
        #expect(slice.ports == [SlicePort(name: "db", port: 6379, protocol: "TCP")])
        let endpoints = slice.endpoints ?? []
        #expect(endpoints.map(\.addresses) == [["10.244.1.5"], ["10.244.1.6"], ["10.244.1.7"]])
        #expect(endpoints.map(\.conditions) == [
            EndpointConditions(ready: true, serving: true, terminating: false),
            EndpointConditions(ready: false, serving: false, terminating: false),
            EndpointConditions(ready: false, serving: true, terminating: true),
        ])
        #expect(endpoints[0].nodeName == "n1")
        #expect(endpoints[0].targetRef == ObjectReference(kind: "Pod", namespace: "default", name: "redis-a", uid: "uid-redis-a"))
    }

    @Test func publishNotReadyAddresses_makesEveryEndpointReady() throws {
        let pods = [Self.pod("a", ip: 5, ready: false), Self.pod("b", ip: 6, deleting: true)]
        let slice = try #require(EndpointSliceReconciler.desired(service: Self.service(publishNotReady: true), pods: pods)?.first)
        #expect((slice.endpoints ?? []).map { $0.conditions?.ready } == [true, true])
    }

    @Test func podsResolvingANamedPortDifferently_getSeparateSlices() throws {
        let pods = [Self.pod("a", ip: 5, port: 6379), Self.pod("b", ip: 6, port: 7000), Self.pod("c", ip: 7, port: 6379)]
        let slices = try #require(EndpointSliceReconciler.desired(service: Self.service(), pods: pods))
        #expect(slices.map { $0.ports?.first?.port } == [6379, 7000])
        #expect(slices.map { ($0.endpoints ?? []).flatMap(\.addresses) } == [["10.244.1.5", "10.244.1.7"], ["10.244.1.6"]])
    }

    @Test func noEndpoints_leavesOneEmptySlice_andNoSelectorNone() throws {
        let slices = try #require(EndpointSliceReconciler.desired(service: Self.service(), pods: []))
        #expect(slices.count == 1 && slices[0].endpoints == nil && slices[0].ports == nil)
        #expect(EndpointSliceReconciler.desired(service: Self.service(selector: nil), pods: []) == nil)
        let headless = try #require(EndpointSliceReconciler.desired(service: Self.service(clusterIP: "None"), pods: [])?.first)
        #expect(headless.labels["service.kubernetes.io/headless"] == "")
    }

    /// A stored slice as the API server returns it: named, defaults applied.
    static func stored(_ slice: EndpointSlice, name: String) -> EndpointSlice {
        var slice = slice
        slice.metadata.name = name
        slice.metadata.generateName = "redis-"
        slice.metadata.resourceVersion = "7"
        slice.applyDefaults()
        return slice
    }

    @Test func actions_createThenNothingThenUpdateThenDeleteLeftovers() throws {
        let service = Self.service()
        let first = try #require(EndpointSliceReconciler.desired(service: service, pods: [Self.pod("a", ip: 5)]))
        #expect(EndpointSliceReconciler.actions(current: [], desired: first) == [.create(first[0])])

        let stored = Self.stored(first[0], name: "redis-x7k2p")
        #expect(EndpointSliceReconciler.actions(current: [stored], desired: first) == [])

        let second = try #require(EndpointSliceReconciler.desired(
            service: service, pods: [Self.pod("a", ip: 5), Self.pod("b", ip: 6)]))
        let actions = EndpointSliceReconciler.actions(current: [stored], desired: second)
        guard case .update(let updated)? = actions.first, actions.count == 1 else {
            Issue.record("expected one update, got \(actions)")
            return
        }
        #expect(updated.name == "redis-x7k2p" && updated.metadata.resourceVersion == "7")
        #expect((updated.endpoints ?? []).flatMap(\.addresses) == ["10.244.1.5", "10.244.1.6"])

        let extra = Self.stored(first[0], name: "redis-zzzzz")
        #expect(EndpointSliceReconciler.actions(current: [stored, extra], desired: first)
            == [.delete(namespace: "default", name: "redis-zzzzz")])
        #expect(EndpointSliceReconciler.actions(current: [stored], desired: nil) == [])
    }

    @Test func apiServerSlice_isNamedKubernetes_andUpdatedInPlace() {
        let slice = EndpointSliceReconciler.apiServerSlice(host: "127.0.0.1", port: 6443)
        #expect(slice.name == "kubernetes" && slice.labels == ["kubernetes.io/service-name": "kubernetes"])
        #expect(slice.endpoints == [SliceEndpoint(addresses: ["127.0.0.1"], conditions: EndpointConditions(ready: true))])
        #expect(EndpointSliceReconciler.actions(current: [], desired: [slice]) == [.create(slice)])
        var moved = EndpointSliceReconciler.apiServerSlice(host: "127.0.0.1", port: 7443)
        #expect(EndpointSliceReconciler.actions(current: [slice], desired: [moved]).count == 1)
        moved.metadata.resourceVersion = "3"
        #expect(EndpointSliceReconciler.actions(current: [moved], desired: [moved]) == [])
    }
}
