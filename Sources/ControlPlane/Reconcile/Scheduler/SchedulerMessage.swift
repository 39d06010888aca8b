import KubeAPI
import Wire

/// Upstream `FitError.Error()` with the DefaultPreemption post-filter message: reasons counted per node,
/// rendered `"<count> <reason>"`, sorted as strings (Go's `sort.Strings`) and joined by `, `. Pure.
///
/// `0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s)
/// didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not
/// helpful for scheduling.`
enum SchedulerMessage {
    /// The message for a pod no node accepts; `failures` has one entry per node.
    static func fitError(_ pod: Pod, nodeCount: Int, failures: [SchedulerFilters.Failure]) -> String {
        let filters = "0/\(nodeCount) nodes are available: \(histogram(failures.map(\.reason)))."
        return "\(filters) preemption: \(preemption(pod, nodeCount: nodeCount, failures: failures))"
    }

    /// The preemption part (without its `preemption: ` prefix). Pods here have no lower-priority victims,
    /// so a node preemption could help still yields none.
    static func preemption(_ pod: Pod, nodeCount: Int, failures: [SchedulerFilters.Failure]) -> String {
        if pod.spec.preemptionPolicy == "Never" { return "not eligible due to preemptionPolicy=Never." }
        let reasons = failures.map {
            $0.resolvable ? "No preemption victims found for incoming pod" : "Preemption is not helpful for scheduling"
        }
        return "0/\(nodeCount) nodes are available: \(histogram(reasons))."
    }

    /// `"<count> <reason>"` per distinct reason, sorted bytewise, joined by `, `.
    static func histogram(_ reasons: [String]) -> String {
        var counts: [String: Int] = [:]
        for reason in reasons { counts[reason, default: 0] += 1 }
        return counts.map { "\($0.value) \($0.key)" }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .joined(separator: ", ")
    }
}
