import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl delete KIND NAME...`, `kctl delete KIND -l SELECTOR|--all`, `kctl delete -f FILE`:
/// prints `daemonset.apps "x" deleted` per object, as kubectl.
struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete resources by file names, stdin, resources and names, or by resources and label selector.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME...")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("filename")], help: "Files, directories or - with the objects to delete.")
    var filenames: [String] = []

    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Process the directories of -f recursively.")
    var recursive = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Delete all resources of the kind in the namespace.")
    var all = false

    @Flag(help: "Treat \"resource not found\" as a successful delete.")
    var ignoreNotFound = false

    @Option(help: "\"background\", \"foreground\" or \"orphan\": what happens to dependents.")
    var cascade: String = "background"

    @Option(help: "Seconds given to the resource to terminate gracefully (-1: the object's default).")
    var gracePeriod: Int64 = -1

    @Flag(help: "Delete at once, without waiting for the resource to terminate.")
    var force = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would be deleted.")
    var dryRun: String = "none"

    func validate() throws {
        guard ["background", "foreground", "orphan"].contains(cascade) else {
            throw ValidationError(
                "invalid cascade value (\(cascade)). Must be \"background\", \"foreground\", or \"orphan\".")
        }
        try CreateOptions.validateDryRun(dryRun)
        if filenames.isEmpty && arguments.isEmpty {
            throw ValidationError(ResourceTargets.noResources)
        }
    }

    func run() async throws {
        CreateOptions.warnIfDeprecated(dryRun)
        let targets: [DeleteTarget]
        await CustomKindDiscovery.prepare(global, arguments: arguments, filenames: filenames, recursive: recursive)
        do {
            targets = try DeleteTarget.parse(arguments: arguments, filenames: filenames, recursive: recursive)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let options = self
        let failed = try await APIClient.with(global) { client in
            var failed = false
            if options.force && options.gracePeriod <= 0 {
                ErrorReporting.printError(
                    "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.")
            }
            for target in try await options.expand(targets, client: client) {
                do {
                    try await options.delete(target, client: client)
                } catch let status as Status where status.reason == .notFound && options.ignoreNotFound {
                    continue
                } catch {
                    failed = true
                    ErrorReporting.printError(ErrorReporting.render(error))
                }
            }
            return failed
        }
        if failed { throw ExitCode(1) }
    }

    /// Resolves `-l` and `--all` into names.
    private func expand(_ targets: [DeleteTarget], client: APIClient) async throws -> [DeleteTarget] {
        var result: [DeleteTarget] = []
        for target in targets {
            guard target.name == nil else { result.append(target); continue }
            guard selector != nil || all else {
                throw ValidationError("resource(s) were provided, but no name was specified")
            }
            let namespace = target.namespace ?? client.defaultNamespace
            let list = try await client.list(target.kind, namespace: namespace, labelSelector: selector)
            let items = list?["items"]?.arrayValue ?? []
            if items.isEmpty {
                ErrorReporting.printError(
                    target.kind.namespaced ? "No resources found in \(namespace) namespace." : "No resources found")
            }
            for item in items {
                result.append(DeleteTarget(kind: target.kind, name: item[path: ["metadata", "name"]]?.stringValue,
                                           namespace: target.namespace))
            }
        }
        return result
    }

    private func delete(_ target: DeleteTarget, client: APIClient) async throws {
        guard let name = target.name else { return }
        let strategy = CreateOptions(explicitNamespace: nil, saveConfig: false, dryRun: dryRun).strategy
        let namespace = client.scoped(target.kind, target.namespace ?? client.defaultNamespace)
        let verb = (force && gracePeriod <= 0 ? "force deleted" : "deleted") + strategy.suffix
        if strategy == .client {
            // kubectl reads the object first: a missing one is NotFound even in a client dry run.
            guard try await client.get(target.kind, namespace: namespace, name: name) != nil else {
                throw Status.notFound(target.kind, name: name)
            }
            print("\(target.kind.printName) \"\(name)\" \(verb)")
            return
        }
        var options = DeleteOptions(
            propagationPolicy: cascade.prefix(1).uppercased() + cascade.dropFirst(), dryRun: strategy == .server)
        if force && gracePeriod <= 0 {
            options.gracePeriodSeconds = 0
        } else if gracePeriod >= 0 {
            options.gracePeriodSeconds = gracePeriod
        }
        try await client.cluster.deleteObject(
            target.kind, namespace: target.namespace ?? client.defaultNamespace, name: name, options: options)
        print("\(target.kind.printName) \"\(name)\" \(verb)")
    }
}

/// One thing `delete` was asked to remove: a kind and a name (nil: resolve by selector or `--all`).
struct DeleteTarget: Sendable {
    var kind: ResourceKind
    var name: String?
    var namespace: String?

    static func parse(arguments: [String], filenames: [String], recursive: Bool = false) throws -> [DeleteTarget] {
        var targets: [DeleteTarget] = []
        for item in try ManifestSource.read(filenames, recursive: recursive) {
            let kindName = item.object["kind"]?.stringValue ?? ""
            guard let kind = ResourceKind.lookUp(kind: kindName) else {
                throw ManifestError("the server doesn't have a resource type \"\(kindName)\"")
            }
            targets.append(DeleteTarget(
                kind: kind, name: item.object[path: ["metadata", "name"]]?.stringValue,
                namespace: item.object[path: ["metadata", "namespace"]]?.stringValue))
        }
        guard let first = arguments.first else { return targets }
        if first.contains("/") {
            for argument in arguments {
                let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, let kind = ResourceKind.lookUp(name: parts[0]) else {
                    throw ManifestError("the server doesn't have a resource type \"\(parts.first ?? argument)\"")
                }
                targets.append(DeleteTarget(kind: kind, name: parts[1]))
            }
            return targets
        }
        var kinds: [ResourceKind] = []
        for name in first.split(separator: ",").map(String.init) {
            guard let kind = ResourceKind.lookUp(name: name) else {
                throw ManifestError("the server doesn't have a resource type \"\(name)\"")
            }
            kinds.append(kind)
        }
        let names = arguments.dropFirst()
        for kind in kinds {
            if names.isEmpty {
                targets.append(DeleteTarget(kind: kind, name: nil))
            } else {
                targets += names.map { DeleteTarget(kind: kind, name: $0) }
            }
        }
        return targets
    }
}
