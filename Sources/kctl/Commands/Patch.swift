import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl patch KIND NAME -p PATCH [--type strategic|merge|json] [--subresource status]`: prints
/// `daemonset.apps/x patched`, or `daemonset.apps/x patched (no change)` as kubectl does.
struct Patch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update fields of a resource using a patch.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME, or KIND/NAME")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("patch")], help: "The patch, as JSON (or YAML).")
    var patch: String

    @Option(help: "strategic (default), merge or json.")
    var type: String = "strategic"

    @Option(help: "Patch this subresource (status).")
    var subresource: String?

    func validate() throws {
        guard let patchType = PatchType(rawValue: type), patchType != .apply else {
            throw ValidationError("--type must be one of [json merge strategic], not \"\(type)\"")
        }
        if let subresource, subresource != "status" {
            throw ValidationError("invalid subresource value: \"\(subresource)\". Must be one of [status]")
        }
    }

    func run() async throws {
        let query: GetQuery
        await CustomKindDiscovery.prepare(global, arguments: arguments)
        do {
            let queries = try GetQuery.parse(arguments)
            guard queries.count == 1, queries[0].names.count == 1 else {
                throw ManifestError("you must specify one resource to patch")
            }
            query = queries[0]
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let document: JSONValue
        do {
            guard let parsed = try YAMLManifest.documents(from: patch).first else { throw ManifestError("empty patch") }
            document = parsed
        } catch {
            ErrorReporting.printError("error: unable to parse \"\(patch)\": \(error)")
            throw ExitCode(1)
        }
        let (name, patchType, subresource) = (query.names[0], PatchType(rawValue: type) ?? .strategic, subresource)
        do {
            let line = try await APIClient.with(global) { client in
                let namespace = client.scoped(query.kind, client.defaultNamespace)
                let before = try await client.get(query.kind, namespace: namespace, name: name)
                let after = try await client.patch(
                    query.kind, namespace: namespace, name: name, patch: document, type: patchType,
                    subresource: subresource)
                let version = { (object: JSONValue?) in object?[path: ["metadata", "resourceVersion"]] }
                let unchanged = version(before) == version(after)
                return "\(query.kind.printName)/\(name) patched" + (unchanged ? " (no change)" : "")
            }
            print(line)
        } catch let status as Status where status.code == 415 && patchType == .strategic {
            // kubectl names the patch type and the kind (custom kinds take no strategic merge patch).
            ErrorReporting.printError(
                "error: application/strategic-merge-patch+json is not supported by \(query.kind.apiVersion), Kind=\(query.kind.kind): \(status.message ?? "")")
            throw ExitCode(1)
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }
}
