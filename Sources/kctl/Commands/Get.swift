import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl get KIND[,KIND] [NAME...] [-l SELECTOR] [-o FORMAT] [-A]`, with kubectl's tables and output formats.
struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Display one or many resources.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND[,KIND...] [NAME...], or KIND/NAME...")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("output")],
            help: "wide, yaml, json, name, jsonpath=TEMPLATE, go-template=TEMPLATE, go-template-file=FILE, custom-columns=SPEC.")
    var output: String?

    @Option(help: "Template string or path to template file to use when -o=go-template, -o=go-template-file (or -o=jsonpath).")
    var template: String?

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Option(help: "Field selector to filter on (metadata.name, metadata.namespace, spec.nodeName, status.phase).")
    var fieldSelector: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    @Flag(help: "Show all labels as the last column.")
    var showLabels = false

    @Option(name: [.customShort("L"), .customLong("label-columns")], help: "Labels to show as columns.")
    var labelColumns: [String] = []

    @Flag(help: "Print no headers (tables).")
    var noHeaders = false

    @Flag(help: "List the resource type of the requested objects in their names (tables).")
    var showKind = false

    @Flag(help: "Keep metadata.managedFields in JSON and YAML output.")
    var showManagedFields = false

    @Flag(name: [.short, .customLong("watch")], help: "After listing, watch for changes.")
    var watch = false

    @Flag(help: "Watch for changes without listing first.")
    var watchOnly = false

    @Flag(help: "With --watch, print the event type (ADDED, MODIFIED, DELETED) as a first column.")
    var outputWatchEvents = false

    @Option(help: "Sort list types using this field specification (a JSONPath expression, e.g. '{.metadata.name}').")
    var sortBy: String?

    func validate() throws {
        guard !arguments.isEmpty else {
            throw ValidationError(
                "You must specify the type of resource to get. Use \"kctl api-resources\" for a complete list of supported resources.")
        }
        _ = try OutputFormat(output, template: template)
        if let sortBy, !sortBy.isEmpty {
            do { _ = try ObjectSorter(sortBy) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        let format = try OutputFormat(output, template: template)
        if case .unusable(let message) = format {
            ErrorReporting.printError("error: \(message)")
            throw ExitCode(1)
        }
        let queries: [GetQuery]
        await CustomKindDiscovery.prepare(global, arguments: arguments)
        do {
            queries = try GetQuery.parse(arguments)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let options = self
        if watch || watchOnly {
            guard queries.count == 1, queries[0].names.count <= 1, format == .table || format == .wide else {
                ErrorReporting.printError("error: --watch works with one resource kind and the table output")
                throw ExitCode(1)
            }
            let query = queries[0]
            var fields = fieldSelector
            if let name = query.names.first { fields = "metadata.name=\(name)" + (fields.map { ",\($0)" } ?? "") }
            let watcher = GetWatcher(
                kind: query.kind, namespace: allNamespaces ? nil : global.namespace, labelSelector: selector,
                fieldSelector: fields,
                options: ResourcePrinter.Options(
                    wide: format == .wide, showNamespace: allNamespaces, showLabels: showLabels),
                watchOnly: watchOnly, outputWatchEvents: outputWatchEvents)
            do {
                try await APIClient.with(global) { client in
                    var scoped = watcher
                    if !options.allNamespaces { scoped.namespace = client.defaultNamespace }
                    try await scoped.run(client)
                }
            } catch {
                ErrorReporting.printError(ErrorReporting.render(error))
                throw ExitCode(1)
            }
            return
        }
        // Tables are computed by the server, as kubectl asks for them; `--sort-by` needs the whole objects in rows.
        let tabular = format == .table || format == .wide
        let sorter: ObjectSorter?
        do {
            sorter = try sortBy.flatMap { $0.isEmpty ? nil : try ObjectSorter($0) }
        } catch {
            ErrorReporting.printError("error: \(error)")
            throw ExitCode(1)
        }
        let tableOptions = TableOptions(includeObject: sorter == nil ? .metadata : .object)
        var outcome = try await APIClient.with(global) { client in
            try await options.fetch(queries, client: client, tables: tabular ? tableOptions : nil)
        }
        if let sorter {
            do {
                outcome.results = try outcome.results.map { kind, objects in (kind, try sorter.sorted(objects)) }
                outcome.tables = try outcome.tables.map { kind, table in (kind, try Self.sorted(table, by: sorter)) }
            } catch {
                ErrorReporting.printError("error: \(error)")
                throw ExitCode(1)
            }
        }
        let singleObject = queries.count == 1 && queries[0].names.count == 1
        // kubectl prints nothing but the error when the one object asked for could not be fetched.
        let fetchedNothing =
            singleObject && !outcome.errors.isEmpty && outcome.results.allSatisfy { $0.1.isEmpty }
            && outcome.tables.allSatisfy { $0.1.rows.isEmpty }
        let renderer = GetRenderer(
            format: format, now: Date(), allNamespaces: allNamespaces, showLabels: showLabels,
            labelColumns: labelColumns.flatMap { $0.split(separator: ",").map(String.init) }, noHeaders: noHeaders,
            namespace: outcome.namespace, showKind: showKind, showManagedFields: showManagedFields)
        let rendered: GetRenderer.Rendered
        if fetchedNothing {
            rendered = GetRenderer.Rendered(stdout: "", stderr: nil)
        } else if tabular {
            rendered = renderer.renderTables(outcome.tables)
        } else {
            rendered = renderer.render(outcome.results, singleObject: singleObject)
        }
        if !rendered.stdout.isEmpty { print(rendered.stdout, terminator: "") }
        for error in outcome.errors { ErrorReporting.printError(ErrorReporting.render(error)) }
        let askedByName = queries.contains { !$0.names.isEmpty }
        // As kubectl: `No resources found` only when nothing failed.
        if let message = rendered.stderr,
            !((askedByName || !outcome.errors.isEmpty) && message.hasPrefix("No resources found"))
        {
            ErrorReporting.printError(message)
        }
        if !outcome.errors.isEmpty || rendered.failed { throw ExitCode(1) }
    }

    /// `table` with its rows in `sorter`'s order of their objects (the server sent whole objects for this).
    private static func sorted(_ table: KubeAPI.Table, by sorter: ObjectSorter) throws(ObjectSorter.Failure)
        -> KubeAPI.Table
    {
        var sorted = table
        let order = try sorter.order(table.rows.map { $0.object ?? .null })
        sorted.rows = order.map { table.rows[$0] }
        return sorted
    }

    /// Fetches each query's objects, or with `tables` the server's tables of them (one per kind, the rows of
    /// several names joined).
    private func fetch(_ queries: [GetQuery], client: APIClient, tables: TableOptions?) async throws -> GetOutcome {
        var outcome = GetOutcome(namespace: client.defaultNamespace)
        let namespace: String? = allNamespaces ? nil : client.defaultNamespace
        for query in queries {
            let scope = client.scoped(query.kind, namespace)
            var requests: [Request] = []
            if query.names.isEmpty {
                var request = Request(verb: .list, kind: query.kind.kind, namespace: scope)
                request.labelSelector = selector
                request.fieldSelector = fieldSelector
                requests.append(request)
            } else {
                requests = query.names.map { Request(verb: .get, kind: query.kind.kind, namespace: scope, name: $0) }
            }
            var objects: [JSONValue] = []
            var table: KubeAPI.Table?
            for var request in requests {
                if let tables {
                    request.as = TableOptions.tableConversion
                    request.includeObject = tables.includeObject.rawValue
                }
                do {
                    guard let answer = try await client.send(request) else { continue }
                    if tables == nil {
                        objects += request.verb == .list ? answer["items"]?.arrayValue ?? [] : [answer]
                    } else {
                        let part = try answer.decode(as: KubeAPI.Table.self)
                        if table == nil { table = part } else { table?.rows += part.rows }
                    }
                } catch {
                    outcome.errors.append(
                        request.verb == .list
                            ? ListErrorContext.wrap(
                                error, kind: query.kind, labelSelector: selector, fieldSelector: fieldSelector)
                            : error)
                }
            }
            if tables == nil {
                outcome.results.append((query.kind, objects))
            } else {
                outcome.tables.append((query.kind, table ?? KubeAPI.Table(columnDefinitions: [], rows: [])))
            }
        }
        return outcome
    }
}

/// What `get` fetched: objects or tables per kind, in the order asked, and the errors met.
struct GetOutcome: Sendable {
    var namespace: String
    var results: [(ResourceKind, [JSONValue])] = []
    var tables: [(ResourceKind, KubeAPI.Table)] = []
    var errors: [any Error] = []
}

/// One `get` argument group: a kind and the names asked for (empty: list).
struct GetQuery: Sendable, Equatable {
    var kind: ResourceKind
    var names: [String]

    static func parse(_ arguments: [String]) throws -> [GetQuery] {
        guard let first = arguments.first else { return [] }
        if first.contains("/") {
            var queries: [GetQuery] = []
            for argument in arguments {
                let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    throw ManifestError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kctl get resource/<resource_name>' instead of 'kctl get resource resource/<resource_name>'")
                }
                let kind = try resolve(parts[0])
                if let index = queries.firstIndex(where: { $0.kind == kind }) {
                    queries[index].names.append(parts[1])
                } else {
                    queries.append(GetQuery(kind: kind, names: [parts[1]]))
                }
            }
            return queries
        }
        let names = Array(arguments.dropFirst())
        // `all` is the kinds of the `all` category, as kubectl expands it.
        return try first.split(separator: ",").flatMap { name in
            name == "all"
                ? (ResourceKind.allCategory + ResourceKind.discovered.kinds(inCategory: "all"))
                    .map { GetQuery(kind: $0, names: names) }
                : [GetQuery(kind: try resolve(String(name)), names: names)]
        }
    }

    private static func resolve(_ name: String) throws -> ResourceKind {
        guard let kind = ResourceKind.lookUp(name: name) else {
            throw ManifestError("the server doesn't have a resource type \"\(name)\"")
        }
        return kind
    }
}
