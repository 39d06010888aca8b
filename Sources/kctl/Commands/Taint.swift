import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl taint nodes NODE... KEY=VALUE:EFFECT | KEY:EFFECT- | KEY-` (and `-l`, `--all`, `--overwrite`): updates
/// the taints of nodes and prints `node/n1 tainted` (`untainted`, `modified`) per node, with kubectl's errors.
struct TaintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taint", abstract: "Update the taints on one or more nodes.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "node NAME... (or node/NAME), then KEY=VALUE:EFFECT, KEY:EFFECT- or KEY- ...")
    var arguments: [String] = []

    @Flag(help: "Select all nodes in the cluster.")
    var all = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.")
    var overwrite = false

    @Option(name: [.short, .customLong("output")], help: "name, yaml or json.")
    var output: String?

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    func run() async throws {
        let update: TaintUpdate
        do {
            try CreateOptions.validateDryRun(dryRun)
            update = try TaintUpdate.parse(arguments)
            _ = try ObjectPrinter(output: output, allowed: [.name, .yaml, .json], operation: "")
        } catch let error as TaintParseError {
            ErrorReporting.printError(error.text)
            throw ExitCode(1)
        }
        let kindName = update.resources[0].split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        guard let kind = ResourceKind.resolve(kindName.lowercased()) else {
            ErrorReporting.printError("error: the server doesn't have a resource type \"\(kindName)\"")
            throw ExitCode(1)
        }
        guard kind == .node else {
            ErrorReporting.printError(
                "error: invalid resource type \(update.resources[0]), only node types are supported")
            throw ExitCode(1)
        }
        if let error = update.validate(all: all, selector: selector) {
            ErrorReporting.printError(error.description)
            throw ExitCode(1)
        }
        let options = self
        let errors: [any Error]
        do {
            errors = try await APIClient.with(global) { client in
                try await options.taint(update, client)
            }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
        try Rollout.finish(errors)
    }

    /// Reads the nodes (by name, selector or all), updates each, and prints a line per node; returns the errors
    /// met on the way, as kubectl goes on with the next node.
    private func taint(_ update: TaintUpdate, _ client: APIClient) async throws -> [any Error] {
        var nodes: [Result<JSONValue, any Error>] = []
        if all || !(selector ?? "").isEmpty {
            let list = try await client.list(.node, namespace: nil, labelSelector: all ? nil : selector)
            nodes = (list?["items"]?.arrayValue ?? []).map { .success($0) }
        } else {
            var names = Array(update.resources.dropFirst())
            if let slash = update.resources[0].firstIndex(of: "/") {
                names.insert(String(update.resources[0][update.resources[0].index(after: slash)...]), at: 0)
            }
            for name in names {
                do {
                    guard let node = try await client.get(.node, namespace: nil, name: name) else {
                        throw Status.notFound(.node, name: name)
                    }
                    nodes.append(.success(node))
                } catch {
                    nodes.append(.failure(error))
                }
            }
        }
        var errors: [any Error] = []
        let strategy = CreateOptions(explicitNamespace: nil, saveConfig: false, dryRun: dryRun).strategy
        for node in nodes {
            do {
                let object = try node.get()
                let outcome = try update.apply(to: object, overwrite: overwrite)
                var modified = object
                modified[path: ["spec", "taints"]] = outcome.taints.isEmpty ? nil : .array(outcome.taints)
                let name = JSONFields(object).name
                let patch =
                    StrategicMergePatch.twoWay(original: object, modified: modified, kind: "Node") ?? .object([:])
                let patched =
                    strategy == .client
                    ? modified
                    : try await client.patch(
                        .node, namespace: nil, name: name, patch: patch, type: .strategic,
                        options: strategy.writeOptions)
                var printer = try ObjectPrinter(
                    output: output, allowed: [.name, .yaml, .json], operation: outcome.operation,
                    dryRunSuffix: strategy.suffix)
                print(printer.print(patched, kind: .node), terminator: "")
            } catch let failures as TaintFailures {
                errors += failures.errors as [any Error]
            } catch {
                errors.append(error)
            }
        }
        return errors
    }
}
