import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl edit KIND NAME` / `KIND/NAME` (several objects are edited as a `List`): opens the object as YAML (or JSON
/// with `-o json`) in `$KUBE_EDITOR`, `$EDITOR` or `vi`, then sends a strategic merge patch from the fetched object
/// to the edited one and prints `daemonset.apps/x edited`. An invalid edit reopens the file with the server's
/// causes at the top; saving it unchanged then gives up, keeping a copy. The flow of kubectl's `edit`.
struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Edit a resource on the server.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND [NAME...], or KIND/NAME...")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("output")], help: "yaml (default) or json: the format to edit and print in.")
    var output: String?

    @Flag(help: "Print the patch of each edited object to stdout before sending it.")
    var outputPatch = false

    func validate() throws {
        guard !arguments.isEmpty else {
            throw ValidationError(ResourceTargets.noResources)
        }
        _ = try Self.printer(output: output, operation: "edited")
    }

    func run() async throws {
        let queries: [GetQuery]
        await CustomKindDiscovery.prepare(global, arguments: arguments)
        do {
            queries = try GetQuery.parse(arguments)
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
        let (objects, namespace) = try await fetch(queries)
        guard !objects.isEmpty else {
            ErrorReporting.printError("error: edit cancelled, no objects found")
            throw ExitCode(1)
        }
        var session = EditSession(objects: objects, format: output == "json" ? .json : .yaml, namespace: namespace)
        let editor = EditorCommand(environment: ProcessInfo.processInfo.environment)
        let program = (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "kctl"
        var previousFile: String?
        while true {
            let text = session.fileText()
            let saved: (text: String, path: String)
            do {
                saved = try await EditorLauncher.edit(
                    text, prefix: "\(program)-edit-", suffix: session.fileExtension, editor: editor)
            } catch {
                try fail(KubectlErrors.checkErr(error), keeping: previousFile)
            }
            let review = session.review(saved.text)
            if review == .noValidChanges {
                try fail("error: Edit cancelled, no valid changes were saved.", keeping: saved.path)
            }
            if let previousFile { try? FileManager.default.removeItem(atPath: previousFile) }
            previousFile = nil
            switch review {
            case .noValidChanges:
                return
            case .noChanges, .empty:
                try? FileManager.default.removeItem(atPath: saved.path)
                ErrorReporting.printError(
                    review == .noChanges ? "Edit cancelled, no changes made." : "Edit cancelled, saved file was empty.")
                return
            case .reopen:
                previousFile = saved.path
                continue
            case .failed(let message):
                try fail("error: \(message)", keeping: saved.path)
            case .apply(let steps, let failure):
                try await apply(steps, session: &session)
                if let failure { try fail("error: \(failure)", keeping: saved.path) }
            }
            switch session.finish() {
            case .done:
                try? FileManager.default.removeItem(atPath: saved.path)
                return
            case .retryable:
                ErrorReporting.printError(Self.replaceExists
                    ? "You can run `\(program) replace -f \(saved.path)` to try this update again."
                    : "A copy of your changes has been stored to \"\(saved.path)\"")
                throw ExitCode(1)
            case .notFound:
                ErrorReporting.printError("The edits you made on deleted resources have been saved to \"\(saved.path)\"")
                throw ExitCode(1)
            case .reopen:
                previousFile = saved.path
            }
        }
    }

    /// The objects to edit, in the order asked, and the command's namespace.
    private func fetch(_ queries: [GetQuery]) async throws -> ([JSONValue], String) {
        do {
            return try await APIClient.with(global) { client in
                let namespace = client.defaultNamespace
                var objects: [JSONValue] = []
                for query in queries {
                    let scoped = client.scoped(query.kind, namespace)
                    var found: [JSONValue] = []
                    if query.names.isEmpty {
                        found = try await client.list(query.kind, namespace: scoped)?["items"]?.arrayValue ?? []
                    } else {
                        for name in query.names {
                            if let object = try await client.get(query.kind, namespace: scoped, name: name) {
                                found.append(object)
                            }
                        }
                    }
                    objects += found.map { Self.withKind($0, query.kind) }
                }
                return (objects, namespace)
            }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// Runs one round's steps in order: prints skipped objects, sends the patches, prints each patched object or
    /// records its failure.
    private func apply(_ steps: [EditSession.Step], session: inout EditSession) async throws {
        let patches = steps.compactMap { step -> EditPatch? in
            if case .patch(let patch) = step { return patch }
            return nil
        }
        let outcomes: [Result<JSONValue?, any Error>] =
            patches.isEmpty
            ? []
            : try await APIClient.with(global) { client in
                var outcomes: [Result<JSONValue?, any Error>] = []
                for patch in patches {
                    do {
                        let patched = try await client.patch(
                            patch.kind, namespace: patch.namespace, name: patch.name, patch: patch.patch,
                            // A custom kind takes no strategic merge patch; without merge keys the patch is the
                            // same JSON merge patch.
                            type: patch.kind.isBuiltIn ? .strategic : .merge)
                        outcomes.append(.success(patched))
                    } catch {
                        outcomes.append(.failure(error))
                    }
                }
                return outcomes
            }
        var next = 0
        for step in steps {
            switch step {
            case .skip(let object):
                var printer = try Self.printer(output: output, operation: "skipped")
                print(printer.print(object), terminator: "")
            case .patch(let patch):
                if outputPatch { print("Patch: \(patch.patch.jsonString())") }
                switch outcomes[next] {
                case .success(let patched):
                    var printer = try Self.printer(output: output, operation: "edited")
                    let object = patched ?? ["kind": .string(patch.kind.kind), "metadata": ["name": .string(patch.name)]]
                    print(printer.print(Self.withKind(object, patch.kind)), terminator: "")
                case .failure(let error):
                    ErrorReporting.printError(session.record(error, for: patch))
                }
                next += 1
            }
        }
    }

    /// Prints kubectl's `A copy of your changes has been stored to "<file>"` when `file` still exists, then the
    /// error, and exits 1.
    private func fail(_ message: String, keeping file: String?) throws -> Never {
        if let file, FileManager.default.fileExists(atPath: file) {
            ErrorReporting.printError("A copy of your changes has been stored to \"\(file)\"")
        }
        ErrorReporting.printError(message)
        throw ExitCode(1)
    }

    /// The printer for `-o` (yaml or json) or kubectl's `<kind>/<name> <operation>` line.
    static func printer(output: String?, operation: String) throws -> ObjectPrinter {
        try ObjectPrinter(output: output, allowed: [.yaml, .json], operation: operation)
    }

    /// Whether kctl has a `replace` command to suggest after a failure that may succeed on retry.
    static var replaceExists: Bool {
        Kctl.configuration.subcommands.contains { $0._commandName == "replace" }
    }

    /// Items of lists may lack apiVersion and kind; the editor shows them.
    static func withKind(_ object: JSONValue, _ kind: ResourceKind) -> JSONValue {
        var object = object
        if object["kind"] == nil { object["kind"] = .string(kind.kind) }
        if object["apiVersion"] == nil { object["apiVersion"] = .string(kind.apiVersion) }
        return object
    }
}
