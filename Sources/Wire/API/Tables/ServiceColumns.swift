import Foundation
import KubeAPI
import Wire

/// `kubectl get services`: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE`, wide adds `SELECTOR`.
enum ServiceColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("TYPE"), TableColumn("CLUSTER-IP"), TableColumn("EXTERNAL-IP"),
        TableColumn("PORT(S)"), TableColumn("AGE"), TableColumn("SELECTOR", wide: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let svc = JSONFields(object)
        let type = svc.nonEmpty("spec", "type", or: "ClusterIP")
        var clusterIP = svc.array("spec", "clusterIPs").first?.stringValue ?? ""
        if clusterIP.isEmpty { clusterIP = svc.string("spec", "clusterIP") ?? "" }
        let ports = portString(svc.array("spec", "ports"))
        return [
            svc.name, type, clusterIP.isEmpty ? "<none>" : clusterIP, externalIP(svc, type: type),
            ports.isEmpty ? "<none>" : ports, HumanDuration.since(svc.creationTimestamp, now: now),
            LabelFormat.labels(svc.stringMap("spec", "selector")),
        ]
    }

    /// `6379/TCP`, or `80:30080/TCP` with a node port; comma-joined.
    static func portString(_ ports: [JSONValue]) -> String {
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
enum EndpointsColumns: ResourceColumns {
    static let columns = [TableColumn("NAME", isName: true), TableColumn("ENDPOINTS"), TableColumn("AGE")]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let ep = JSONFields(object)
        return [ep.name, format(ep.array("subsets")), HumanDuration.since(ep.creationTimestamp, now: now)]
    }

    /// kubectl's `formatEndpoints`: up to three `ip:port` entries, then ` + N more...`; `<none>` without subsets.
    static func format(_ subsets: [JSONValue]) -> String {
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
