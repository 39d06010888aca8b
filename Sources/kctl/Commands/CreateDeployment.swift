import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create deployment NAME --image=IMAGE... [--replicas N] [--port P] [-- COMMAND [ARGS...]]` (alias
/// `deploy`): `deployment.apps/NAME created`. Its `-o`, `--dry-run` and `--save-config` are `create`'s.
struct CreateDeployment: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment", abstract: "Create a deployment with the specified name.", aliases: ["deploy"])

    @ParentCommand var create: Create

    /// The name, then (after `--`) the command; ArgumentParser cannot have two positional arrays, so they are
    /// told apart by where `--` is on the command line (``splitAtDash(_:commandLine:)``).
    @Argument(help: "The deployment's name, then -- and the command the containers run.")
    var arguments: [String] = []

    @Option(help: "Image names to run. A deployment can have multiple images set for multi-container pod.")
    var image: [String] = []

    @Option(name: [.short, .customLong("replicas")], help: "Number of replicas to create. Default is 1.")
    var replicas: Int64 = 1

    @Option(help: "The containerPort that this deployment exposes.")
    var port: Int64 = -1

    func run() async throws {
        guard !image.isEmpty else {
            ErrorReporting.printError("error: required flag(s) \"image\" not set")
            throw ExitCode(1)
        }
        let (names, command) = Self.splitAtDash(arguments, commandLine: CommandLine.arguments)
        let name = try CreateOptions.requireOneName(names, command: "create deployment")
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

    /// The positional arguments before `--` (`cmd.ArgsLenAtDash`) and those after it: the last as many as follow
    /// the first `--` of the command line.
    static func splitAtDash(_ arguments: [String], commandLine: [String]) -> (names: [String], command: [String]) {
        guard let dash = commandLine.firstIndex(of: "--") else { return (arguments, []) }
        let count = min(commandLine.count - dash - 1, arguments.count)
        return (Array(arguments.dropLast(count)), Array(arguments.suffix(count)))
    }
}
