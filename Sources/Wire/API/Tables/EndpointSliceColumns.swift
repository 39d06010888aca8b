import Foundation

/// `kubectl get endpointslices`: `NAME ADDRESSTYPE PORTS ENDPOINTS AGE`, with Kubernetes' `formatDiscoveryPorts`
/// and `formatDiscoveryEndpoints` (the first three entries, then ` + N more...`; `<unset>` when there are none).
public enum EndpointSliceColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition.name(),
        TableColumnDefinition(name: "AddressType", description: "What the endpoints' addresses are: IPv4, IPv6 or FQDN."),
        TableColumnDefinition(name: "Ports", description: "The ports every endpoint of the slice serves."),
        TableColumnDefinition(name: "Endpoints", description: "The first addresses of the slice's endpoints."),
        .age,
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let slice = JSONFields(object)
        return [
            .string(slice.name), .string(slice.string("addressType") ?? ""), .string(ports(slice.array("ports"))),
            .string(endpoints(slice.array("endpoints"))), ageCell(slice, now: now),
        ]
    }

    /// Each port's number, else its name, else `*`.
    public static func ports(_ ports: [JSONValue]) -> String {
        listWithMore(ports.map { port in
            let p = JSONFields(port)
            if let number = p.int("port") { return String(number) }
            return p.string("name") ?? "*"
        })
    }

    /// Every address of every endpoint.
    public static func endpoints(_ endpoints: [JSONValue]) -> String {
        listWithMore(endpoints.flatMap { JSONFields($0).array("addresses").compactMap(\.stringValue) })
    }

    /// Kubernetes' `listWithMoreString` over all the entries: at most three joined by commas, then
    /// ` + N more...`; `<unset>` for none.
    static func listWithMore(_ entries: [String]) -> String {
        let max = 3
        let shown = entries.prefix(max).joined(separator: ",")
        if entries.count > max { return "\(shown) + \(entries.count - max) more..." }
        return shown.isEmpty ? "<unset>" : shown
    }
}
