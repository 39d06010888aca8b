import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout restart (KIND NAME | KIND/NAME)`: sets the `kubectl.kubernetes.io/restartedAt` template
/// annotation, so the controller replaces every pod, and prints `daemonset.apps/x restarted`, as kubectl does.
struct RolloutRestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart a resource.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., KIND/NAME..., or KIND for all of them.")
    var arguments: [String] = []

    func run() async throws {
        do {
            try Rollout.requireResources(arguments)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: nil, allowEmptySelector: true)
        let time = RolloutRestart.timestamp(Date(), timeZone: .current)
        try await Rollout.forEach(targets, global) { target, client in
            try await Self.restart(target, time: time, client)
        }
    }

    /// Restarts one object, printing its line; returns kubectl's non-fatal errors (an empty patch).
    private static func restart(_ target: ResourceTargets.Target, time: String, _ client: APIClient)
        async throws -> [any Error]
    {
        let object = try target.object.get()
        let name = JSONFields(object).name
        var errors: [any Error] = []
        let patch = try RolloutRestart.patch(for: object, kind: target.kind, time: time)
        if patch == nil { errors.append(RolloutError("failed to create patch for \(name): empty patch")) }
        do {
            try await client.patch(
                target.kind, namespace: client.defaultNamespace, name: name, patch: patch ?? .object([:]),
                type: .strategic)
        } catch {
            throw RolloutError("failed to patch: \(SetImage.message(of: error))")
        }
        print(NamePrinter.line(kind: target.kind.kind, name: name, operation: "restarted"))
        return errors
    }
}
