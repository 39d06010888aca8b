import ArgumentParser
import KubeAPI
import Wire

/// `kctl top node|pod`: resource usage from the Metrics API (`metrics.k8s.io`), as kubectl reads it. kubectl first
/// asks discovery whether the group is served; this control plane serves no metrics, so, as kubectl says against
/// it, the answer is `error: Metrics API not available` (exit 1).
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Display resource (CPU/memory) usage.", subcommands: [TopNode.self, TopPod.self])

    func run() async throws {
        ErrorReporting.printError(Kctl.helpMessage(for: Top.self))
        throw ExitCode(1)
    }

    /// Checks the arguments as kubectl's `top node` / `top pod` do, then asks discovery for `metrics.k8s.io`.
    static func run(
        _ command: String, arguments: [String], selector: String?, sortBy: String, global: GlobalOptions
    ) async throws {
        let usage: String? =
            arguments.count > 1 ? "error: \(command) [NAME | -l label]\nSee 'kctl top \(command) -h' for help and examples"
            : !arguments.isEmpty && !(selector ?? "").isEmpty ? "error: only one of NAME or selector can be provided"
            : !["", "cpu", "memory"].contains(sortBy) ? "error: --sort-by accepts only cpu or memory" : nil
        if let usage {
            ErrorReporting.printError(usage)
            throw ExitCode(1)
        }
        let documents = try await APIResources.discovery(global)
        let served = documents.flatMap(DiscoveredResource.groupVersions(in:)).contains { $0.hasPrefix("metrics.k8s.io/") }
        ErrorReporting.printError(
            served ? "error: kctl reads no metrics.k8s.io resources" : "error: Metrics API not available")
        throw ExitCode(1)
    }
}

/// `kctl top node [NAME | -l SELECTOR]`.
struct TopNode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "Display resource (CPU/memory) usage of nodes.", aliases: ["nodes", "no"])

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A node's name.") var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Option(help: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
    var sortBy = ""

    @Flag(help: "If present, print output without headers.")
    var noHeaders = false

    @Flag(help: "Print node resources based on Capacity instead of Allocatable(default) of the nodes.")
    var showCapacity = false

    func run() async throws {
        try await Top.run("node", arguments: arguments, selector: selector, sortBy: sortBy, global: global)
    }
}

/// `kctl top pod [NAME | -l SELECTOR] [-A] [--containers]`.
struct TopPod: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pod", abstract: "Display resource (CPU/memory) usage of pods.", aliases: ["pods", "po"])

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A pod's name.") var arguments: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector to filter on.")
    var selector: String?

    @Option(help: "Selector (field query) to filter on.")
    var fieldSelector: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List the pods in all namespaces.")
    var allNamespaces = false

    @Flag(help: "If present, print usage of containers within a pod.")
    var containers = false

    @Option(help: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")
    var sortBy = ""

    @Flag(help: "If present, print output without headers.")
    var noHeaders = false

    @Flag(help: "Print the sum of the resource usage.")
    var sum = false

    func run() async throws {
        try await Top.run("pod", arguments: arguments, selector: selector, sortBy: sortBy, global: global)
    }
}
