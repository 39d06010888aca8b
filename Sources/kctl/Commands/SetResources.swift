import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl set resources (KIND NAME | KIND/NAME) [--limits=cpu=200m,memory=512Mi] [--requests=...] [-c PATTERN]`:
/// sets container resource requirements in pod templates and prints `deployment.apps/redis resource requirements
/// updated`, as kubectl does.
struct SetResources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resources", abstract: "Update resource requests/limits on objects with pod templates.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "KIND NAME..., or KIND/NAME...")
    var arguments: [String] = []

    @Option(help: "The resource requirement limits for the containers: cpu=200m,memory=512Mi.")
    var limits: String?

    @Option(help: "The resource requirement requests for the containers: cpu=100m,memory=256Mi.")
    var requests: String?

    @Option(name: [.short, .customLong("containers")], help: "The names of containers to change (a wildcard).")
    var containers = "*"

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Flag(help: "Select all resources of the given kinds in the namespace.")
    var all = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    func run() async throws {
        let strategy: DryRunStrategy
        let update: ResourcesUpdate
        do {
            strategy = try DryRunStrategy.parse(dryRun).strategy
            if arguments.isEmpty {
                throw RolloutError(ResourceTargets.noResources)
            }
            if all && !(selector ?? "").isEmpty {
                throw RolloutError("cannot set --all and --selector at the same time")
            }
            update = try ResourcesUpdate.parse(limits: limits, requests: requests)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let targets = ResourceTargets(arguments: arguments, selector: selector, allowEmptySelector: all)
        let pattern = containers
        try await PodTemplatePatcher.run(
            targets, global, operation: "resource requirements updated",
            failure: "failed to patch resources update to pod template ", dryRun: strategy
        ) { object, kind in
            let (patch, warning) = try update.apply(to: object, kind: kind, containers: pattern)
            if let warning { ErrorReporting.printError(warning) }
            return patch
        }
    }
}
