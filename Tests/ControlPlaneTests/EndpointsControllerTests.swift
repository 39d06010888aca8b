import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``EndpointsController`` driven against a real API server (``ControllerHarness``): Endpoints that follow the
/// Ready pods a Service selects.
@Suite struct EndpointsControllerTests {
    let harness: ControllerHarness
    let controller: EndpointsController

    init() throws {
        harness = try ControllerHarness()
        controller = EndpointsController(client: harness.client, recorder: harness.recorder("endpoint-controller"))
    }

    /// Service `web` selecting `app=web`, port 80 to 8080.
    func addService() async throws {
        var service = ServiceObject(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(name: "http", port: 80, targetPort: .int(8080))]))
        service.spec.type = "ClusterIP"
        try await harness.client.create(service, namespace: "default")
    }

    /// A pod on node-a labelled `app`, Running with `ip`, Ready or not.
    func addPod(_ name: String, app: String = "web", ip: String, ready: Bool) async throws {
        try await harness.addPod(name, labels: ["app": app], node: "node-a")
        try await harness.setPodRunning(name, ready: ready, ip: ip)
    }

    func endpoints() async throws -> (ready: [String], notReady: [String], ports: [Int32])? {
        guard let endpoints = try await harness.get(Endpoints.self, "web") else { return nil }
        let subsets = endpoints.subsets ?? []
        return (
            subsets.flatMap { $0.addresses ?? [] }.map(\.ip).sorted(),
            subsets.flatMap { $0.notReadyAddresses ?? [] }.map(\.ip).sorted(),
            subsets.flatMap { $0.ports ?? [] }.map(\.port))
    }

    @Test func endpointsListTheReadyPodsTheSelectorPicks_andFollowThem() async throws {
        try await harness.addNode("node-a")
        try await addService()
        try await addPod("web-1", ip: "10.244.1.5", ready: true)
        try await addPod("web-2", ip: "10.244.1.6", ready: false)
        try await addPod("db-1", app: "db", ip: "10.244.1.7", ready: true)

        try await harness.run(controller)
        var current = try #require(try await endpoints())
        #expect(current.ready == ["10.244.1.5"])
        #expect(current.notReady == ["10.244.1.6"])
        #expect(Set(current.ports) == [8080])
        let address = try #require(try await harness.get(Endpoints.self, "web")?.subsets?.first?.addresses?.first)
        #expect(address.targetRef?.name == "web-1")
        #expect(address.nodeName == "node-a")

        // Each change wakes the controller through its own keys(for:). web-2 becomes Ready: listed as ready.
        try await harness.run(controller, after: {
            try await harness.setPodRunning("web-2", ready: true, ip: "10.244.1.6")
        })
        current = try #require(try await endpoints())
        #expect(current.ready == ["10.244.1.5", "10.244.1.6"])
        #expect(current.notReady.isEmpty)

        // web-1 goes: dropped.
        try await harness.run(controller, after: {
            try await harness.client.delete(.pod, namespace: "default", name: "web-1", gracePeriodSeconds: 0)
        })
        #expect(try await endpoints()?.ready == ["10.244.1.6"])

        // A pod relabelled out of the selector: dropped too.
        var relabelled = try #require(try await harness.get(Pod.self, "web-2"))
        relabelled.metadata.labels = ["app": "other"]
        try await harness.run(controller, after: { try await harness.client.update(relabelled) })
        let empty = try #require(try await endpoints())
        #expect(empty.ready.isEmpty && empty.notReady.isEmpty)
    }

    @Test func theEndpointsOfADeletedServiceAreDeleted() async throws {
        try await harness.addNode("node-a")
        try await addService()
        try await addPod("web-1", ip: "10.244.1.5", ready: true)
        try await harness.run(controller)
        #expect(try await endpoints()?.ready == ["10.244.1.5"])

        try await harness.run(controller, after: {
            try await harness.client.delete(.service, namespace: "default", name: "web")
        })

        #expect(try await harness.get(Endpoints.self, "web") == nil)
    }

    @Test func aServiceWithoutSelectorIsLeftAlone() async throws {
        try await harness.client.create(
            ServiceObject(
                metadata: ObjectMeta(name: "manual", namespace: "default"),
                spec: ServiceSpec(selector: nil, ports: [ServicePort(port: 80)])),
            namespace: "default")
        try await harness.run(controller)
        #expect(try await harness.get(Endpoints.self, "manual") == nil)
        #expect(try await harness.get(Endpoints.self, "kubernetes") == nil)
    }
}
