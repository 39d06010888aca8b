import Foundation
import KubeAPI
import Wire

/// `kubectl describe node`, a port of kubectl's `describeNode`.
enum NodeDescriber {
    /// What fetching the node's lease (`kube-node-lease/<node>`) gave.
    enum LeaseLookup: Sendable, Equatable {
        /// Not looked up: no `Lease:` section.
        case skipped
        /// The lease object.
        case found(JSONValue)
        /// The lookup failed with this message: `Lease:\tFailed to get lease: <message>`.
        case failed(String)
    }

    /// Describes `node`. `pods` are its non-terminated pods (all namespaces); `events` its related events (nil:
    /// no Events section); `now` ages the pods and events; times print in `timeZone`.
    static func describe(
        _ node: JSONValue, pods: [JSONValue], events: [JSONValue]?, lease: LeaseLookup = .skipped, now: Date,
        timeZone: TimeZone
    ) -> String {
        let n = JSONFields(node)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(n.name)\n")
        let roles = NodeColumns.roles(n.labels)
        w.write(0, "Roles:\t\(roles.isEmpty ? "<none>" : roles.joined(separator: ","))\n")
        w.labels("Labels", n.labels)
        w.annotations("Annotations", n.stringMap("metadata", "annotations"))
        w.write(0, "CreationTimestamp:\t\(DescribeTime.rfc1123Z(n.creationTimestamp, in: timeZone))\n")
        w.taints("Taints", n.array("spec", "taints"))
        w.write(0, "Unschedulable:\t\(n.bool("spec", "unschedulable") == true)\n")
        describeLease(lease, into: &w, timeZone: timeZone)
        let conditions = n.array("status", "conditions").map(JSONFields.init)
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions {
                let cells = [
                    c.string("type") ?? "", c.string("status") ?? "",
                    DescribeTime.rfc1123Z(c.string("lastHeartbeatTime"), in: timeZone),
                    DescribeTime.rfc1123Z(c.string("lastTransitionTime"), in: timeZone), c.string("reason") ?? "",
                ]
                w.write(1, cells.map { $0 + " \t" }.joined() + (c.string("message") ?? "") + "\n")
            }
        }
        w.write(0, "Addresses:\n")
        for address in n.array("status", "addresses").map(JSONFields.init) {
            w.write(1, "\(address.string("type") ?? ""):\t\(address.string("address") ?? "")\n")
        }
        for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
            guard let list = n.value("status", key)?.objectValue, !list.isEmpty else { continue }
            w.write(0, "\(title):\n")
            for name in list.keys.sorted() { w.write(0, "  \(name):\t\(ContainerSection.quantityText(list[name]))\n") }
        }
        systemInfo(n, into: &w)
        if let cidr = n.string("spec", "podCIDR"), !cidr.isEmpty { w.write(0, "PodCIDR:\t\(cidr)\n") }
        let cidrs = n.array("spec", "podCIDRs").compactMap(\.stringValue)
        if !cidrs.isEmpty { w.write(0, "PodCIDRs:\t\(cidrs.joined(separator: ","))\n") }
        if let provider = n.string("spec", "providerID"), !provider.isEmpty { w.write(0, "ProviderID:\t\(provider)\n") }
        NodeResources.write(pods: pods, node: n, into: &w, now: now)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    private static func describeLease(_ lease: LeaseLookup, into w: inout DescribeWriter, timeZone: TimeZone) {
        switch lease {
        case .skipped:
            return
        case .failed(let message):
            w.write(0, "Lease:\tFailed to get lease: \(message)\n")
        case .found(let object):
            let l = JSONFields(object)
            w.write(0, "Lease:\n")
            w.write(1, "HolderIdentity:\t\(l.string("spec", "holderIdentity") ?? "<unset>")\n")
            for (title, key) in [("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")] {
                let time = l.string("spec", key).map { DescribeTime.rfc1123Z($0, in: timeZone) } ?? "<unset>"
                w.write(1, "\(title):\t\(time)\n")
            }
        }
    }

    private static func systemInfo(_ n: JSONFields, into w: inout DescribeWriter) {
        w.write(0, "System Info:\n")
        let fields = [
            ("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
            ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"), ("Operating System", "operatingSystem"),
            ("Architecture", "architecture"), ("Container Runtime Version", "containerRuntimeVersion"),
            ("Kubelet Version", "kubeletVersion"),
        ]
        for (title, key) in fields { w.write(0, "  \(title):\t\(n.string("status", "nodeInfo", key) ?? "")\n") }
        // Deprecated: shown only when the node still reports it.
        if let proxy = n.string("status", "nodeInfo", "kubeProxyVersion"), !proxy.isEmpty {
            w.write(0, "  Kube-Proxy Version:\t\(proxy)\n")
        }
    }
}
