import ArgumentParser
import Foundation
import Wire

/// `kctl create deployment NAME --image=IMAGE... [--replicas N] [--port P] [-- COMMAND [ARGS...]]` (alias
/// `deploy`): `deployment.apps/NAME created`. Its `-o`, `--dry-run` and `--save-config` are `create`'s.
struct CreateDeployment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment", abstract: "Create a deployment with the specified name.", aliases: ["deploy"])

    @ParentCommand var create: Create

    @Argument(help: "The deployment's name.")
    var name: String

    @Option(help: "Image names to run. A deployment can have multiple images set for multi-container pod.")
    var image: [String] = []

    @Option(name: [.short, .customLong("replicas")], help: "Number of replicas to create. Default is 1.")
    var replicas: Int64 = 1

    @Option(help: "The containerPort that this deployment exposes.")
    var port: Int64 = -1

    @Argument(parsing: .postTerminator, help: "The command the containers run (after --).")
    var command: [String] = []

    func run() async throws {
        guard !image.isEmpty else {
            ErrorReporting.printError("error: required flag(s) \"image\" not set")
            throw ExitCode(1)
        }
        let generator = DeploymentGenerator(
            name: name, images: image, replicas: replicas, port: port, command: command,
            namespace: create.global.namespace)
        do {
            try generator.validate()
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        try await create.createGenerated(generator.object(suffix: DeploymentGenerator.randomSuffix))
    }
}
