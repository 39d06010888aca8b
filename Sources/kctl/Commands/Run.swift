import ArgumentParser
import KubeAPI
import Wire

/// `kctl run NAME --image=IMAGE [--labels] [--annotations] [--env]... [--port] [--restart] [--image-pull-policy]
/// [--command] [--dry-run] [-o] [-- ARGS...]`: creates one Pod, printing `pod/NAME created`, as kubectl.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a particular image on the cluster.")

    @OptionGroup var global: GlobalOptions

    /// The name, then the container's arguments (or command, with `--command`).
    @Argument(help: "NAME, then (after --) the arguments or command.")
    var arguments: [String] = []

    @Option(help: "The image for the container to run.")
    var image: String?

    @Option(name: [.customShort("l"), .customLong("labels")], help: "Comma separated labels to apply to the pod. Will override previous values.")
    var labels = ""

    @Option(help: "Annotations to apply to the pod.")
    var annotations: [String] = []

    @Option(help: "Environment variables to set in the container.")
    var env: [String] = []

    @Option(help: "The port that this container exposes.")
    var port = ""

    @Option(help: "The restart policy for this Pod. Legal values [Always, OnFailure, Never].")
    var restart = "Always"

    @Option(help: "The image pull policy for the container.")
    var imagePullPolicy = ""

    @Flag(help: "If true and extra arguments are present, use them as the 'command' field in the container.")
    var command = false

    @Option(help: "\"none\", \"client\" or \"server\": with client or server, only print what would happen.")
    var dryRun: String = "none"

    @Option(name: [.short, .customLong("output")], help: "name, yaml or json.")
    var output: String?

    func validate() throws {
        try CreateOptions.validateDryRun(dryRun)
        _ = try CreateOptions.printer(output: output, dryRun: dryRun)
    }

    func run() async throws {
        CreateOptions.warnIfDeprecated(dryRun)
        guard let name = arguments.first else {
            ErrorReporting.printError("error: NAME is required for run\nSee 'kctl run -h' for help and examples")
            throw ExitCode(1)
        }
        guard let image, !image.isEmpty else {
            ErrorReporting.printError("error: required flag(s) \"image\" not set")
            throw ExitCode(1)
        }
        let generator = PodGenerator(
            name: name, image: image, labels: labels, annotations: annotations, env: env, port: port, restart: restart,
            imagePullPolicy: imagePullPolicy, command: command, arguments: Array(arguments.dropFirst()),
            namespace: global.namespace)
        let manifest: JSONValue
        do {
            manifest = try generator.object()
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        try await CreateOptions(explicitNamespace: nil, saveConfig: false, dryRun: dryRun)
            .createGenerated(manifest, global: global, output: output)
    }
}
