import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout undo (KIND NAME | KIND/NAME) [--to-revision=N]`: restores the previous (or the given) revision's
/// pod template and prints `daemonset.apps/x rolled back`, as kubectl does.
struct RolloutUndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Undo a previous rollout.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., KIND/NAME..., or KIND for all of them.")
    var arguments: [String] = []

    @Option(help: "The revision to roll back to (0: the previous one).")
    var toRevision: Int64 = 0

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    func run() async throws {
        do {
            try Rollout.requireResources(arguments)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: selector, allowEmptySelector: true)
        let toRevision = self.toRevision
        try await Rollout.forEach(targets, global) { target, client in
            print(try await Self.undo(target, toRevision: toRevision, client))
            return []
        }
    }

    /// Rolls one object back; returns its line.
    private static func undo(_ target: ResourceTargets.Target, toRevision: Int64, _ client: APIClient)
        async throws -> String
    {
        let object = try target.object.get()
        try RolloutUndo.check(target.kind)
        let related = try await Rollout.history(of: target.kind, object, client)
        let plan = target.kind == .deployment
            ? try RolloutUndo.deployment(object, replicaSets: related, toRevision: toRevision)
            : try RolloutUndo.revision(object, kind: target.kind, revisions: related, toRevision: toRevision)
        let name = JSONFields(object).name
        if case .patch(let patch, let type) = plan {
            do {
                try await client.patch(
                    target.kind, namespace: client.defaultNamespace, name: name, patch: patch, type: type)
            } catch {
                throw RolloutError("failed restoring revision \(toRevision): \(SetImage.message(of: error))")
            }
        }
        return NamePrinter.line(kind: target.kind.kind, name: name, operation: plan.operation)
    }
}
