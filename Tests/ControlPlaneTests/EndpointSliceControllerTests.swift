import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``EndpointsController``'s EndpointSlices, driven against a real API server (``ControllerHarness``): a slice with a
/// generated name that follows the pods a Service selects, removed with the Service by the garbage collector.
@Suite struct EndpointSliceControllerTests {
    let harness: ControllerHarness
    let controller: EndpointsController

    init() throws {
        harness = try ControllerHarness()
        controller = EndpointsController(client: harness.client, recorder: harness.recorder("endpoint-controller"))
    }

    func slices() async throws -> [EndpointSlice] {
        try await harness.list(EndpointSlice.self, namespace: "default").filter {
            $0.labels[EndpointSlice.serviceNameLabel] == "web"
        }
    }

    @Test func aSliceFollowsTheSelectedPods_andGoesWithItsService() async throws {
        try await harness.addNode("node-a")
        var service = ServiceObject(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(name: "http", port: 80, targetPort: .int(8080))]))
        service.spec.type = "ClusterIP"
        let created = try await harness.client.create(service, namespace: "default")
        try await harness.addPod("web-1", labels: ["app": "web"], node: "node-a")
        try await harness.setPodRunning("web-1", ready: true, ip: "10.244.1.5")

        try await harness.run(controller)
        var slice = try #require(try await slices().first)
        #expect(try await slices().count == 1)
        #expect(slice.name.hasPrefix("web-") && slice.name.count == "web-".count + 5)
        #expect(slice.labels[EndpointSlice.managedByLabel] == "endpointslice-controller.k8s.io")
        #expect(slice.metadata.ownerReferences?.first?.uid == created.metadata.uid)
        #expect(slice.ports == [SlicePort(name: "http", port: 8080, protocol: "TCP")])
        #expect(slice.endpoints?.map(\.addresses) == [["10.244.1.5"]])
        #expect(slice.endpoints?.first?.nodeName == "node-a")
        #expect(slice.endpoints?.first?.targetRef?.name == "web-1")

        // A second pod, not ready: the same slice lists it, not ready.
        try await harness.run(controller, after: {
            try await harness.addPod("web-2", labels: ["app": "web"], node: "node-a")
            try await harness.setPodRunning("web-2", ready: false, ip: "10.244.1.6")
        })
        let name = slice.name
        let afterSecondPod = try await slices()
        slice = try #require(afterSecondPod.first)
        #expect(slice.name == name && afterSecondPod.count == 1)
        #expect(slice.endpoints?.map { $0.conditions?.ready } == [true, false])

        // A second run writes nothing.
        let version = slice.metadata.resourceVersion
        try await harness.run(controller)
        #expect(try await slices().first?.metadata.resourceVersion == version)

        // The Service goes: the garbage collector deletes its slice.
        try await harness.client.delete(.service, namespace: "default", name: "web")
        try await harness.run(GarbageCollectorController(client: harness.client))
        #expect(try await slices().isEmpty)
    }
}
