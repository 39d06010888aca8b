import ArgumentParser
import KubeAPI
import Wire

/// `kctl annotate KIND NAME... KEY=VALUE... KEY-... [--overwrite] [-l SELECTOR | --all] [--dry-run] [-o]`: sets and
/// removes annotations with a JSON merge patch, printing `deployment.apps/web annotated` per object, as kubectl.
/// The first failure ends the command (exit 1), as kubectl's resource visitor does.
struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the annotations on a resource.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME..., then KEY=VALUE to set and KEY- to remove.")
    var arguments: [String] = []

    @Flag(help: "Allow annotations to be overwritten; otherwise changing an existing annotation fails.")
    var overwrite = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the kind in the namespace.")
    var all = false

    @Option(help: "If non-empty, the annotation update only succeeds if this is the object's current resourceVersion.")
    var resourceVersion: String?

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    @Option(name: [.short, .customLong("output")], help: "name, yaml or json.")
    var output: String?

    func validate() throws {
        try CreateOptions.validateDryRun(dryRun)
    }

    func run() async throws {
        CreateOptions.warnIfDeprecated(dryRun)
        let change: AnnotationChange
        let targets: ResourceTargets
        let printer: ObjectPrinter
        let strategy = (try? DryRunStrategy.parse(dryRun))?.strategy ?? .none
        if let parsed = try? AnnotationChange.parse(arguments, all: all, selector: selector) {
            await CustomKindDiscovery.prepare(global, arguments: parsed.resources)
        }
        do {
            printer = try ObjectPrinter(
                output: output, allowed: [.name, .yaml, .json], operation: "annotated", dryRunSuffix: strategy.suffix)
            change = try AnnotationChange.parse(arguments, all: all, selector: selector)
            targets = ResourceTargets(arguments: change.resources, selector: selector, allowEmptySelector: all)
            _ = try targets.queries()
        } catch let error as ValidationError {
            ErrorReporting.printError("error: \(error.message)")
            throw ExitCode(1)
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        let options = self
        let failed = try await APIClient.with(global) { client in
            var printer = printer
            do {
                for target in try await targets.fetch(client) {
                    let object = try target.object.get()
                    let written = try await options.annotate(object, kind: target.kind, change: change, strategy: strategy, client: client)
                    print(printer.print(written, kind: target.kind), terminator: "")
                }
                return false
            } catch {
                ErrorReporting.printError(KubectlErrors.checkErr(error))
                return true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Annotates one object (only locally with `--dry-run=client`) and returns it as written.
    private func annotate(
        _ object: JSONValue, kind: ResourceKind, change: AnnotationChange, strategy: DryRunStrategy, client: APIClient
    ) async throws -> JSONValue {
        if strategy == .client {
            var updated = try change.apply(to: object, overwrite: overwrite)
            if let resourceVersion { updated[path: ["metadata", "resourceVersion"]] = .string(resourceVersion) }
            return updated
        }
        let patch = try change.patch(for: object, overwrite: overwrite, resourceVersion: resourceVersion)
        let o = JSONFields(object)
        return try await client.patch(
            kind, namespace: o.namespace.isEmpty ? nil : o.namespace, name: o.name, patch: patch, type: .merge,
            options: strategy.writeOptions)
    }
}
