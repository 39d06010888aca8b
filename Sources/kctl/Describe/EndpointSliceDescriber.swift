import Foundation
import KubeAPI
import Wire

/// `kubectl describe endpointslice`, a port of kubectl's `describeEndpointSliceV1`: the address type, the ports as a
/// Name/Port/Protocol table, and each endpoint's addresses, ready condition, hostname, target, node and zone
/// (`<unset>` for what is not set).
enum EndpointSliceDescriber {
    /// Describes `slice`; `events` its related events (nil: no Events section).
    static func describe(_ slice: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let s = JSONFields(slice)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(s.name)\n")
        w.write(0, "Namespace:\t\(s.namespace)\n")
        w.labels("Labels", s.labels)
        w.annotations("Annotations", s.stringMap("metadata", "annotations"))
        w.write(0, "AddressType:\t\(s.string("addressType") ?? "")\n")
        let ports = s.array("ports").map(JSONFields.init)
        if ports.isEmpty {
            w.write(0, "Ports: <unset>\n")
        } else {
            w.write(0, "Ports:\n")
            w.write(1, "Name\tPort\tProtocol\n")
            w.write(1, "----\t----\t--------\n")
            for port in ports {
                let name = port.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>"
                let number = port.int("port").map(String.init) ?? "<unset>"
                w.write(1, "\(name)\t\(number)\t\(port.string("protocol") ?? "")\n")
            }
        }
        let endpoints = s.array("endpoints").map(JSONFields.init)
        if endpoints.isEmpty {
            w.write(0, "Endpoints: <none>\n")
        } else {
            w.write(0, "Endpoints:\n")
            for endpoint in endpoints {
                let addresses = endpoint.array("addresses").compactMap(\.stringValue).joined(separator: ", ")
                w.write(1, "- Addresses:\t\(addresses.isEmpty ? "<none>" : addresses)\n")
                w.write(2, "Conditions:\n")
                w.write(3, "Ready:\t\(endpoint.bool("conditions", "ready").map { String($0) } ?? "<unset>")\n")
                w.write(2, "Hostname:\t\(endpoint.string("hostname") ?? "<unset>")\n")
                if endpoint.value("targetRef") != nil {
                    let kind = endpoint.string("targetRef", "kind") ?? ""
                    w.write(2, "TargetRef:\t\(kind)/\(endpoint.string("targetRef", "name") ?? "")\n")
                }
                w.write(2, "NodeName:\t\(endpoint.string("nodeName") ?? "<unset>")\n")
                w.write(2, "Zone:\t\(endpoint.string("zone") ?? "<unset>")\n")
            }
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }
}
