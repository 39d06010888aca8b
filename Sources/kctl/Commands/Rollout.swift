import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl rollout`: watch, list, undo and restart the rollouts of Deployments, DaemonSets and StatefulSets.
struct Rollout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the rollout of one or many resources (deployments, daemonsets, statefulsets).",
        subcommands: [
            RolloutHistoryCommand.self, RolloutPauseCommand.self, RolloutRestartCommand.self,
            RolloutResumeCommand.self, RolloutStatusCommand.self, RolloutUndoCommand.self,
        ])

    /// kubectl's `required resource not specified` when no resource argument is given.
    static func requireResources(_ arguments: [String]) throws {
        if arguments.isEmpty { throw RolloutError("required resource not specified") }
    }

    /// Runs `body` for every target in one connection, collecting each target's errors (as kubectl goes on with
    /// the next object), then prints their aggregate and fails when there are any. A connection failure is
    /// reported and fails at once.
    static func forEach(
        _ targets: ResourceTargets, _ global: GlobalOptions,
        _ body: @escaping @Sendable (ResourceTargets.Target, APIClient) async throws -> [any Error]
    ) async throws {
        let errors: [any Error]
        do {
            errors = try await APIClient.with(global) { client in
                var errors: [any Error] = []
                for target in try await targets.fetch(client) {
                    do {
                        errors += try await body(target, client)
                    } catch {
                        errors.append(error)
                    }
                }
                return errors
            }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
        try finish(errors)
    }

    /// Prints the aggregate of `errors` to standard error and fails when there are any.
    static func finish(_ errors: [any Error]) throws {
        guard let text = ErrorAggregate.render(errors) else { return }
        FileHandle.standardError.write(Data(text.utf8))
        throw ExitCode(1)
    }

    /// The ControllerRevisions (for a DaemonSet or StatefulSet) or ReplicaSets (for a Deployment) in the object's
    /// namespace.
    static func history(of kind: ResourceKind, _ object: JSONValue, _ client: APIClient) async throws -> [JSONValue] {
        let listed: ResourceKind = kind == .deployment ? .replicaSet : .controllerRevision
        let namespace = JSONFields(object).namespace
        let list = try await client.list(listed, namespace: namespace.isEmpty ? client.defaultNamespace : namespace)
        return list?["items"]?.arrayValue ?? []
    }
}
