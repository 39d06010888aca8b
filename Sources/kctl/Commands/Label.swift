import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl label KIND NAME... KEY=VALUE... KEY-... [--overwrite] [-l SELECTOR | --all]`: adds, changes and removes
/// labels with a JSON merge patch, printing `pod/x labeled` per object, as kubectl.
struct Label: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the labels on a resource.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME..., then KEY=VALUE to set and KEY- to remove.")
    var arguments: [String] = []

    @Flag(help: "Allow labels to be overwritten; otherwise changing an existing label fails.")
    var overwrite = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the kind in the namespace.")
    var all = false

    func run() async throws {
        let change: LabelChange
        let queries: [GetQuery]
        if let parsed = try? LabelChange.parse(arguments, all: all, selector: selector) {
            await CustomKindDiscovery.prepare(global, arguments: parsed.resources)
        }
        do {
            change = try LabelChange.parse(arguments, all: all, selector: selector)
            queries = try GetQuery.parse(change.resources)
            if queries.contains(where: { !$0.names.isEmpty }) && selector != nil {
                throw LabelError("name cannot be provided when a selector is specified")
            }
            if queries.contains(where: { $0.names.isEmpty }) && selector == nil && !all {
                throw LabelError("resource(s) were provided, but no name was specified")
            }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        let options = self
        let failed = try await APIClient.with(global) { client in
            var failed = false
            for query in queries {
                for target in try await options.targets(query, client: client) {
                    do {
                        try await options.label(target, kind: query.kind, change: change, client: client)
                    } catch {
                        failed = true
                        ErrorReporting.printError(ErrorReporting.render(error))
                    }
                }
            }
            return failed
        }
        if failed { throw ExitCode(1) }
    }

    /// The objects named by a query, or those the selector (or `--all`) picks; objects that cannot be read
    /// yield their error when labelled.
    private func targets(_ query: GetQuery, client: APIClient) async throws -> [Result<JSONValue, any Error>] {
        guard query.names.isEmpty else {
            var results: [Result<JSONValue, any Error>] = []
            for name in query.names {
                do {
                    guard let object = try await client.get(query.kind, namespace: client.defaultNamespace, name: name)
                    else { continue }
                    results.append(.success(object))
                } catch {
                    results.append(.failure(error))
                }
            }
            return results
        }
        let list = try await client.list(query.kind, namespace: client.defaultNamespace, labelSelector: selector)
        return (list?["items"]?.arrayValue ?? []).map { .success($0) }
    }

    private func label(
        _ target: Result<JSONValue, any Error>, kind: ResourceKind, change: LabelChange, client: APIClient
    ) async throws {
        let object = try target.get()
        let outcome = try change.apply(to: object, kind: kind, overwrite: overwrite)
        for key in outcome.missing { print("label \(GoQuote.quote(key)) not found.") }
        let o = JSONFields(object)
        try await client.patch(
            kind, namespace: o.namespace.isEmpty ? nil : o.namespace, name: o.name, patch: outcome.patch, type: .merge)
        print(outcome.line(kind: kind, name: o.name))
    }
}

/// A `kubectl label` failure, printed `error: <message>`.
struct LabelError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { "error: \(message)" }
}

/// The label changes of a `kubectl label` command line, and how they apply to one object. Pure.
struct LabelChange: Sendable, Equatable {
    /// The resource arguments (`pods x`, `node/n1`), before the label arguments.
    var resources: [String]
    /// Labels to set, in argument order (a key given twice keeps its last value).
    var set: [(key: String, value: String)]
    /// Label keys to remove (`key-`).
    var remove: [String]

    static func == (a: LabelChange, b: LabelChange) -> Bool {
        a.resources == b.resources && a.remove == b.remove && a.set.map(\.key) == b.set.map(\.key)
            && a.set.map(\.value) == b.set.map(\.value)
    }

    /// Splits resources from label arguments and checks them, with kubectl's messages: labels must follow the
    /// resources, `k=v` must have one `=` and a valid value, and a key cannot be both set and removed.
    static func parse(_ arguments: [String], all: Bool = false, selector: String? = nil) throws(LabelError) -> LabelChange {
        var change = LabelChange(resources: [], set: [], remove: [])
        var foundPair = false
        for argument in arguments {
            let isPair = (argument.contains("=") && !argument.hasPrefix("=")) || (argument.hasSuffix("-") && argument != "-")
            if isPair {
                foundPair = true
                if argument.contains("=") {
                    let parts = argument.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                    guard parts.count == 2 else { throw LabelError("invalid label spec: \(argument)") }
                    let problems = Validation.isValidLabelValue(parts[1])
                    guard problems.isEmpty else {
                        throw LabelError("invalid label value: \(GoQuote.quote(argument)): \(problems.joined(separator: ";"))")
                    }
                    change.set.removeAll { $0.key == parts[0] }
                    change.set.append((parts[0], parts[1]))
                } else {
                    change.remove.append(String(argument.dropLast()))
                }
            } else if foundPair {
                throw LabelError("all resources must be specified before label changes: \(argument)")
            } else {
                change.resources.append(argument)
            }
        }
        if change.remove.contains(where: { key in change.set.contains { $0.key == key } }) {
            throw LabelError("can not both modify and remove a label in the same command")
        }
        if all && selector != nil { throw LabelError("cannot set --all and --selector at the same time") }
        if change.resources.isEmpty {
            throw LabelError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        if change.set.isEmpty && change.remove.isEmpty { throw LabelError("at least one label update is required") }
        return change
    }

    /// Applies the changes to `object` (of `kind`): the merge patch to send and kubectl's verdict.
    ///
    /// - Throws: ``LabelError`` `'k' already has a value (v), and --overwrite is false` (several: `[e1, e2]`), or
    ///   the `Invalid` ``Status`` the API server would return for an invalid key.
    func apply(to object: JSONValue, kind: ResourceKind, overwrite: Bool) throws -> LabelOutcome {
        let current = JSONFields(object).labels
        if !overwrite {
            let clashes = set.filter { current[$0.key] != nil }.map(\.key).sorted()
            let messages = clashes.map { "'\($0)' already has a value (\(current[$0] ?? "")), and --overwrite is false" }
            if messages.count == 1 { throw LabelError(messages[0]) }
            if !messages.isEmpty { throw LabelError("[" + messages.joined(separator: ", ") + "]") }
        }
        let invalid = Validation.validateLabels(Dictionary(set, uniquingKeysWith: { $1 }), field: "metadata.labels")
        if !invalid.isEmpty { throw Status.invalid(kind, name: JSONFields(object).name, errors: invalid) }
        var labels = current
        for (key, value) in set { labels[key] = value }
        for key in remove { labels[key] = nil }
        var updated = object
        updated[path: ["metadata", "labels"]] = .object(labels.mapValues { .string($0) })
        var operation = "not labeled"
        if updated != object {
            let shorter = updated.jsonString().utf8.count < object.jsonString().utf8.count
            operation = !overwrite && shorter ? "unlabeled" : "labeled"
        }
        return LabelOutcome(
            patch: Self.mergePatch(from: object[path: ["metadata", "labels"]], to: labels), operation: operation,
            missing: remove.filter { current[$0] == nil })
    }

    /// `jsonpatch.CreateMergePatch` restricted to `metadata.labels`: changed keys with their value, removed keys
    /// with `null`; the whole map when the object had none; `{}` when nothing changes.
    static func mergePatch(from old: JSONValue?, to labels: [String: String]) -> JSONValue {
        guard let previous = old?.objectValue else {
            return ["metadata": ["labels": .object(labels.mapValues { .string($0) })]]
        }
        var diff: [String: JSONValue] = [:]
        for (key, value) in labels where previous[key] != .string(value) { diff[key] = .string(value) }
        for key in previous.keys where labels[key] == nil { diff[key] = .null }
        return diff.isEmpty ? [:] : ["metadata": ["labels": .object(diff)]]
    }
}

/// What labelling one object does: the merge patch, kubectl's verdict (`labeled`, `unlabeled`, `not labeled`)
/// and the keys asked to be removed that the object did not have.
struct LabelOutcome: Sendable, Equatable {
    var patch: JSONValue
    var operation: String
    var missing: [String]

    /// `pod/x labeled`, `node/n1 unlabeled`, `daemonset.apps/ds not labeled`.
    func line(kind: ResourceKind, name: String) -> String {
        NamePrinter.line(kind: kind.kind, name: name, operation: operation)
    }
}
