import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl describe KIND [NAME_PREFIX | -l SELECTOR]`, `kctl describe KIND/NAME...`: kubectl's detailed,
/// human-readable view of objects, with their events.
///
/// As kubectl: without a name every object of the kind is described; a single name that is not found is tried
/// as a prefix of the names in the namespace; several descriptions are separated by a blank line; every
/// description has its events, unless `--show-events=false`.
struct Describe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show details of a specific resource or group of resources.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND [NAME_PREFIX], or KIND/NAME...")
    var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "Describe across all namespaces.")
    var allNamespaces = false

    @Option(help: "Show the events of the described objects (default true).")
    var showEvents: Bool?

    func validate() throws {
        guard !arguments.isEmpty else {
            throw ValidationError(
                "You must specify the type of resource to describe. Use \"kctl api-resources\" for a complete list of supported resources.")
        }
    }

    func run() async throws {
        let queries: [GetQuery]
        await CustomKindDiscovery.prepare(global, arguments: arguments)
        do {
            queries = try GetQuery.parse(arguments)
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        let options = self
        let (now, timeZone) = (Date(), TimeZone.current)
        let outcome = try await APIClient.with(global) { client in
            try await options.describe(
                queries, fetcher: DescribeFetcher(client: client, now: now, timeZone: timeZone))
        }
        if !outcome.text.isEmpty { print(outcome.text, terminator: "") }
        for error in outcome.errors { ErrorReporting.printError(ErrorReporting.render(error)) }
        if let notice = outcome.notice { ErrorReporting.printError(notice) }
        if !outcome.errors.isEmpty { throw ExitCode(1) }
    }

    /// Reads the objects, then describes each.
    private func describe(_ queries: [GetQuery], fetcher: DescribeFetcher) async throws -> DescribeOutcome {
        let client = fetcher.client
        let namespace: String? = allNamespaces ? nil : client.defaultNamespace
        var found: [(ResourceKind, JSONValue)] = []
        var errors: [any Error] = []
        for query in queries {
            do {
                if query.names.isEmpty {
                    let list = try await client.list(query.kind, namespace: namespace, labelSelector: selector)
                    found += (list?["items"]?.arrayValue ?? []).map { (query.kind, $0) }
                } else {
                    for name in query.names {
                        do {
                            if let object = try await client.get(query.kind, namespace: namespace, name: name) {
                                found.append((query.kind, object))
                            }
                        } catch {
                            errors.append(error)
                        }
                    }
                }
            } catch {
                errors.append(error)
            }
        }
        if let notFound = errors.first as? Status, notFound.reason == .notFound, arguments.count == 2,
            !arguments[0].contains("/"), let query = queries.first
        {
            return try await describeMatching(query.kind, prefix: arguments[1], original: notFound, fetcher: fetcher)
        }
        var outcome = DescribeOutcome(errors: errors)
        let showEvents = self.showEvents ?? true
        for (kind, object) in found {
            do {
                let inputs = try await fetcher.inputs(for: object, kind: kind, showEvents: showEvents)
                let text = ObjectDescriber.describe(object, kind: kind, inputs: inputs)
                outcome.text += outcome.text.isEmpty ? text : "\n\n" + text
            } catch {
                outcome.errors.append(error)
            }
        }
        if found.isEmpty && errors.isEmpty {
            outcome.notice = allNamespaces ? "No resources found" : "No resources found in \(client.defaultNamespace) namespace."
        }
        return outcome
    }

    /// kubectl's `DescribeMatchingResources`: every object of the namespace whose name starts with `prefix`, each
    /// description followed by a newline; none matching fails with the original not-found error.
    private func describeMatching(
        _ kind: ResourceKind, prefix: String, original: Status, fetcher: DescribeFetcher
    ) async throws -> DescribeOutcome {
        let list = try await fetcher.client.list(kind, namespace: fetcher.client.defaultNamespace)
        let matching = (list?["items"]?.arrayValue ?? []).filter { JSONFields($0).name.hasPrefix(prefix) }
        guard !matching.isEmpty else { return DescribeOutcome(errors: [original]) }
        var outcome = DescribeOutcome()
        for object in matching {
            let inputs = try await fetcher.inputs(for: object, kind: kind, showEvents: showEvents ?? true)
            outcome.text += ObjectDescriber.describe(object, kind: kind, inputs: inputs) + "\n"
        }
        return outcome
    }
}

/// What `describe` prints: the descriptions, the errors met, and a notice when there was nothing to describe.
struct DescribeOutcome: Sendable {
    var text = ""
    var errors: [any Error] = []
    var notice: String?
}
