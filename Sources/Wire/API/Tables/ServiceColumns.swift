import Foundation

/// `kubectl get services`: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE`, wide adds `SELECTOR`.
public enum ServiceColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Type", description: "ClusterIP, NodePort, LoadBalancer or ExternalName."),
        TableColumnDefinition(name: "Cluster-IP", description: "The service's virtual IP inside the cluster."),
        TableColumnDefinition(name: "External-IP", description: "Addresses the service is reachable at from outside."),
        TableColumnDefinition(name: "Port(s)", description: "The service's ports, with node ports, and protocols."),
        .age,
        TableColumnDefinition(name: "Selector", description: "The labels of the pods it routes to.", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let svc = JSONFields(object)
        let type = svc.nonEmpty("spec", "type", or: "ClusterIP")
        var clusterIP = svc.array("spec", "clusterIPs").first?.stringValue ?? ""
        if clusterIP.isEmpty { clusterIP = svc.string("spec", "clusterIP") ?? "" }
        let ports = portString(svc.array("spec", "ports"))
        let texts = [
            svc.name, type, clusterIP.isEmpty ? "<none>" : clusterIP, externalIP(svc, type: type),
            ports.isEmpty ? "<none>" : ports, HumanDuration.since(svc.creationTimestamp, now: now),
            LabelFormat.labels(svc.stringMap("spec", "selector")),
        ]
        return texts.map(JSONValue.string)
    }

    /// `6379/TCP`, or `80:30080/TCP` with a node port; comma-joined.
    public static func portString(_ ports: [JSONValue]) -> String {
        ports.map { port in
            let p = JSONFields(port)
            let number = p.int("port") ?? 0
            let proto = p.nonEmpty("protocol", or: "TCP")
            if let nodePort = p.int("nodePort"), nodePort > 0 { return "\(number):\(nodePort)/\(proto)" }
            return "\(number)/\(proto)"
        }.joined(separator: ",")
    }

    /// kubectl's `getServiceExternalIP` (the non-wide form clips load-balancer addresses to 16 characters).
    private static func externalIP(_ svc: JSONFields, type: String) -> String {
        let externalIPs = svc.array("spec", "externalIPs").compactMap(\.stringValue)
        switch type {
        case "ClusterIP", "NodePort":
            return externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            let ingress = svc.array("status", "loadBalancer", "ingress").compactMap { entry -> String? in
                let e = JSONFields(entry)
                if let ip = e.string("ip"), !ip.isEmpty { return ip }
                if let host = e.string("hostname"), !host.isEmpty { return host }
                return nil
            }
            let lb = Set(ingress).sorted()
            if !externalIPs.isEmpty { return (lb + externalIPs).joined(separator: ",") }
            var text = lb.joined(separator: ",")
            if text.count > 16 { text = String(text.prefix(13)) + "..." }
            return text.isEmpty ? "<pending>" : text
        case "ExternalName":
            return svc.string("spec", "externalName") ?? ""
        default:
            return "<unknown>"
        }
    }
}

/// `kubectl get endpoints`: `NAME ENDPOINTS AGE`.
public enum EndpointsColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Endpoints", description: "The first addresses and ports behind the service."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let ep = JSONFields(object)
        return [.string(ep.name), .string(format(ep.array("subsets"))), ageCell(ep, now: now)]
    }

    /// kubectl's `formatEndpoints`: up to three `ip:port` entries, then ` + N more...`; `<none>` without subsets.
    public static func format(_ subsets: [JSONValue]) -> String {
        guard !subsets.isEmpty else { return "<none>" }
        let max = 3
        var list: [String] = []
        var more = false
        var count = 0
        for subset in subsets {
            let s = JSONFields(subset)
            let addresses = s.array("addresses").map { JSONFields($0).string("ip") ?? "" }
            let ports = s.array("ports")
            if ports.isEmpty {
                count += addresses.count
                for ip in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(ip)
                }
                continue
            }
            for port in ports {
                let number = JSONFields(port).int("port") ?? 0
                count += addresses.count
                for ip in addresses {
                    if list.count == max {
                        more = true
                        break
                    }
                    list.append(ip.contains(":") ? "[\(ip)]:\(number)" : "\(ip):\(number)")
                }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - max) more..." : joined
    }
}
