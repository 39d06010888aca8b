import Foundation

/// A kind of fault a chaos run injects (`--faults`). Node faults pair a fault verb with the verb that undoes it.
enum ChaosFault: String, Sendable, CaseIterable {
    /// SIGKILL a node, later start it again.
    case kill
    /// Stop a node gracefully (it leaves), later start it again.
    case stop
    /// Freeze a node (SIGSTOP), later resume it.
    case pause
    /// Cut a node's network, later restore it.
    case partition
    /// Restart the control plane (SIGTERM or SIGKILL, chosen by the seed) on the same data and port.
    case restartControlPlane = "restart-control-plane"

    /// The verb that injects a node fault and the one that recovers from it; nil for control-plane restarts.
    var nodeVerbs: (fault: NodeVerb, recovery: NodeVerb)? {
        switch self {
        case .kill: return (.kill, .start)
        case .stop: return (.stop, .start)
        case .pause: return (.pause, .unpause)
        case .partition: return (.partition, .heal)
        case .restartControlPlane: return nil
        }
    }

    /// Parses `--faults kill,pause,...`: known names, each once, kept in the canonical order (``allCases``) so a
    /// schedule does not depend on how the list was written.
    ///
    /// - Throws: ``ClusterError/invalidArgument(_:)`` naming an unknown fault, or for an empty list.
    static func parseList(_ text: String) throws(ClusterError) -> [ChaosFault] {
        var chosen = Set<ChaosFault>()
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let name = item.trimmingCharacters(in: .whitespaces)
            guard let fault = ChaosFault(rawValue: name) else {
                throw .invalidArgument(
                    "unknown fault \"\(name)\": expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosen.insert(fault)
        }
        guard !chosen.isEmpty else { throw .invalidArgument("--faults needs at least one fault") }
        return allCases.filter(chosen.contains)
    }
}
