import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create -f FILE|DIR|-`: creates every object of the manifests, printing `daemonset.apps/x created` per
/// object; failures (`Error from server (AlreadyExists): error when creating "f.yaml": ...`) are reported after
/// the rest was tried, and the exit code is then 1. Unlike apply, no last-applied annotation (unless
/// `--save-config`). `kctl create namespace|deployment|configmap|secret generic` create one generated object.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a resource from a file or from stdin.",
        subcommands: [
            CreateConfigMap.self, CreateDeployment.self, CreateNamespace.self, CreateSecret.self,
            CreateServiceAccount.self, CreateToken.self, CreatePodDisruptionBudget.self, CreatePriorityClass.self,
            CreateRole.self, CreateClusterRole.self, CreateRoleBinding.self, CreateClusterRoleBinding.self,
            CreateJob.self, CreateCronJob.self,
        ])

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

    @Option(name: [.customShort("k"), .customLong("kustomize")], help: "Not supported by kctl yet: use -f.")
    var kustomize: String?

    @OptionGroup var validation: ValidateOption

    func validate() throws {
        if kustomize != nil { throw ValidationError(Apply.kustomizeUnsupported) }
        // ArgumentParser validates this command for `create namespace` too: -f is checked in run().
        try CreateOptions.validateDryRun(dryRun)
        _ = try CreateOptions.printer(output: output, dryRun: dryRun)
    }

    func run() async throws {
        let fieldValidation = try validation.directive()
        CreateOptions.warnIfDeprecated(dryRun)
        guard !filenames.isEmpty else {
            // kubectl: the error, a blank line, then create's help, on stderr; exit 1.
            ErrorReporting.printError("Error: must specify one of -f and -k\n")
            ErrorReporting.printError(Kctl.helpMessage(for: Create.self))
            throw ExitCode(1)
        }
        let objects: [ManifestObject]
        do {
            objects = try ManifestSource.read(filenames, recursive: recursive)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let printer = try CreateOptions.printer(output: output, dryRun: dryRun)
        let options = CreateOptions(
            explicitNamespace: global.namespace, saveConfig: saveConfig, dryRun: dryRun, fieldValidation: fieldValidation)
        let (errors, count) = try await APIClient.with(global) { client in
            await CustomKindDiscovery.prepare(client, manifestKinds: objects.map { $0.object["kind"]?.stringValue ?? "" })
            var printer = printer
            var errors: [any Error] = []
            var count = 0
            for item in objects {
                do {
                    let created = try await options.create(item.object, source: item.source, client: client)
                    count += 1
                    print(printer.print(created), terminator: "")
                } catch {
                    errors.append(error)
                }
            }
            return (errors, count)
        }
        if !errors.isEmpty {
            ErrorReporting.printError(KubectlErrors.checkErr(AggregateError(errors: errors)))
            throw ExitCode(1)
        }
        if count == 0 {
            ErrorReporting.printError("error: no objects passed to create")
            throw ExitCode(1)
        }
    }
}

extension Create {
    /// Creates one object a `create` subcommand generated and prints it with `create`'s printer (kubectl's
    /// `(dry run)` / `(server dry run)` suffixes included); a server error is printed and exits 1.
    func createGenerated(_ manifest: JSONValue, failurePrefix: String? = nil) async throws {
        CreateOptions.warnIfDeprecated(dryRun)
        try await CreateOptions(explicitNamespace: nil, saveConfig: saveConfig, dryRun: dryRun)
            .createGenerated(manifest, global: global, output: output, failurePrefix: failurePrefix)
    }
}

/// `kctl create namespace NAME` (alias `ns`): `namespace/NAME created`. Its flags (`-o`, `--dry-run`,
/// `--save-config` and the global ones) are `create`'s.
struct CreateNamespace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "Create a namespace with the specified name.", aliases: ["ns"])

    @ParentCommand var create: Create

    @Argument(help: "The namespace's name.")
    var name: String

    func run() async throws {
        try await create.createGenerated(
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }
}

/// What `create` and `create namespace` share: the request for one object and the printer.
struct CreateOptions: Sendable {
    /// `-n`, which manifests' namespaces must then match.
    var explicitNamespace: String?
    var saveConfig: Bool
    var dryRun: String
    /// `--validate`'s directive (`Strict`, `Warn`, `Ignore`), sent as the write's `fieldValidation`; nil: the
    /// server's default (strict).
    var fieldValidation: String? = nil

    static func validateDryRun(_ dryRun: String) throws {
        do { _ = try DryRunStrategy.parse(dryRun) } catch { throw ValidationError(error.message) }
    }

    /// `NameFromCommandArgs`: the one NAME argument (before any `--`), or kubectl's usage error and exit 1.
    static func requireOneName(_ names: [String], command: String) throws -> String {
        guard names.count == 1 else {
            ErrorReporting.printError(
                "error: exactly one NAME is required, got \(names.count)\nSee 'kctl \(command) -h' for help and examples")
            throw ExitCode(1)
        }
        return names[0]
    }

    /// Prints kubectl's deprecation warning for a Boolean `--dry-run` value (`--dry-run=true`), on standard error.
    static func warnIfDeprecated(_ dryRun: String) {
        if let warning = (try? DryRunStrategy.parse(dryRun))?.warning { ErrorReporting.printError("Warning: \(warning)") }
    }

    /// The `--dry-run` strategy (after ``validateDryRun(_:)``; a bad value counts as none).
    var strategy: DryRunStrategy { (try? DryRunStrategy.parse(dryRun))?.strategy ?? .none }

    static func printer(output: String?, dryRun: String) throws -> ObjectPrinter {
        let suffix = (try? DryRunStrategy.parse(dryRun))?.strategy.suffix ?? ""
        return try ObjectPrinter(output: output, allowed: [.name, .yaml, .json], operation: "created",
                                 dryRunSuffix: suffix)
    }

    /// Creates one object a generator made (`create deployment`, `run`, ...) and prints it as kubectl does; with
    /// `--dry-run=client` prints the object as it is (no namespace unless -n was given). A failure is printed as
    /// kubectl's and exits 1; with `failurePrefix` (`job`) as `error: failed to create job: <message>`, as the
    /// commands whose typed client call kubectl wraps so.
    func createGenerated(
        _ manifest: JSONValue, global: GlobalOptions, output: String?, failurePrefix: String? = nil
    ) async throws {
        var printer = try Self.printer(output: output, dryRun: dryRun)
        if strategy == .client {
            print(printer.print(saveConfig ? ApplyPlanner.withLastApplied(manifest) : manifest), terminator: "")
            return
        }
        do {
            let created = try await APIClient.with(global) { client in
                try await create(manifest, source: "", client: client)
            }
            print(printer.print(created), terminator: "")
        } catch {
            if let failurePrefix {
                ErrorReporting.printError("error: failed to create \(failurePrefix): \(DescribeFetcher.message(error))")
            } else {
                ErrorReporting.printError(KubectlErrors.checkErr(error))
            }
            throw ExitCode(1)
        }
    }

    /// Creates one manifest object read from `source` (`-` is stdin, named `STDIN` as kubectl names it) and
    /// returns the object as the server answered (the manifest itself with `--dry-run=client`). Server errors
    /// carry kubectl's `error when creating "<source>": ` prefix.
    func create(_ manifest: JSONValue, source: String, client: APIClient) async throws -> JSONValue {
        let source = source == "-" ? "STDIN" : source
        let (kind, namespace, object) = try prepared(manifest, source: source, client: client)
        if strategy == .client { return object }
        do {
            var request = APIRequests.create(kind, namespace: namespace, object: object, options: strategy.writeOptions)
            request.fieldValidation = fieldValidation
            guard let created = try await client.sendPrintingWarnings(request) else {
                throw WireError.unexpectedMessage("the control plane answered create with no object")
            }
            return created
        } catch {
            throw KubectlErrors.addSource("creating", source: source, to: error)
        }
    }

    /// A manifest object ready to write: its kind, the namespace it goes to (nil for cluster-scoped kinds) and
    /// the object with that namespace (and with `--save-config`, its last-applied annotation).
    /// - Throws: kubectl's `resource mapping not found` for a kind the server does not serve, and its error for a
    ///   manifest namespace that contradicts `-n`.
    func prepared(_ manifest: JSONValue, source: String, client: APIClient) throws
        -> (kind: ResourceKind, namespace: String?, object: JSONValue)
    {
        let source = source == "-" ? "STDIN" : source
        let kindName = manifest["kind"]?.stringValue ?? ""
        let name = manifest[path: ["metadata", "name"]]?.stringValue ?? ""
        let declared = manifest[path: ["metadata", "namespace"]]?.stringValue
        guard let kind = CustomKindDiscovery.mapping(kind: kindName, apiVersion: manifest["apiVersion"]?.stringValue) else {
            let version = manifest["apiVersion"]?.stringValue ?? ""
            throw MessageError(
                "resource mapping not found for name: \"\(name)\" namespace: \"\(declared ?? "")\" from \"\(source)\": no matches for kind \"\(kindName)\" in version \"\(version)\"\nensure CRDs are installed first")
        }
        if kind.namespaced, let declared, let explicitNamespace, declared != explicitNamespace {
            throw MessageError(
                "the namespace from the provided object \"\(declared)\" does not match the namespace \"\(explicitNamespace)\". You must pass '--namespace=\(declared)' to perform this operation.")
        }
        let namespace = kind.namespaced ? (explicitNamespace ?? declared ?? client.defaultNamespace) : nil
        // As kubectl's builder: the namespace is on the object before --save-config's annotation is made of it.
        var object = saveConfig ? ApplyPlanner.withLastApplied(ApplyPlanner.inNamespace(manifest, namespace)) : manifest
        if let namespace { object[path: ["metadata", "namespace"]] = .string(namespace) }
        return (kind, namespace, object)
    }
}
