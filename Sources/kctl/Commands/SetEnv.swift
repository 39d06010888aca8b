import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl set env (KIND NAME | KIND/NAME) KEY=VALUE... KEY-... [-e KEY=VALUE] [-c PATTERN] [--list]`: updates the
/// environment of pod templates (or pods) and prints `deployment.apps/redis env updated`, as kubectl does.
struct SetEnv: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env", abstract: "Update environment variables on a pod template.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME..., then KEY=VALUE... or KEY-... (- reads KEY=VALUE lines from stdin).")
    var arguments: [String] = []

    @Option(name: [.short, .customLong("env")], help: "Specify a key-value pair for an environment variable to set.")
    var env: [String] = []

    @Option(name: [.short, .customLong("containers")], help: "The names of containers to change (a wildcard).")
    var containers = "*"

    @Flag(help: "Display the environment and any changes in the standard format.")
    var list = false

    @Option(
        help:
            "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."
    )
    var overwrite = true

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the given kinds in the namespace.")
    var all = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    func run() async throws {
        let strategy: DryRunStrategy
        let update: EnvUpdate
        do {
            strategy = try DryRunStrategy.parse(dryRun).strategy
            update = try EnvUpdate.parse(arguments, envFlags: env) {
                String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            if let error = update.validate(all: all, selector: selector, list: list, output: nil) { throw error }
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: update.resources, selector: selector, allowEmptySelector: all)
        let (pattern, overwrite, list) = (containers, overwrite, list)
        try await PodTemplatePatcher.run(
            targets, global, operation: "env updated", failure: "failed to patch env update to pod template: ",
            dryRun: strategy
        ) { object, kind in
            let outcome = try update.apply(to: object, kind: kind, containers: pattern, overwrite: overwrite)
            if let warning = outcome.warning { ErrorReporting.printError(warning) }
            if list {
                print(outcome.listing, terminator: "")
                return nil
            }
            return outcome.patch
        }
    }
}
