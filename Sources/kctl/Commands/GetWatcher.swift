import Foundation
import Wire

/// `kctl get KIND -w`: the current list (unless `--watch-only`), then one row per change, with column widths that
/// only grow, as kubectl prints them (§6.5 of the reference).
struct GetWatcher {
    var kind: ResourceKind
    var namespace: String?
    var labelSelector: String?
    var fieldSelector: String?
    var options: ResourcePrinter.Options
    var watchOnly: Bool
    var outputWatchEvents: Bool

    func run(_ client: APIClient) async throws {
        var list = Request(verb: .list, kind: kind.kind, namespace: client.scoped(kind, namespace))
        list.labelSelector = labelSelector
        list.fieldSelector = fieldSelector
        let listed = try await client.send(list)
        var writer = TableWriter(remembersWidths: true)
        var headerPrinted = false
        func emit(_ objects: [JSONValue], event: String?) {
            guard !objects.isEmpty else { return }
            let table = ResourcePrinter.table(kind: kind.kind, objects: objects, now: Date(), options: options)
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
        if !watchOnly { emit(listed?["items"]?.arrayValue ?? [], event: "ADDED") }
        var watch = list
        watch.verb = .watch
        watch.resourceVersion = listed?[path: ["metadata", "resourceVersion"]]?.stringValue
        for try await event in client.wire.watch(watch) where event.type != .bookmark {
            emit([event.object], event: event.type.rawValue)
        }
    }
}
