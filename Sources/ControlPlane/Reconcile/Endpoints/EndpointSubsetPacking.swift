import KubeAPI
import Wire

/// Packs per-pod endpoint entries into the fewest subsets, as upstream `endpoints.RepackSubsets` does: every
/// distinct port is mapped to the set of addresses (with their readiness) that offer it, and ports offered by the
/// same set share one subset. In the usual case (every pod resolves every port alike) that is one subset. Pure.
enum EndpointSubsetPacking {
    /// One pod's contribution: its address, whether it is ready, and the ports it serves (empty: a headless
    /// service without ports).
    struct Entry: Sendable, Hashable {
        var address: EndpointAddress
        var ready: Bool
        var ports: [EndpointPort]
    }

    /// An address's identity: IP plus the target's UID (two pods may share a host-network IP).
    private struct AddressKey: Hashable, Comparable {
        var ip: String
        var uid: String

        static func < (a: AddressKey, b: AddressKey) -> Bool { (a.ip, a.uid) < (b.ip, b.uid) }
    }

    /// The packed, sorted subsets: addresses by IP then UID; ports in first-seen order; subsets by their first
    /// address. Empty when there is no entry.
    static func pack(_ entries: [Entry]) -> [EndpointSubset] {
        var addresses: [AddressKey: EndpointAddress] = [:]
        // Port (nil: no port) -> address -> ready; ports kept in first-seen order.
        var portOrder: [EndpointPort?] = []
        var byPort: [EndpointPort?: [AddressKey: Bool]] = [:]
        for entry in entries {
            let key = AddressKey(ip: entry.address.ip, uid: entry.address.targetRef?.uid ?? "")
            if addresses[key] == nil { addresses[key] = entry.address }
            let ports: [EndpointPort?] = entry.ports.isEmpty ? [nil] : entry.ports
            for port in ports {
                if byPort[port] == nil {
                    byPort[port] = [:]
                    portOrder.append(port)
                }
                // A ready sighting wins over a not-ready one.
                byPort[port, default: [:]][key] = (byPort[port]?[key] ?? false) || entry.ready
            }
        }
        // Group the ports by the exact address set (readiness included) that offers them.
        var groupOrder: [[AddressKey: Bool]] = []
        var groupPorts: [[AddressKey: Bool]: [EndpointPort]] = [:]
        for port in portOrder {
            let set = byPort[port] ?? [:]
            if groupPorts[set] == nil {
                groupPorts[set] = []
                groupOrder.append(set)
            }
            if let port { groupPorts[set, default: []].append(port) }
        }
        let subsets = groupOrder.map { set -> (first: AddressKey?, subset: EndpointSubset) in
            let keys = set.keys.sorted()
            let ready = keys.filter { set[$0] == true }.compactMap { addresses[$0] }
            let notReady = keys.filter { set[$0] == false }.compactMap { addresses[$0] }
            let ports = groupPorts[set] ?? []
            return (keys.first, EndpointSubset(
                addresses: ready.isEmpty ? nil : ready, notReadyAddresses: notReady.isEmpty ? nil : notReady,
                ports: ports.isEmpty ? nil : ports))
        }
        return subsets.sorted { a, b in
            switch (a.first, b.first) {
            case let (x?, y?): x < y
            case (nil, _?): true
            default: false
            }
        }.map(\.subset)
    }
}
