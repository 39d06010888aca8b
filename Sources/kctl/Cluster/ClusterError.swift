/// Failures of `kctl cluster` commands, worded like kind and kubectl; kctl prints them after `error: `.
enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `create` with a name that is taken.
    case alreadyExists(String)
    /// A command names a cluster that does not exist.
    case notFound(String)
    /// A node command names a node the cluster does not have.
    case nodeNotFound(node: String, cluster: String)
    /// `add-node --name` with a name that is taken.
    case nodeAlreadyExists(node: String, cluster: String)
    /// `--runtime` with an unknown value.
    case unknownRuntime(String)
    /// A runtime that is known but cannot be used here.
    case runtimeUnavailable(String)
    /// A bad flag or argument value; the message is printed as is.
    case invalidArgument(String)
    /// A fault verb that does not apply to the node's current state (`node "n1" is not running`).
    case invalidTransition(String)
    /// A binary kctl runs that cannot be found.
    case binaryNotFound(String)
    /// A daemon failed to start or ended early; the message says which and where its log is.
    case processFailed(String)
    /// A wait ran out of time.
    case timedOut(String)
    /// Network partitions cannot be made in this setting.
    case partitionUnavailable(String)
    /// Reading or writing the cluster's state failed.
    case stateFile(String)

    var description: String {
        switch self {
        case .alreadyExists(let name): return "cluster \"\(name)\" already exists"
        case .notFound(let name): return "cluster \"\(name)\" not found"
        case .nodeNotFound(let node, let cluster): return "node \"\(node)\" not found in cluster \"\(cluster)\""
        case .nodeAlreadyExists(let node, let cluster):
            return "node \"\(node)\" already exists in cluster \"\(cluster)\""
        case .unknownRuntime(let name):
            return
                "unknown runtime \"\(name)\": expected one of \(RuntimeKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .runtimeUnavailable(let message), .invalidArgument(let message), .invalidTransition(let message),
            .processFailed(let message), .timedOut(let message), .partitionUnavailable(let message),
            .stateFile(let message):
            return message
        case .binaryNotFound(let name):
            return "cannot find the \(name) binary next to kctl or on $PATH; build it with `swift build`"
        }
    }
}
