import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// EndpointSlice rules (`ValidateEndpointSlice`) and defaults.
@Suite struct EndpointSliceValidationTests {
    static func slice(addressType: String = "IPv4", addresses: [String] = ["10.0.0.1"], ports: [SlicePort]? = nil)
        -> EndpointSlice
    {
        EndpointSlice(
            metadata: ObjectMeta(name: "web-abcde", namespace: "default"), addressType: addressType,
            endpoints: [SliceEndpoint(addresses: addresses, nodeName: "node-a")], ports: ports)
    }

    @Test func aValidSlice_andItsDefaults() {
        var slice = Self.slice(ports: [SlicePort(port: 80)])
        slice.applyDefaults()
        #expect(slice.ports == [SlicePort(name: "", port: 80, protocol: "TCP")])
        #expect(slice.validateCreate().isEmpty)
    }

    @Test func addressTypeAddressesAndPorts() {
        let lines = ValidationFixtures.lines(Self.slice(addresses: ["fd00::1"], ports: [
            SlicePort(name: "Web", port: 0, protocol: "TCP"), SlicePort(name: "Web", port: 80, protocol: "ICMP"),
        ]).validateCreate())
        #expect(lines.contains("endpoints[0].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address"))
        #expect(lines.contains { $0.hasPrefix("ports[0].name: Invalid value: \"Web\"") })
        #expect(lines.contains("ports[1].name: Duplicate value: \"Web\""))
        #expect(lines.contains { $0.hasPrefix("ports[0].port: Invalid value: 0") })
        #expect(lines.contains { $0.hasPrefix("ports[1].protocol: Unsupported value: \"ICMP\"") })
        #expect(ValidationFixtures.lines(Self.slice(addressType: "IPX").validateCreate())
            == ["addressType: Unsupported value: \"IPX\": supported values: \"FQDN\", \"IPv4\", \"IPv6\""])
        #expect(ValidationFixtures.lines(Self.slice(addresses: []).validateCreate())
            == ["endpoints[0].addresses: Required value: must contain at least 1 address"])
    }

    @Test func addressTypeIsImmutable() {
        let old = Self.slice()
        var new = Self.slice(addressType: "IPv6", addresses: ["fd00::1"])
        new.metadata.resourceVersion = "1"
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)).contains {
            $0.hasPrefix("addressType: Invalid value: \"IPv6\": field is immutable")
        })
    }
}
