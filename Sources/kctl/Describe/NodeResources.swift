import Foundation
import KubeAPI
import Wire

/// The `Non-terminated Pods:` and `Allocated resources:` sections of `kubectl describe node`
/// (`describeNodeResource`), with pod requests and limits summed as `resourcehelper.PodRequests/PodLimits` do.
enum NodeResources {
    typealias ResourceMap = [String: Quantity]

    /// Writes both sections for `pods` against the node's allocatable (else capacity) resources.
    ///
    /// Percentages truncate; against a node that declares no cpu or memory they read `0%`.
    static func write(pods: [JSONValue], node: JSONFields, into w: inout DescribeWriter, now: Date) {
        w.write(0, "Non-terminated Pods:\t(\(pods.count) in total)\n")
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        let allocatableJSON = node.value("status", "allocatable")?.objectValue ?? [:]
        let source = allocatableJSON.isEmpty ? node.value("status", "capacity")?.objectValue ?? [:] : allocatableJSON
        let allocatable = source.compactMapValues { Quantity(json: $0) }
        var totalRequests: ResourceMap = [:], totalLimits: ResourceMap = [:]
        for pod in pods {
            let p = JSONFields(pod)
            let requests = podResources(p, "requests"), limits = podResources(p, "limits")
            add(requests, to: &totalRequests)
            add(limits, to: &totalLimits)
            let cells = [
                p.namespace, p.name, "",
                cell(requests["cpu"], of: allocatable["cpu"], milli: true),
                cell(limits["cpu"], of: allocatable["cpu"], milli: true),
                cell(requests["memory"], of: allocatable["memory"], milli: false),
                cell(limits["memory"], of: allocatable["memory"], milli: false),
                HumanDuration.since(p.creationTimestamp, now: now),
            ]
            w.write(1, cells.joined(separator: "\t") + "\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        let hugePages = allocatable.keys.filter { $0.hasPrefix("hugepages-") }.sorted()
        for name in ["cpu", "memory", "ephemeral-storage"] + hugePages {
            let milli = name == "cpu"
            w.write(1, "\(name)\t\(cell(totalRequests[name], of: allocatable[name], milli: milli))\t"
                + "\(cell(totalLimits[name], of: allocatable[name], milli: milli))\n")
        }
        let standard: Set<String> = ["cpu", "memory", "ephemeral-storage", "pods"]
        for name in allocatable.keys.filter({ !standard.contains($0) && !$0.hasPrefix("hugepages-") }).sorted() {
            w.write(1, "\(name)\t\(totalRequests[name] ?? .zero)\t\(totalLimits[name] ?? .zero)\n")
        }
    }

    /// `100m (5%)`: the quantity and its truncated percentage of `total`.
    static func cell(_ quantity: Quantity?, of total: Quantity?, milli: Bool) -> String {
        let q = quantity ?? .zero
        let part = milli ? q.milliValue : q.value
        let whole = total.map { milli ? $0.milliValue : $0.value } ?? 0
        let percent = whole == 0 ? 0 : Int64(Double(part) / Double(whole) * 100)
        return "\(q) (\(percent)%)"
    }

    /// A pod's total `requests` or `limits`: app containers (and sidecars) summed, then raised to the largest
    /// init container, plus the pod overhead; pod-level `spec.resources` wins for cpu and memory.
    static func podResources(_ pod: JSONFields, _ kind: String) -> ResourceMap {
        var total: ResourceMap = [:]
        for container in pod.array("spec", "containers") { add(resources(container, kind), to: &total) }
        var sidecars: ResourceMap = [:], initMax: ResourceMap = [:]
        for container in pod.array("spec", "initContainers") {
            var own = resources(container, kind)
            if JSONFields(container).string("restartPolicy") == "Always" {
                add(own, to: &total)
                add(own, to: &sidecars)
                own = sidecars
            } else {
                add(sidecars, to: &own)
            }
            raise(&initMax, to: own)
        }
        raise(&total, to: initMax)
        for (name, quantity) in pod.value("spec", "overhead")?.objectValue ?? [:] {
            guard let q = Quantity(json: quantity), kind == "requests" || total[name] != nil else { continue }
            total[name] = (total[name] ?? .zero) + q
        }
        for name in ["cpu", "memory"] {
            if let q = Quantity(json: pod.value("spec", "resources", kind, name)) { total[name] = q }
        }
        return total
    }

    private static func resources(_ container: JSONValue, _ kind: String) -> ResourceMap {
        (JSONFields(container).value("resources", kind)?.objectValue ?? [:]).compactMapValues { Quantity(json: $0) }
    }

    /// `addResourceList`: sums per resource, keeping the first operand's format.
    private static func add(_ more: ResourceMap, to list: inout ResourceMap) {
        for (name, quantity) in more { list[name] = list[name].map { $0 + quantity } ?? quantity }
    }

    /// `maxResourceList`: the larger quantity per resource.
    private static func raise(_ list: inout ResourceMap, to other: ResourceMap) {
        for (name, quantity) in other where list[name].map({ quantity.milliValue > $0.milliValue }) ?? true {
            list[name] = quantity
        }
    }
}
