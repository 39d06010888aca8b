import ArgumentParser
import KubeAPI
import Wire

/// `kctl`: the kubectl of this cluster emulator.
@main
struct Kctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kctl",
        abstract: "kctl controls the cluster emulator's control plane, as kubectl controls Kubernetes.",
        version: WireVersion.softwareVersion,
        subcommands: [Apply.self, Get.self, Describe.self, Delete.self, Label.self, Patch.self, Expose.self, ClusterCommand.self, Create.self, Edit.self, Cordon.self, Uncordon.self, Drain.self, ClusterInfo.self, SetCommand.self, Rollout.self, Scale.self, TaintCommand.self, EventsCommand.self, Explain.self, Logs.self, Exec.self, Version.self, Wait.self, APIResources.self, APIVersions.self, Auth.self, Annotate.self, Run.self, Replace.self, Diff.self, Copy.self, Top.self, ConfigCommand.self, Completion.self, Options.self]
    )

    /// Parses with global flags accepted before the subcommand too, then runs the chosen command.
    static func main() async {
        let arguments = GlobalArgumentHoisting.hoist(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ErrorReporting.exit(with: error, arguments: arguments)
        }
    }
}
