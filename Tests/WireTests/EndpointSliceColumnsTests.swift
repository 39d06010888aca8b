import Foundation
import Testing

@testable import KubeAPI

/// ``EndpointSliceColumns``: kubectl's `NAME ADDRESSTYPE PORTS ENDPOINTS AGE` for EndpointSlices.
@Suite struct EndpointSliceColumnsTests {
    static func endpoint(_ addresses: [String]) -> JSONValue { ["addresses": .array(addresses.map(JSONValue.string))] }

    @Test func columns_areKubectls() {
        #expect(EndpointSliceColumns.columns.map(\.name) == ["Name", "AddressType", "Ports", "Endpoints", "Age"])
        #expect(ObjectIdentifier(TableConvertor.columns(forKind: "EndpointSlice")) == ObjectIdentifier(EndpointSliceColumns.self))
    }

    @Test func cells_portsAndEndpoints_cappedAtThree() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let slice: JSONValue = [
            "metadata": ["name": "redis-x7k2p", "creationTimestamp": .string(Timestamp.format(now.addingTimeInterval(-120)))],
            "addressType": "IPv4",
            "ports": [["name": "http", "port": 80], ["name": "named"], [:], ["port": 9000]],
            "endpoints": [
                Self.endpoint(["10.0.0.1", "10.0.0.2"]), Self.endpoint(["10.0.0.3"]), Self.endpoint(["10.0.0.4"]),
            ],
        ]
        #expect(EndpointSliceColumns.cells(for: slice, now: now) == [
            "redis-x7k2p", "IPv4", "80,named,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "2m",
        ])
    }

    @Test func emptyLists_readUnset() {
        #expect(EndpointSliceColumns.ports([]) == "<unset>")
        #expect(EndpointSliceColumns.endpoints([]) == "<unset>")
        #expect(EndpointSliceColumns.ports([["port": 80]]) == "80")
        #expect(EndpointSliceColumns.endpoints([Self.endpoint(["10.0.0.1"]), Self.endpoint(["10.0.0.2"])]) == "10.0.0.1,10.0.0.2")
    }
}
