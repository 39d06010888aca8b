import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl set image (KIND NAME | KIND/NAME) CONTAINER=IMAGE...` (`*=IMAGE` for every container): patches the pod
/// template (or a pod's spec) and prints `daemonset.apps/x image updated`, nothing when the images already match,
/// as kubectl does.
struct SetImage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Update the image of a pod template (pods, deployments, daemonsets, replicasets, statefulsets).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME..., then CONTAINER=IMAGE... (* for every container).")
    var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the given kinds in the namespace.")
    var all = false

    func run() async throws {
        let update: ImageUpdate
        do {
            update = try ImageUpdate.parse(arguments)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        try Rollout.finish(update.validate(all: all, selector: selector).map(RolloutError.init))
        let targets = ResourceTargets(arguments: update.resources, selector: selector, allowEmptySelector: all)
        let errors: [any Error]
        do {
            errors = try await APIClient.with(global) { client in try await Self.update(targets, with: update, client) }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        try Rollout.finish(errors)
    }

    /// Updates every target, printing a line per patched object; returns kubectl's error messages.
    private static func update(_ targets: ResourceTargets, with update: ImageUpdate, _ client: APIClient)
        async throws -> [any Error]
    {
        let fetched = try await targets.fetch(client)
        if let failure = fetched.lazy.compactMap(\.error).first { throw failure }
        var errors: [any Error] = []
        for target in fetched {
            guard case .success(let object) = target.object else { continue }
            let outcome: ImageUpdate.Outcome
            do {
                outcome = try update.apply(to: object, kind: target.kind)
            } catch {
                errors.append(error)
                continue
            }
            errors += outcome.errors.map(RolloutError.init)
            guard let patch = outcome.patch else { continue }
            let name = JSONFields(object).name
            do {
                try await client.patch(
                    target.kind, namespace: client.defaultNamespace, name: name, patch: patch, type: .strategic)
                print(NamePrinter.line(kind: target.kind.kind, name: name, operation: "image updated"))
            } catch {
                errors.append(RolloutError("failed to patch image update to pod template: \(Self.message(of: error))"))
            }
        }
        return errors
    }

    /// An error's text as Go's `err.Error()` gives it: a server Status's message.
    static func message(of error: any Error) -> String {
        if let status = error as? Status { return status.message ?? "unknown" }
        return "\(error)"
    }
}
