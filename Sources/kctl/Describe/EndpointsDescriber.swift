import Foundation
import KubeAPI
import Wire

/// `kubectl describe endpoints`, a port of kubectl's `describeEndpoints`: each subset's ready and not-ready
/// addresses (IPs joined by commas, `<none>` when empty) and its ports as a Name/Port/Protocol table (an unnamed
/// port reads `<unset>`), a blank line after each subset.
enum EndpointsDescriber {
    /// Describes `endpoints`; `events` its related events (nil: no Events section).
    static func describe(_ endpoints: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let e = JSONFields(endpoints)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(e.name)\n")
        w.write(0, "Namespace:\t\(e.namespace)\n")
        w.labels("Labels", e.labels)
        w.annotations("Annotations", e.stringMap("metadata", "annotations"))
        w.write(0, "Subsets:\n")
        for subset in e.array("subsets").map(JSONFields.init) {
            for (title, key) in [("Addresses", "addresses"), ("NotReadyAddresses", "notReadyAddresses")] {
                let ips = subset.array(key).compactMap { JSONFields($0).string("ip") }.joined(separator: ",")
                w.write(1, "\(title):\t\(ips.isEmpty ? "<none>" : ips)\n")
            }
            let ports = subset.array("ports").map(JSONFields.init)
            if !ports.isEmpty {
                w.write(1, "Ports:\n")
                w.write(2, "Name\tPort\tProtocol\n")
                w.write(2, "----\t----\t--------\n")
                for port in ports {
                    let name = port.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>"
                    w.write(2, "\(name)\t\(port.int("port") ?? 0)\t\(port.string("protocol") ?? "")\n")
                }
            }
            w.write(0, "\n")
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }
}
