import KubeAPI
import Wire

/// What `kctl config get-contexts` prints, as kubectl's `get-contexts` prints it. Pure.
enum ConfigContextsTable {
    /// The table's column names.
    static let header = ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]

    /// The output for `names` (every context when empty), and the contexts that were asked for but do not exist.
    ///
    /// Rows are sorted by name whatever the order asked; the header is printed even without rows (kubectl's
    /// tab writer, minimum width 6 and padding 3). `nameOnly` (`-o name`) prints names alone, without a header.
    static func render(
        _ document: KubeconfigDocument, names: [String], nameOnly: Bool, headers: Bool = true
    ) -> (text: String, missing: [String]) {
        let all = document.contexts
        let missing = names.filter { name in !all.contains { $0.name == name } }
        let shown = names.isEmpty ? all : all.filter { names.contains($0.name) }
        if nameOnly {
            return (shown.map { $0.name + "\n" }.joined(), missing)
        }
        let current = document.currentContext
        let rows = shown.map { context in
            [context.name == current ? "*" : "", context.name, context.cluster, context.user, context.namespace]
        }
        var writer = TableWriter()
        return (writer.format((headers ? [header] : []) + rows), missing)
    }

    /// kubectl's error for contexts asked for that do not exist: one `context X not found` per context.
    static func missingError(_ missing: [String]) -> AggregateError? {
        guard !missing.isEmpty else { return nil }
        return AggregateError(errors: missing.map { MessageError("context \($0) not found") })
    }
}
