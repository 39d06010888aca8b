import KubeAPI
import Wire

/// The lines `kctl cordon`, `uncordon` and `drain` print, as kubectl's `cmd/drain` and `pkg/drain` word them. Pure.
enum DrainText {
    /// The strategic merge patch that sets `spec.unschedulable` (`null` removes it, as kubectl's cordon helper's
    /// two-way patch does for `false`).
    static func cordonPatch(unschedulable: Bool) -> JSONValue {
        ["spec": ["unschedulable": unschedulable ? .bool(true) : .null]]
    }

    /// `node/n1 cordoned`, `node/n1 already cordoned`, `node/n1 uncordoned`, `node/n1 already uncordoned`.
    static func cordonLine(node: String, unschedulable: Bool, alreadyDone: Bool) -> String {
        let verb = unschedulable ? "cordoned" : "uncordoned"
        return "node/\(node) \(alreadyDone ? "already " : "")\(verb)"
    }

    /// `error: unable to cordon node "n1": <message>`.
    static func cordonError(node: String, unschedulable: Bool, message: String) -> String {
        "error: unable to \(unschedulable ? "cordon" : "uncordon") node \"\(node)\": \(message)"
    }

    /// The warning line (stderr) for pods drain leaves or deletes with a caveat; `Warning:` in bold yellow when
    /// stderr is a colour terminal, as kubectl's warning printer.
    static func warning(_ warnings: String, color: Bool) -> String {
        color ? "\u{1B}[33;1mWarning:\u{1B}[0m \(warnings)" : "Warning: \(warnings)"
    }

    /// `evicting pod default/redis-x` (stdout), printed as each eviction is requested.
    static func evicting(namespace: String, name: String) -> String { "evicting pod \(namespace)/\(name)" }

    /// `pod/redis-x evicted` (or `deleted` with `--disable-eviction`) once the pod is gone.
    static func finished(name: String, usingEviction: Bool) -> String {
        "pod/\(name) \(usingEviction ? "evicted" : "deleted")"
    }

    /// `pod "x" has DeletionTimestamp older than 5 seconds, skipping` (stdout, while waiting).
    static func skipping(name: String, seconds: Int) -> String {
        "pod \"\(name)\" has DeletionTimestamp older than \(seconds) seconds, skipping"
    }

    /// An eviction that failed: `error when evicting pods/"x" -n "default": <message>`.
    static func evictionFailed(namespace: String, name: String, message: String) -> String {
        "error when evicting pods/\"\(name)\" -n \"\(namespace)\": \(message)"
    }

    /// A pod still there when the deadline passed.
    static func waitFailed(namespace: String, name: String, message: String) -> String {
        "error when waiting for pod \"\(name)\" in namespace \"\(namespace)\" to terminate: \(message)"
    }

    /// What a wait that ran out of time reports (Go's `context.DeadlineExceeded`).
    static let deadlineExceeded = "context deadline exceeded"

    /// The stderr block after evictions failed: `There are pending pods in node "n1" when an error occurred:
    /// <error>` and a `pod/<name>` line per pod still to go (nothing when none remain).
    static func pendingPods(node: String, error: String, pods: [String]) -> String? {
        guard !pods.isEmpty else { return nil }
        let header = "There are pending pods in node \"\(node)\" when an error occurred: \(error)"
        return ([header] + pods.map { "pod/\($0)" }).joined(separator: "\n")
    }

    /// `error: unable to drain node "n1" due to error: <error>, continuing command...`.
    static func unableToDrain(node: String, error: String) -> String {
        "error: unable to drain node \"\(node)\" due to error: \(error), continuing command..."
    }

    /// `There are pending nodes to be drained:` and ` <node>` per node, or nil when all were drained.
    static func pendingNodes(_ nodes: [String]) -> String? {
        guard !nodes.isEmpty else { return nil }
        return (["There are pending nodes to be drained:"] + nodes.map { " \($0)" }).joined(separator: "\n")
    }

    /// `node/n1 drained`.
    static func drained(node: String) -> String { "node/\(node) drained" }
}
