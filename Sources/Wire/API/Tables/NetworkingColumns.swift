import Foundation

/// `kubectl get networkpolicies`: `NAME POD-SELECTOR AGE`.
public enum NetworkPolicyColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Pod-Selector", description: "The pods the policy applies to."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let p = JSONFields(object)
        return [.string(p.name), .string(LabelFormat.selector(p.value("spec", "podSelector"))), ageCell(p, now: now)]
    }
}

/// `kubectl get ingresses`: `NAME CLASS HOSTS ADDRESS PORTS AGE`, with Kubernetes' `formatHosts` (the first three
/// hosts, then ` + N more...`; `*` for none), the load balancer's addresses (sorted, de-duplicated; cut to 16
/// characters only where a client asks for narrow cells) and `80` or `80, 443` with TLS.
public enum IngressColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(
            name: "Class",
            description: "The name of the IngressClass resource that should be used for additional configuration"),
        TableColumnDefinition(
            name: "Hosts", description: "Hosts that incoming requests are matched against before the ingress rule"),
        TableColumnDefinition(
            name: "Address", description: "Address is a list containing ingress points for the load-balancer"),
        TableColumnDefinition(name: "Ports", description: "Ports of TLS configurations that open"),
        .age,
    ]

    /// The server builds tables wide, as kube-apiserver does: the address list is never cut.
    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let i = JSONFields(object)
        let ports = i.array("spec", "tls").isEmpty ? "80" : "80, 443"
        return [
            .string(i.name), .string(i.string("spec", "ingressClassName") ?? "<none>"),
            .string(hosts(i.array("spec", "rules"))),
            .string(address(i.array("status", "loadBalancer", "ingress"), wide: true)), .string(ports),
            ageCell(i, now: now),
        ]
    }

    /// Kubernetes' `formatHosts`.
    public static func hosts(_ rules: [JSONValue]) -> String {
        var list: [String] = []
        var more = false
        for rule in rules {
            if list.count == 3 { more = true }
            if !more, let host = JSONFields(rule).string("host"), !host.isEmpty { list.append(host) }
        }
        if list.isEmpty { return "*" }
        let text = list.joined(separator: ",")
        return more ? "\(text) + \(rules.count - 3) more..." : text
    }

    /// Kubernetes' `ingressLoadBalancerStatusStringer`.
    public static func address(_ ingress: [JSONValue], wide: Bool) -> String {
        var set: Set<String> = []
        for entry in ingress {
            let e = JSONFields(entry)
            if let ip = e.string("ip"), !ip.isEmpty {
                set.insert(ip)
            } else if let host = e.string("hostname"), !host.isEmpty {
                set.insert(host)
            }
        }
        var text = set.sorted().joined(separator: ",")
        if !wide && text.utf8.count > 16 { text = String(text.utf8.prefix(13))! + "..." }
        return text
    }
}

/// `kubectl get ingressclasses`: `NAME CONTROLLER PARAMETERS AGE`, parameters as `Kind.group/name` or `<none>`.
public enum IngressClassColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "Controller", description: "Controller that is responsible for handling this class"),
        TableColumnDefinition(name: "Parameters", description: "A reference to a resource with additional parameters"),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let c = JSONFields(object)
        var parameters = "<none>"
        if c.value("spec", "parameters") != nil {
            parameters = c.string("spec", "parameters", "kind") ?? ""
            if let group = c.string("spec", "parameters", "apiGroup") { parameters += "." + group }
            parameters += "/" + (c.string("spec", "parameters", "name") ?? "")
        }
        return [.string(c.name), .string(c.string("spec", "controller") ?? ""), .string(parameters), ageCell(c, now: now)]
    }
}
