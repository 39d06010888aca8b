import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// What `set env` and `set resources` share with each other: read the targets, transform each object into a
/// strategic merge patch, send it (unless a client dry run; a server dry run stores nothing) and print
/// `<kind>/<name> <operation>` (with the dry run suffix); errors are collected as kubectl's
/// `CalculatePatches` loop collects them.
enum PodTemplatePatcher {
    /// One object's transformation: the patch (nil: nothing changed, nothing printed).
    typealias Transform = @Sendable (JSONValue, ResourceKind) throws -> JSONValue?

    /// Runs over `targets`, printing a line per patched object; on failure to patch, `failure` prefixes the
    /// server's message (`failed to patch env update to pod template: ...`). Exits 1 with the aggregate of errors.
    static func run(
        _ targets: ResourceTargets, _ global: GlobalOptions, operation: String, failure: String,
        dryRun: DryRunStrategy = .none, _ transform: @escaping Transform
    ) async throws {
        let errors: [any Error]
        do {
            errors = try await APIClient.with(global) { client in
                let fetched = try await targets.fetch(client)
                if let failure = fetched.lazy.compactMap(\.error).first { throw failure }
                var errors: [any Error] = []
                for target in fetched {
                    guard case .success(let object) = target.object else { continue }
                    let patch: JSONValue?
                    do {
                        patch = try transform(object, target.kind)
                    } catch {
                        errors.append(error)
                        continue
                    }
                    guard let patch else { continue }
                    let name = JSONFields(object).name
                    do {
                        if dryRun != .client {
                            try await client.patch(
                                target.kind, namespace: client.defaultNamespace, name: name, patch: patch,
                                type: .strategic, options: dryRun.writeOptions)
                        }
                        print(
                            NamePrinter.line(kind: target.kind.kind, name: name, operation: operation + dryRun.suffix))
                    } catch {
                        errors.append(RolloutError("\(failure)\(SetImage.message(of: error))"))
                    }
                }
                return errors
            }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        try Rollout.finish(errors)
    }
}
