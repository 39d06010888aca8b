import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl replace -f FILE|DIR|- [--force] [--dry-run] [-o]`: replaces each object of the manifests with a whole-object
/// update, printing `configmap/x replaced`; without a resourceVersion in the manifest the current one is read
/// first, so the replace is unconditional, and an object that does not exist is a NotFound. `--force` deletes the
/// objects (`configmap "x" deleted`), waits until they are gone and creates them. Failures are reported after the
/// rest was tried (`Error from server (NotFound): error when replacing "f.yaml": ...`), exit 1.
struct Replace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replace a resource by file name or stdin.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .customLong("filename")], help: "Files, directories or - (stdin) with the manifests.")
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Process directories recursively.")
    var recursive = false

    @Option(name: [.short, .customLong("output")], help: "name, yaml or json.")
    var output: String?

    @Flag(help: "Store the object's configuration in its last-applied annotation, for later kctl apply.")
    var saveConfig = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    @Flag(help: "Delete and re-create the resources.")
    var force = false

    @Option(help: "With --force: seconds given to the resources to terminate gracefully (-1: their default).")
    var gracePeriod: Int64 = -1

    @Option(help: "With --force: how long to wait for the deletion before giving up (0: 5 minutes).")
    var timeout: String = "0s"

    @OptionGroup var validation: ValidateOption

    func validate() throws {
        try CreateOptions.validateDryRun(dryRun)
        _ = try Self.printer(output: output, dryRun: dryRun)
    }

    static func printer(output: String?, dryRun: String) throws -> ObjectPrinter {
        let suffix = (try? DryRunStrategy.parse(dryRun))?.strategy.suffix ?? ""
        return try ObjectPrinter(output: output, allowed: [.name, .yaml, .json], operation: "replaced", dryRunSuffix: suffix)
    }

    func run() async throws {
        let fieldValidation = try validation.directive()
        CreateOptions.warnIfDeprecated(dryRun)
        guard !filenames.isEmpty else {
            ErrorReporting.printError("error: must specify one of -f and -k")
            throw ExitCode(1)
        }
        let options = CreateOptions(
            explicitNamespace: global.namespace, saveConfig: saveConfig, dryRun: dryRun, fieldValidation: fieldValidation)
        if force && options.strategy != .none {
            ErrorReporting.printError("error: --dry-run can not be used when --force is set")
            throw ExitCode(1)
        }
        let objects: [ManifestObject]
        do {
            objects = try ManifestSource.read(filenames, recursive: recursive)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let printer = try Self.printer(output: output, dryRun: dryRun)
        let command = self
        let errors = try await APIClient.with(global) { client in
            command.force
                ? try await command.forceReplace(objects, options: options, printer: printer, client: client)
                : await command.replace(
                    objects, options: options, printer: printer, client: client)
        }
        if !errors.isEmpty {
            ErrorReporting.printError(KubectlErrors.checkErr(AggregateError(errors: errors)))
            throw ExitCode(1)
        }
    }

    private func replace(
        _ objects: [ManifestObject], options: CreateOptions, printer: ObjectPrinter, client: APIClient
    ) async -> [any Error] {
        var printer = printer
        var errors: [any Error] = []
        for item in objects {
            do {
                let (kind, namespace, object) = try options.prepared(item.object, source: item.source, client: client)
                let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
                var replacement = object
                if options.strategy == .client {
                    print(printer.print(replacement), terminator: "")
                    continue
                }
                do {
                    if (replacement[path: ["metadata", "resourceVersion"]]?.stringValue ?? "").isEmpty,
                        let current = try? await client.get(kind, namespace: namespace, name: name),
                        let version = current[path: ["metadata", "resourceVersion"]]
                    {
                        replacement[path: ["metadata", "resourceVersion"]] = version
                    }
                    var request = APIRequests.update(
                        kind, namespace: namespace, name: name, object: replacement, subresource: nil,
                        options: options.strategy.writeOptions)
                    request.fieldValidation = options.fieldValidation
                    let replaced = try await client.sendPrintingWarnings(request) ?? replacement
                    print(printer.print(replaced), terminator: "")
                } catch {
                    throw KubectlErrors.addSource("replacing", source: item.source == "-" ? "STDIN" : item.source, to: error)
                }
            } catch {
                errors.append(error)
            }
        }
        return errors
    }

    /// `--force`: deletes every object (a missing one is skipped), waits until each is gone, then creates them.
    private func forceReplace(
        _ objects: [ManifestObject], options: CreateOptions, printer: ObjectPrinter, client: APIClient
    ) async throws -> [any Error] {
        var prepared: [(kind: ResourceKind, namespace: String?, object: JSONValue, source: String)] = []
        var errors: [any Error] = []
        for item in objects {
            do {
                let (kind, namespace, object) = try options.prepared(item.object, source: item.source, client: client)
                prepared.append((kind, namespace, object, item.source))
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { return errors }
        var deleteOptions = DeleteOptions()
        if gracePeriod >= 0 { deleteOptions.gracePeriodSeconds = gracePeriod }
        for item in prepared {
            let name = item.object[path: ["metadata", "name"]]?.stringValue ?? ""
            do {
                try await client.cluster.deleteObject(item.kind, namespace: item.namespace, name: name, options: deleteOptions)
                print("\(item.kind.printName) \"\(name)\" deleted")
            } catch let status as Status where status.reason == .notFound {
                continue
            }
        }
        let seconds = DurationText.parse(timeout).map(DurationText.seconds) ?? 0
        let deadline = ContinuousClock.now + .seconds(seconds > 0 ? seconds : 300)
        for item in prepared {
            let name = item.object[path: ["metadata", "name"]]?.stringValue ?? ""
            while try await Self.exists(item.kind, namespace: item.namespace, name: name, client: client) {
                guard ContinuousClock.now < deadline else {
                    throw MessageError("timed out waiting for the condition")
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        var printer = printer
        for item in prepared {
            let created = try await client.cluster.createObject(item.kind, item.object, namespace: item.namespace)
            print(printer.print(created), terminator: "")
        }
        return []
    }

    private static func exists(_ kind: ResourceKind, namespace: String?, name: String, client: APIClient) async throws -> Bool {
        do {
            return try await client.get(kind, namespace: namespace, name: name) != nil
        } catch let status as Status where status.reason == .notFound {
            return false
        }
    }
}
