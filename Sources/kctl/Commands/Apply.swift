import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl apply -f FILE|DIR|-`: creates or updates objects from manifests, printing kubectl's lines
/// (`deployment.apps/redis created`, `... configured`, `... unchanged`).
struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a configuration to a resource by file name or stdin.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.short, .customLong("filename")], help: "Files, directories or - (stdin) with the manifests.")
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Process directories recursively.")
    var recursive = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    @Option(name: [.customShort("k"), .customLong("kustomize")], help: "Not supported by kctl yet: use -f.")
    var kustomize: String?

    @Flag(help: "Apply on the server (server-side apply): the server merges the manifest and keeps field ownership.")
    var serverSide = false

    @Flag(help: "With --server-side: take the fields other managers own instead of failing with a conflict.")
    var forceConflicts = false

    @Option(help: "With --server-side: the manager the fields are recorded under (default \"kctl\").")
    var fieldManager: String?

    @OptionGroup var validation: ValidateOption

    func validate() throws {
        if kustomize != nil { throw ValidationError(Self.kustomizeUnsupported) }
        guard !filenames.isEmpty else {
            throw ValidationError("must specify one of -f and -k")
        }
        try CreateOptions.validateDryRun(dryRun)
        if forceConflicts && !serverSide { throw ValidationError("--force-conflicts only works with --server-side") }
        if serverSide && dryRun == "client" {
            throw ValidationError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)")
        }
    }

    /// What `apply -k` and `create -k` answer: kctl has no kustomize.
    static let kustomizeUnsupported =
        "kustomize (-k) is not supported by kctl yet; render the kustomization with another tool and apply the result with -f (e.g. kubectl kustomize DIR | kctl apply -f -)"

    func run() async throws {
        _ = try validation.directive()
        CreateOptions.warnIfDeprecated(dryRun)
        let objects: [ManifestObject]
        do {
            objects = try ManifestSource.read(filenames, recursive: recursive)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        if objects.isEmpty {
            ErrorReporting.printError("error: no objects passed to apply")
            throw ExitCode(1)
        }
        let dryRun = CreateOptions(explicitNamespace: nil, saveConfig: false, dryRun: self.dryRun).strategy
        let failed = try await APIClient.with(global) { client in
            var failed = false
            await CustomKindDiscovery.prepare(client, manifestKinds: objects.map { $0.object["kind"]?.stringValue ?? "" })
            for item in objects {
                do {
                    let line = try await apply(item, client: client, dryRun: dryRun)
                    print(line)
                } catch let error where serverSide {
                    failed = true
                    ErrorReporting.printError(ServerSideApplier.errorText((error as? ApplyFailure)?.underlying ?? error))
                } catch {
                    failed = true
                    let verb = (error as? ApplyFailure)?.creating == false ? "patching" : "creating"
                    let underlying = (error as? ApplyFailure)?.underlying ?? error
                    ErrorReporting.printError(
                        ErrorReporting.render(underlying, context: "error when \(verb) \"\(item.source)\": "))
                }
            }
            return failed
        }
        if failed { throw ExitCode(1) }
    }

    private func apply(_ item: ManifestObject, client: APIClient, dryRun: DryRunStrategy) async throws -> String {
        var manifest = item.object
        let kindName = manifest["kind"]?.stringValue ?? ""
        guard let kind = CustomKindDiscovery.mapping(kind: kindName, apiVersion: manifest["apiVersion"]?.stringValue) else {
            throw ManifestError(
                "resource mapping not found for name: \"\(manifest[path: ["metadata", "name"]]?.stringValue ?? "")\" namespace: \"\(manifest[path: ["metadata", "namespace"]]?.stringValue ?? "")\" from \"\(item.source)\": no matches for kind \"\(kindName)\" in version \"\(manifest["apiVersion"]?.stringValue ?? "")\"\nensure CRDs are installed first")
        }
        if !kind.namespaced { manifest = ApplyPlanner.clusterScoped(manifest) }
        let name = manifest[path: ["metadata", "name"]]?.stringValue ?? ""
        let namespace = kind.namespaced
            ? (global.namespace ?? manifest[path: ["metadata", "namespace"]]?.stringValue ?? client.defaultNamespace)
            : nil
        if let declared = manifest[path: ["metadata", "namespace"]]?.stringValue, let flag = global.namespace,
            kind.namespaced, declared != flag
        {
            throw ManifestError(
                "the namespace from the provided object \"\(declared)\" does not match the namespace \"\(flag)\". You must pass '--namespace=\(declared)' to perform this operation.")
        }
        if serverSide {
            let applier = ServerSideApplier(
                fieldManager: fieldManager ?? ServerSideApplier.defaultFieldManager, force: forceConflicts, dryRun: dryRun)
            // As kubectl: an object applied client-side first has that ownership moved to the applier (best effort).
            if dryRun == .none, let live = try? await client.get(kind, namespace: namespace, name: name),
                let upgrade = applier.upgradePatch(live: live)
            {
                _ = try? await client.patch(kind, namespace: namespace, name: name, patch: upgrade, type: .json)
            }
            _ = try await client.send(applier.request(manifest, kind: kind, namespace: namespace, name: name))
            return applier.line(kind: kind, name: name)
        }
        let live: JSONValue?
        do {
            live = try await client.get(kind, namespace: namespace, name: name)
        } catch let status as Status where status.reason == .notFound {
            live = nil
        }
        let (plan, missingAnnotation) = try ApplyPlanner.plan(
            manifest: ApplyPlanner.inNamespace(manifest, namespace), live: live)
        let suffix = dryRun.suffix
        switch plan {
        case .unchanged:
            return "\(kind.printName)/\(name) \(ApplyPlanner.unchangedVerb(clientDryRun: dryRun == .client))\(suffix)"
        case .create(let object):
            if dryRun != .client {
                do {
                    var request = APIRequests.create(kind, namespace: namespace, object: object, options: dryRun.writeOptions)
                    request.fieldValidation = try? FieldValidationFlag.directive(validation.value)
                    _ = try await client.sendPrintingWarnings(request)
                } catch {
                    throw ApplyFailure(creating: true, underlying: error)
                }
            }
            return "\(kind.printName)/\(name) created\(suffix)"
        case .patch(let patch):
            if missingAnnotation && dryRun != .client {
                ErrorReporting.printError(
                    "Warning: resource \(kind.groupResource)/\(name) is missing the \(ApplyPlanner.lastAppliedAnnotation) annotation which is required by kctl apply. kctl apply should only be used on resources created declaratively by either kctl create --save-config or kctl apply. The missing annotation will be patched automatically.")
            }
            if dryRun != .client {
                do {
                    var request = APIRequests.patch(
                        kind, namespace: namespace, name: name, patch: patch,
                        patchType: kind.isBuiltIn ? .strategic : .merge, subresource: nil,
                        options: dryRun.writeOptions)
                    request.fieldValidation = try? FieldValidationFlag.directive(validation.value)
                    _ = try await client.sendPrintingWarnings(request)
                } catch {
                    throw ApplyFailure(creating: false, underlying: error)
                }
            }
            return "\(kind.printName)/\(name) configured\(suffix)"
        }
    }
}

/// A server error while applying, with whether it happened creating or patching (kubectl names the step).
struct ApplyFailure: Error {
    var creating: Bool
    var underlying: any Error
}
