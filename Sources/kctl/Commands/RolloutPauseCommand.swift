import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout pause (KIND NAME | KIND/NAME)`: marks Deployments paused (`deployment.apps/redis paused`); the
/// controller then starts no new rollout until `rollout resume`.
struct RolloutPauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Mark the provided resource as paused.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., KIND/NAME..., or KIND with -l.")
    var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    func run() async throws {
        try await RolloutPauseCommand.run(.pause, arguments, selector: selector, global)
    }

    /// Pauses or resumes every target, printing a line per object and kubectl's errors at the end.
    static func run(
        _ action: RolloutPause.Action, _ arguments: [String], selector: String?, _ global: GlobalOptions
    ) async throws {
        do {
            try Rollout.requireResources(arguments)
            _ = try ResourceTargets(arguments: arguments, selector: selector, allowEmptySelector: false).queries()
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: selector, allowEmptySelector: false)
        try await Rollout.forEach(targets, global) { target, client in
            let object = try target.object.get()
            let patch = try RolloutPause.patch(for: object, kind: target.kind, action: action)
            let name = JSONFields(object).name
            do {
                try await client.patch(
                    target.kind, namespace: client.defaultNamespace, name: name, patch: patch, type: .strategic)
            } catch {
                throw RolloutError("failed to patch: \(SetImage.message(of: error))")
            }
            print(NamePrinter.line(kind: target.kind.kind, name: name, operation: action.operation))
            return []
        }
    }
}

/// `kctl rollout resume (KIND NAME | KIND/NAME)`: resumes paused Deployments (`deployment.apps/redis resumed`).
struct RolloutResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused resource.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., KIND/NAME..., or KIND with -l.")
    var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    func run() async throws {
        try await RolloutPauseCommand.run(.resume, arguments, selector: selector, global)
    }
}
