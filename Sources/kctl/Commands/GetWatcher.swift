import Foundation
import KubeAPI
import Wire

/// `kctl get KIND -w`: the current list (unless `--watch-only`), then one row per change, with column widths that
/// only grow, as kubectl prints them (§6.5 of the reference). The rows are the server's: the list and the watch ask
/// for tables (``TableWatchTransport``). The watch goes on across control-plane restarts; a
/// relist prints only what changed meanwhile.
struct GetWatcher {
    var kind: ResourceKind
    var namespace: String?
    var labelSelector: String?
    var fieldSelector: String?
    var options: ResourcePrinter.Options
    var watchOnly: Bool
    var outputWatchEvents: Bool

    /// Lists and watches until interrupted, across control-plane restarts (``RetryingWatcher``).
    /// - Throws: the error the watch could not get past (the control plane stayed unreachable, the server refused).
    func run(_ client: APIClient) async throws {
        var list = Request(verb: .list, kind: kind.kind, namespace: client.scoped(kind, namespace))
        list.labelSelector = labelSelector
        list.fieldSelector = fieldSelector
        var writer = TableWriter(remembersWidths: true)
        var headerPrinted = false
        func emit(_ items: [JSONValue], event: String?) {
            guard let received = TableRowItem.table(items) else { return }
            let table = ResourcePrinter.table(received, kind: kind.kind, options: options)
            var lines: [[String]] = []
            let header = outputWatchEvents ? ["EVENT"] + table.header : table.header
            lines.append(header)
            lines += table.rows.map { outputWatchEvents ? [event ?? "ADDED"] + $0 : $0 }
            var text = writer.format(lines)
            if headerPrinted, let newline = text.firstIndex(of: "\n") {
                text = String(text[text.index(after: newline)...])
            }
            headerPrinted = true
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let transport = TableWatchTransport(base: APIWatchTransport(client: client))
        try await RetryingWatcher(list: list, client: client).run(transport) { update in
            switch update {
            case .listed(let items):
                if !watchOnly { emit(items, event: "ADDED") }
            case .event(let event):
                emit([event.object], event: event.type.rawValue)
            }
            return false
        }
    }
}
