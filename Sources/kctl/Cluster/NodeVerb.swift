/// The fault and lifecycle verbs on one node, with the states each applies to. Pure.
enum NodeVerb: String, Sendable, CaseIterable {
    case kill, stop, start, pause, unpause, partition, heal

    /// The past tense kctl prints: `node/n2 killed`.
    var pastTense: String {
        switch self {
        case .kill: return "killed"
        case .stop: return "stopped"
        case .start: return "started"
        case .pause: return "paused"
        case .unpause: return "unpaused"
        case .partition: return "partitioned"
        case .heal: return "healed"
        }
    }

    /// Throws when the verb does not apply to `node` as it is (`node "n1" is not running`); nothing is changed then.
    func check(_ node: NodeRecord) throws(ClusterError) {
        let name = "node \"\(node.name)\""
        switch self {
        case .kill, .stop:
            guard node.state.hasProcess else {
                throw .invalidTransition("\(name) is not running (\(node.state.rawValue))")
            }
        case .start:
            guard !node.state.hasProcess else {
                throw .invalidTransition("\(name) is already running\(node.state == .paused ? " (paused)" : "")")
            }
        case .pause:
            guard node.state != .paused else { throw .invalidTransition("\(name) is already paused") }
            guard node.state == .running else {
                throw .invalidTransition("\(name) is not running (\(node.state.rawValue))")
            }
        case .unpause:
            guard node.state == .paused else { throw .invalidTransition("\(name) is not paused") }
        case .partition:
            guard !node.partitioned else { throw .invalidTransition("\(name) is already partitioned") }
        case .heal:
            guard node.partitioned else { throw .invalidTransition("\(name) is not partitioned") }
        }
    }

    /// The node's record after the verb succeeded (the runtime sets the process id of a started node).
    func applied(to node: NodeRecord) -> NodeRecord {
        var node = node
        switch self {
        case .kill:
            node.state = .killed
            node.pid = nil
        case .stop:
            node.state = .stopped
            node.pid = nil
        case .start, .unpause: node.state = .running
        case .pause: node.state = .paused
        case .partition: node.partitioned = true
        case .heal: node.partitioned = false
        }
        return node
    }
}
