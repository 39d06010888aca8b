import KubeAPI
import Wire

/// Allocations the API server makes on create. Pure: the existing objects and the randomness are parameters.
enum ClusterAllocation {
    /// The taint every new Node gets until the node lifecycle controller sees it Ready (TaintNodesByCondition).
    static let notReadyTaint: JSONValue = ["key": "node.kubernetes.io/not-ready", "effect": "NoSchedule"]

    /// Gives a new Node the lowest free pod CIDR `10.244.N.0/24` (N from 1) unless it has one, and the not-ready
    /// taint.
    /// Whether creating an object of `kind` takes something from a shared pool (a Node's pod CIDR, a Service's
    /// cluster IP and node ports), so that creates of that kind must be serialised with the choice.
    static func allocates(_ kind: ResourceKind) -> Bool {
        kind == .node || kind == .service
    }

    static func registerNode(_ node: JSONValue, existingNodes: [JSONValue]) -> JSONValue {
        var node = node
        if (node[path: ["spec", "podCIDR"]]?.stringValue ?? "").isEmpty {
            let used = Set(existingNodes.compactMap { podCIDRIndex($0[path: ["spec", "podCIDR"]]?.stringValue) })
            let index = (1...255).first { !used.contains($0) } ?? 255
            let cidr = "10.244.\(index).0/24"
            node[path: ["spec", "podCIDR"]] = .string(cidr)
            node[path: ["spec", "podCIDRs"]] = [.string(cidr)]
        }
        var taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        if !taints.contains(where: { $0["key"] == notReadyTaint["key"] && $0["effect"] == notReadyTaint["effect"] }) {
            taints.append(notReadyTaint)
        }
        node[path: ["spec", "taints"]] = .array(taints)
        return node
    }

    /// N of `10.244.N.0/24`.
    static func podCIDRIndex(_ cidr: String?) -> Int? {
        guard let cidr, cidr.hasPrefix("10.244."), cidr.hasSuffix(".0/24") else { return nil }
        return Int(cidr.dropFirst("10.244.".count).dropLast(".0/24".count))
    }

    /// The service network, 10.96.0.0/12; 10.96.0.1 belongs to the `kubernetes` service.
    static let serviceNetworkBase: UInt32 = (10 << 24) | (96 << 16)
    static let serviceNetworkSize: UInt32 = 1 << 20

    /// Gives a Service a cluster IP (unless headless, ExternalName or already set) and node ports for NodePort and
    /// LoadBalancer types. Refuses an explicitly requested IP or node port that is taken.
    static func allocateService<G: RandomNumberGenerator>(
        _ service: JSONValue, existing: [JSONValue], using generator: inout G
    ) throws -> JSONValue {
        var service = service
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let usedIPs = Set(existing.compactMap { $0[path: ["spec", "clusterIP"]]?.stringValue })
        if type != "ExternalName" {
            let requested = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            if requested.isEmpty {
                let ip = freeIP(used: usedIPs, using: &generator)
                service[path: ["spec", "clusterIP"]] = .string(ip)
                service[path: ["spec", "clusterIPs"]] = [.string(ip)]
            } else if requested != "None", usedIPs.contains(requested) {
                throw Status.invalid(.service, name: service[path: ["metadata", "name"]]?.stringValue ?? "", errors: [
                    .invalid("spec.clusterIPs", GoQuote.quote(requested), "provided IP is already allocated")
                ])
            } else if service[path: ["spec", "clusterIPs"]] == nil {
                service[path: ["spec", "clusterIPs"]] = [.string(requested)]
            }
        }
        if type == "NodePort" || type == "LoadBalancer" {
            var usedPorts = Set(existing.flatMap { ($0[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue } })
            var ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
            for index in ports.indices where ports[index]["nodePort"]?.intValue == nil {
                let port = (30000...32767).map(Int64.init).first { !usedPorts.contains($0) } ?? 32767
                usedPorts.insert(port)
                ports[index]["nodePort"] = .int(port)
            }
            service[path: ["spec", "ports"]] = .array(ports)
        }
        return service
    }

    private static func freeIP<G: RandomNumberGenerator>(used: Set<String>, using generator: inout G) -> String {
        let start = UInt32.random(in: 10..<(serviceNetworkSize - 1), using: &generator)
        for step in 0..<(serviceNetworkSize - 12) {
            let offset = 10 + (start - 10 + step) % (serviceNetworkSize - 11)
            let ip = format(serviceNetworkBase + offset)
            if !used.contains(ip) { return ip }
        }
        return format(serviceNetworkBase + 2)
    }

    static func format(_ address: UInt32) -> String {
        "\(address >> 24).\((address >> 16) & 0xff).\((address >> 8) & 0xff).\(address & 0xff)"
    }
}
