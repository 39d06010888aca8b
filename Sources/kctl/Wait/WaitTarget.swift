import KubeAPI
import Wire

/// One object `kctl wait` waits on: where it is, and how kubectl names it in its lines.
struct WaitTarget: Sendable, Equatable {
    var kind: ResourceKind
    var namespace: String?
    var name: String
    /// Whether the object existed when the targets were resolved (a missing one is its NotFound, in turn).
    var exists = true

    /// `pod/x`, `deployment.apps/redis`: the `condition met` line's name.
    var printed: String { NamePrinter.qualifiedName(kind: kind.kind, name: name) }
    /// `pods/x`: how the timeout error names it (kubectl uses the resource's plural there).
    var resourceName: String { "\(kind.plural)/\(name)" }
}
