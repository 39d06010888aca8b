import Foundation
import KubeAPI
import Wire

/// `kubectl describe` for networking.k8s.io: ports of kubectl 1.32's `describeNetworkPolicy` (no events, as kubectl),
/// `describeIngressV1` (each service backend with the ready endpoints of its port, or the error of looking the
/// service up) and `describeIngressClassV1`.
enum NetworkingDescriber {
    /// Describes a NetworkPolicy; `timeZone` is the zone `Created on` is printed in.
    static func describeNetworkPolicy(_ policy: JSONValue, timeZone: TimeZone) -> String {
        let p = JSONFields(policy)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(p.name)\n")
        w.write(0, "Namespace:\t\(p.namespace)\n")
        w.write(0, "Created on:\t\(goTime(p.creationTimestamp, in: timeZone))\n")
        w.labels("Labels", p.labels)
        w.annotations("Annotations", p.stringMap("metadata", "annotations"))
        w.write(0, "Spec:\n")
        w.write(1, "PodSelector: ")
        let selector = p.value("spec", "podSelector")
        let empty = JSONFields(selector ?? .null).stringMap("matchLabels").isEmpty
            && JSONFields(selector ?? .null).array("matchExpressions").isEmpty
        w.write(2, empty ? "<none> (Allowing the specific traffic to all pods in this namespace)\n"
                    : "\(LabelFormat.selector(selector))\n")
        let types = p.array("spec", "policyTypes").compactMap(\.stringValue)
        if types.contains("Ingress") {
            w.write(1, "Allowing ingress traffic:\n")
            rules(p.array("spec", "ingress"), peers: "from", into: &w)
        } else {
            w.write(1, "Not affecting ingress traffic\n")
        }
        if types.contains("Egress") {
            w.write(1, "Allowing egress traffic:\n")
            rules(p.array("spec", "egress"), peers: "to", into: &w)
        } else {
            w.write(1, "Not affecting egress traffic\n")
        }
        w.write(1, "Policy Types: \(types.joined(separator: ", "))\n")
        return w.render()
    }

    /// `printNetworkPolicySpecIngressFrom` and `printNetworkPolicySpecEgressTo`.
    private static func rules(_ rules: [JSONValue], peers key: String, into w: inout DescribeWriter) {
        let indent = "    "
        let ingress = key == "from"
        guard !rules.isEmpty else {
            let direction = ingress ? "ingress" : "egress"
            return w.write(0, "\(indent)<none> (Selected pods are isolated for \(direction) connectivity)\n")
        }
        for (index, rule) in rules.map(JSONFields.init).enumerated() {
            let ports = rule.array("ports").map(JSONFields.init)
            if ports.isEmpty {
                w.write(0, "\(indent)To Port: <any> (traffic allowed to all ports)\n")
            }
            for port in ports {
                let proto = port.string("protocol") ?? "TCP"
                let number: String
                switch port.value("port") {
                case .int(let value)?: number = String(value)
                case .string(let name)?: number = name
                default: number = "<nil>"
                }
                if let end = port.int("endPort") {
                    w.write(0, "\(indent)To Port Range: \(number)-\(end)/\(proto)\n")
                } else {
                    w.write(0, "\(indent)To Port: \(number)/\(proto)\n")
                }
            }
            let title = ingress ? "From" : "To"
            let peers = rule.array(key).map(JSONFields.init)
            if peers.isEmpty {
                let unrestricted = ingress ? "source" : "destination"
                w.write(0, "\(indent)\(title): <any> (traffic not restricted by \(unrestricted))\n")
            }
            for peer in peers {
                w.write(0, "\(indent)\(title):\n")
                let pods = peer.value("podSelector")
                let namespaces = peer.value("namespaceSelector")
                if let pods, let namespaces {
                    w.write(1, "\(indent)NamespaceSelector: \(LabelFormat.selector(namespaces))\n")
                    w.write(1, "\(indent)PodSelector: \(LabelFormat.selector(pods))\n")
                } else if let pods {
                    w.write(1, "\(indent)PodSelector: \(LabelFormat.selector(pods))\n")
                } else if let namespaces {
                    w.write(1, "\(indent)NamespaceSelector: \(LabelFormat.selector(namespaces))\n")
                } else if peer.value("ipBlock") != nil {
                    w.write(1, "\(indent)IPBlock:\n")
                    w.write(2, "\(indent)CIDR: \(peer.string("ipBlock", "cidr") ?? "")\n")
                    let except = peer.array("ipBlock", "except").compactMap(\.stringValue).joined(separator: ", ")
                    w.write(2, "\(indent)Except: \(except)\n")
                }
            }
            if index != rules.count - 1 { w.write(0, "\(indent)----------\n") }
        }
    }

