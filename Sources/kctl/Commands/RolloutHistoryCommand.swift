import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout history (KIND NAME | KIND/NAME) [--revision=N] [-o FORMAT]`: the revisions of a DaemonSet,
/// StatefulSet or Deployment (REVISION, CHANGE-CAUSE), or the pod template of one, as kubectl prints them; with
/// `-o`, the revisions' objects (``RolloutHistoryPrinter``).
struct RolloutHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "View previous rollout revisions and configurations.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., KIND/NAME..., or KIND for all of them.")
    var arguments: [String] = []

    @Option(help: "See the details, including the pod template, of the revision specified.")
    var revision: Int64 = 0

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "Print the revisions' objects: json|yaml|name|jsonpath=...|go-template=...|custom-columns=...")
    var output: String?

    func run() async throws {
        let format: OutputFormat
        do {
            try Rollout.requireResources(arguments)
            if revision < 0 { throw RolloutError("revision must be a positive integer: \(revision)") }
            format = try OutputFormat(output)
        } catch {
            ErrorReporting.printError(error is RolloutError ? "\(error)" : "error: \(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: nil, allowEmptySelector: true)
        let revision = self.revision
        try await Rollout.forEach(targets, global) { target, client in
            let text = try await Self.history(target, revision: revision, format: format, client)
            FileHandle.standardOutput.write(Data(text.utf8))
            return []
        }
    }

    private static func history(
        _ target: ResourceTargets.Target, revision: Int64, format: OutputFormat, _ client: APIClient
    ) async throws -> String {
        let object = try target.object.get()
        try RolloutHistory.check(target.kind)
        let related = try await Rollout.history(of: target.kind, object, client)
        let entries = target.kind == .deployment
            ? RolloutHistory.deploymentEntries(object, replicaSets: related)
            : RolloutHistory.revisionEntries(object, kind: target.kind, revisions: related)
        if format != .table && format != .wide {
            return try RolloutHistoryPrinter.render(entries, revision: revision, format: format)
        }
        return try RolloutHistory.render(
            entries, revision: revision, kind: target.kind, name: JSONFields(object).name, timeZone: .current)
    }
}
