import Foundation
import KubeAPI
import Wire

/// `kubectl describe service`, a port of kubectl's `describeService`; endpoints come from the service's
/// EndpointSlices (those labelled `kubernetes.io/service-name: <service>`), as kubectl 1.32 reads them.
enum ServiceDescriber {
    /// Describes `service`. `endpointSlices` are its EndpointSlices (none: `<none>`); `events` its related events
    /// (nil: no Events section).
    static func describe(_ service: JSONValue, endpointSlices: [JSONValue], events: [JSONValue]?, now: Date) -> String {
        let s = JSONFields(service)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(s.name)\n")
        w.write(0, "Namespace:\t\(s.namespace)\n")
        w.labels("Labels", s.labels)
        w.annotations("Annotations", s.stringMap("metadata", "annotations"))
        w.write(0, "Selector:\t\(LabelFormat.labels(s.stringMap("spec", "selector")))\n")
        w.write(0, "Type:\t\(s.string("spec", "type") ?? "")\n")
        if let policy = s.string("spec", "ipFamilyPolicy") { w.write(0, "IP Family Policy:\t\(policy)\n") }
        let families = s.array("spec", "ipFamilies").compactMap(\.stringValue)
        w.write(0, "IP Families:\t\(families.isEmpty ? "<none>" : families.joined(separator: ","))\n")
        w.write(0, "IP:\t\(s.string("spec", "clusterIP") ?? "")\n")
        let ips = s.array("spec", "clusterIPs").compactMap(\.stringValue)
        w.write(0, "IPs:\t\(ips.isEmpty ? "<none>" : ips.joined(separator: ","))\n")
        let external = s.array("spec", "externalIPs").compactMap(\.stringValue)
        if !external.isEmpty { w.write(0, "External IPs:\t\(external.joined(separator: ","))\n") }
        if let ip = s.string("spec", "loadBalancerIP"), !ip.isEmpty { w.write(0, "Desired LoadBalancer IP:\t\(ip)\n") }
        if let name = s.string("spec", "externalName"), !name.isEmpty { w.write(0, "External Name:\t\(name)\n") }
        let ingress = s.array("status", "loadBalancer", "ingress").map(JSONFields.init).map { i in
            guard let ip = i.string("ip"), !ip.isEmpty else { return i.string("hostname") ?? "" }
            return i.string("ipMode").map { "\(ip) (\($0))" } ?? ip
        }
        if !ingress.isEmpty { w.write(0, "LoadBalancer Ingress:\t\(ingress.joined(separator: ", "))\n") }
        for port in s.array("spec", "ports").map(JSONFields.init) {
            let name = port.string("name").flatMap { $0.isEmpty ? nil : $0 } ?? "<unset>"
            let proto = port.string("protocol") ?? ""
            w.write(0, "Port:\t\(name)\t\(port.int("port") ?? 0)/\(proto)\n")
            let target = ContainerEnvironment.intOrString(port.value("targetPort"))
            w.write(0, "TargetPort:\t\(target.isEmpty ? "0" : target)/\(proto)\n")
            if let app = port.string("appProtocol") { w.write(0, "AppProtocol:\t\(app)\n") }
            if let nodePort = port.int("nodePort"), nodePort != 0 { w.write(0, "NodePort:\t\(name)\t\(nodePort)/\(proto)\n") }
            w.write(0, "Endpoints:\t\(endpointList(endpointSlices, portName: port.string("name") ?? ""))\n")
        }
        w.write(0, "Session Affinity:\t\(s.string("spec", "sessionAffinity") ?? "")\n")
        if let policy = s.string("spec", "externalTrafficPolicy"), !policy.isEmpty {
            w.write(0, "External Traffic Policy:\t\(policy)\n")
        }
        if let policy = s.string("spec", "internalTrafficPolicy") { w.write(0, "Internal Traffic Policy:\t\(policy)\n") }
        if let port = s.int("spec", "healthCheckNodePort"), port != 0 { w.write(0, "HealthCheck NodePort:\t\(port)\n") }
        let ranges = s.array("spec", "loadBalancerSourceRanges").compactMap(\.stringValue)
        if !ranges.isEmpty { w.write(0, "LoadBalancer Source Ranges:\t\(ranges.joined(separator: ","))\n") }
        if let distribution = s.string("spec", "trafficDistribution") { w.write(0, "Traffic Distribution:\t\(distribution)\n") }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// kubectl's `formatEndpointSlices` for one service port: the `ip:port` of each ready endpoint (an unset `ready`
    /// reads as ready) of the slices' ports named `portName` (a slice without ports lists bare addresses), at most
    /// three then ` + N more...`; `<none>` without slices. As kubectl, once three are listed the next endpoint
    /// marks the list as longer even when it is not ready, and only ready ones are counted.
    static func endpointList(_ slices: [JSONValue], portName: String) -> String {
        guard !slices.isEmpty else { return "<none>" }
        let max = 3
        var list: [String] = [], more = false, count = 0
        func visit(_ endpoint: JSONFields, port: Int64?) {
            if list.count == max { more = true }
            guard endpoint.bool("conditions", "ready") ?? true else { return }
            let address = endpoint.array("addresses").first?.stringValue ?? ""
            if !more {
                if let port {
                    list.append(address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)")
                } else {
                    list.append(address)
                }
            }
            count += 1
        }
        for slice in slices.map(JSONFields.init) {
            let endpoints = slice.array("endpoints").map(JSONFields.init)
            let ports = slice.array("ports").map(JSONFields.init)
            if ports.isEmpty {
                for endpoint in endpoints { visit(endpoint, port: nil) }
                continue
            }
            for port in ports where (port.string("name") ?? "") == portName {
                for endpoint in endpoints { visit(endpoint, port: port.int("port") ?? 0) }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - max) more..." : joined
    }
}