    /// Describes an Ingress. `services` are the Services of its namespace (or the error of listing them),
    /// `endpointSlices` the EndpointSlices of its namespace.
    static func describeIngress(
        _ ingress: JSONValue, services: Result<[JSONValue], DescribeFetchError>, endpointSlices: [JSONValue],
        events: [JSONValue]?, now: Date
    ) -> String {
        let i = JSONFields(ingress)
        var w = DescribeWriter()
        func backend(_ value: JSONValue?) -> String {
            describeBackend(value, services: services, endpointSlices: endpointSlices)
        }
        w.write(0, "Name:\t\(i.name)\n")
        w.labels("Labels", i.labels)
        w.write(0, "Namespace:\t\(i.namespace)\n")
        w.write(0, "Address:\t\(IngressColumns.address(i.array("status", "loadBalancer", "ingress"), wide: true))\n")
        w.write(0, "Ingress Class:\t\(i.string("spec", "ingressClassName") ?? "<none>")\n")
        let defaultBackend = i.value("spec", "defaultBackend").map { backend($0) } ?? "<default>"
        w.write(0, "Default backend:\t\(defaultBackend)\n")
        let tls = i.array("spec", "tls").map(JSONFields.init)
        if !tls.isEmpty {
            w.write(0, "TLS:\n")
            for entry in tls {
                let hosts = entry.array("hosts").compactMap(\.stringValue).joined(separator: ",")
                if let secret = entry.string("secretName"), !secret.isEmpty {
                    w.write(1, "\(secret) terminates \(hosts)\n")
                } else {
                    w.write(1, "SNI routes \(hosts)\n")
                }
            }
        }
        w.write(0, "Rules:\n  Host\tPath\tBackends\n")
        w.write(1, "----\t----\t--------\n")
        var count = 0
        for rule in i.array("spec", "rules").map(JSONFields.init) where rule.value("http") != nil {
            count += 1
            let host = rule.string("host").flatMap { $0.isEmpty ? nil : $0 } ?? "*"
            w.write(1, "\(host)\t\n")
            for path in rule.array("http", "paths").map(JSONFields.init) {
                w.write(2, "\t\(path.string("path") ?? "") \t\(backend(path.value("backend")))\n")
            }
        }
        if count == 0 { w.write(1, "*\t*\t\(defaultBackend)\n") }
        w.annotations("Annotations", i.stringMap("metadata", "annotations"))
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// kubectl's `describeBackendV1`: `name:port (endpoints)`, `name:port (<error: …>)`, or a resource backend.
    static func describeBackend(
        _ backend: JSONValue?, services: Result<[JSONValue], DescribeFetchError>, endpointSlices: [JSONValue]
    ) -> String {
        let b = JSONFields(backend ?? .null)
        if b.value("service") != nil {
            let name = b.string("service", "name") ?? ""
            let number = b.int("service", "port", "number") ?? 0
            let portName = b.string("service", "port", "name") ?? ""
            let text = "\(name):\(number != 0 ? String(number) : portName)"
            let service: JSONFields
            switch services {
            case .failure(let error): return "\(text) (<error: \(error.message)>)"
            case .success(let list):
                guard let found = list.map(JSONFields.init).first(where: { $0.name == name }) else {
                    return "\(text) (<error: services \"\(name)\" not found>)"
                }
                service = found
            }
            var servicePort = ""
            for port in service.array("spec", "ports").map(JSONFields.init) {
                if number != 0 && Int64(number) == port.int("port") {
                    servicePort = port.string("name") ?? ""
                } else if !portName.isEmpty && portName == port.string("name") {
                    servicePort = port.string("name") ?? ""
                }
            }
            let slices = endpointSlices.filter {
                JSONFields($0).stringMap("metadata", "labels")[EndpointSlice.serviceNameLabel] == name
            }
            return "\(text) (\(ServiceDescriber.endpointList(slices, portName: servicePort)))"
        }
        if b.value("resource") != nil {
            let group = b.string("resource", "apiGroup") ?? "<none>"
            return "APIGroup: \(group), Kind: \(b.string("resource", "kind") ?? ""), Name: \(b.string("resource", "name") ?? "")"
        }
        return ""
    }

    /// Describes an IngressClass.
    static func describeIngressClass(_ ingressClass: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let c = JSONFields(ingressClass)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(c.name)\n")
        w.labels("Labels", c.labels)
        w.annotations("Annotations", c.stringMap("metadata", "annotations"))
        w.write(0, "Controller:\t\(c.string("spec", "controller") ?? "")\n")
        if c.value("spec", "parameters") != nil {
            w.write(0, "Parameters:\n")
            if let group = c.string("spec", "parameters", "apiGroup") { w.write(1, "APIGroup:\t\(group)\n") }
            w.write(1, "Kind:\t\(c.string("spec", "parameters", "kind") ?? "")\n")
            w.write(1, "Name:\t\(c.string("spec", "parameters", "name") ?? "")\n")
        }
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    /// Go's `time.Time.String()` of an API timestamp in `timeZone`: `2026-12-08 00:40:34 +0000 UTC`.
    static func goTime(_ timestamp: String?, in timeZone: TimeZone) -> String {
        guard let timestamp, let date = Timestamp.parse(timestamp) else { return "0001-01-01 00:00:00 +0000 UTC" }
        let rfc = DescribeTime.rfc1123Z(date, in: timeZone)  // Mon, 02 Jan 2006 15:04:05 -0700
        let parts = rfc.split(separator: " ")
        guard parts.count == 6 else { return rfc }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let month = (months.firstIndex(of: String(parts[2])) ?? 0) + 1
        let offset = String(parts[5])
        var zone = timeZone.abbreviation(for: date) ?? offset
        if zone == "GMT" && timeZone.secondsFromGMT(for: date) == 0 { zone = "UTC" }
        if zone.hasPrefix("GMT") { zone = String(offset.prefix(3)) + (offset.hasSuffix("00") ? "" : String(offset.suffix(2))) }
        return "\(parts[3])-\(month < 10 ? "0" : "")\(month)-\(parts[1]) \(parts[4]) \(offset) \(zone)"
    }
}
