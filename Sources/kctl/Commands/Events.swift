import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl events [-n NS | -A] [--for KIND/NAME] [--types Normal,Warning] [-w]`: the events of a namespace, oldest
/// first, as `kubectl events` prints them.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "List events.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List the events across all namespaces.")
    var allNamespaces = false

    @Option(
        name: .customLong("for"), help: "Filter events to only those pertaining to the specified resource (KIND/NAME).")
    var forObject: String?

    @Option(help: "Output only events of the given types (Normal, Warning), comma separated.")
    var types: [String] = []

    @Flag(name: [.short, .customLong("watch")], help: "After listing the requested events, watch for more events.")
    var watch = false

    @Flag(help: "When using the default output format, don't print headers.")
    var noHeaders = false

    @Option(name: [.short, .customLong("output")], help: "json or yaml (the EventList, or each event with -w).")
    var output: String?

    func run() async throws {
        var table = EventsTable(allNamespaces: allNamespaces, noHeaders: noHeaders)
        table.types = types.flatMap { $0.split(separator: ",").map(String.init) }
        var forKind: ResourceKind?
        var forName = ""
        let printer: ObjectPrinter
        do {
            printer = try ObjectPrinter(output: output, allowed: [.json, .yaml], operation: "")
            try EventsTable.checkTypes(table.types)
            if let forObject {
                let (type, name) = try EventsTable.splitFor(forObject)
                guard let kind = ResourceKind.resolve(type.lowercased()) else {
                    throw RolloutError("the server doesn't have a resource type \"\(type)\"")
                }
                forKind = kind
                forName = name
            }
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        if let forKind { table.involved = (forKind.kind, forName) }
        let options = self
        let finished = table
        do {
            try await APIClient.with(global) { client in
                let namespace = options.allNamespaces ? nil : client.defaultNamespace
                if options.watch {
                    try await Self.watch(finished, printer: printer, namespace: namespace, client)
                    return
                }
                let list = try await client.list(.event, namespace: namespace)
                let events = finished.selected(list?["items"]?.arrayValue ?? [])
                guard !events.isEmpty else {
                    ErrorReporting.printError(
                        EventsTable.noEvents(allNamespaces: options.allNamespaces, namespace: client.defaultNamespace))
                    return
                }
                if printer.format == .json {
                    // kubectl prints its typed EventList: Go's field order.
                    print(GoStructJSON.print(EventsTable.list(events), order: .eventList), terminator: "")
                    return
                }
                if printer.format != .operation {
                    var printer = printer
                    print(printer.print(EventsTable.list(events)), terminator: "")
                    return
                }
                var writer = TableWriter()
                print(writer.format(finished.lines(events, now: Date())), terminator: "")
            }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// `events -w`: the events there are, then each new or updated one, in columns whose widths only grow.
    private static func watch(
        _ table: EventsTable, printer: ObjectPrinter, namespace: String?, _ client: APIClient
    ) async throws {
        var writer = TableWriter(remembersWidths: true)
        var headerPrinted = false
        var printer = printer
        func emit(_ events: [JSONValue]) {
            guard !events.isEmpty else { return }
            if printer.format == .json {
                let text = events.map { GoStructJSON.print(EventsTable.item($0), order: .event) }.joined()
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            if printer.format != .operation {
                let text = events.map { printer.print(EventsTable.item($0)) }.joined()
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            var text = writer.format(table.lines(events, now: Date()))
            if headerPrinted, !table.noHeaders, let newline = text.firstIndex(of: "\n") {
                text = String(text[text.index(after: newline)...])
            }
            headerPrinted = true
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let list = APIRequests.list(.event, namespace: namespace, options: ListOptions())
        try await RetryingWatcher(list: list, client: client).run(APIWatchTransport(client: client)) { update in
            switch update {
            case .listed(let items):
                emit(table.selected(items))
            case .event(let event):
                // Events are deleted after an hour: kubectl does not print that.
                if event.type != .deleted { emit(table.selected([event.object])) }
            }
            return false
        }
    }
}
