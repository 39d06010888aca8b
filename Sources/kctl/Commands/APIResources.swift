import ArgumentParser
import KubeAPI
import Wire

/// `kctl api-resources [-o wide|name] [--namespaced=BOOL] [--api-group=G] [--verbs=V,...] [--categories=C,...]
/// [--sort-by name|kind] [--no-headers]`: the resources the server's discovery lists, as kubectl prints them.
struct APIResources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-resources", abstract: "Print the supported API resources on the server.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: .hidden) var extra: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Output format. One of: (wide, name).")
    var output: String?

    @Option(help: "If false, non-namespaced resources will be returned, otherwise returning namespaced resources.")
    var namespaced: Bool?

    @Option(help: "Limit to resources in the specified API group.")
    var apiGroup: String?

    @Option(help: "Limit to resources that support the specified verbs.")
    var verbs: [String] = []

    @Option(help: "Limit to resources that belong to the specified categories.")
    var categories: [String] = []

    @Option(help: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
    var sortBy = ""

    @Flag(help: "Don't print headers.")
    var noHeaders = false

    @Flag(help: "Use the cached list of resources if available (kctl always asks the server).")
    var cached = false

    func run() async throws {
        try UnexpectedArguments.check(extra, command: "api-resources")
        let table: APIResourcesTable
        do {
            table = APIResourcesTable(
                output: try APIResourcesTable.parseOutput(output, sortBy: sortBy), apiGroup: apiGroup,
                namespaced: namespaced, verbs: Self.commaSeparated(verbs), categories: Self.commaSeparated(categories),
                sortBy: sortBy, noHeaders: noHeaders)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        let documents = try await Self.discovery(global)
        print(table.render(documents.flatMap(DiscoveredResource.resources(in:))), terminator: "")
    }

    /// The discovery documents, or kubectl's error and exit 1.
    static func discovery(_ global: GlobalOptions) async throws -> [JSONValue] {
        do {
            return try await APIClient.with(global) { client in try await DiscoveredResource.fetchDocuments(client) }
        } catch {
            ErrorReporting.printError(ErrorReporting.render(error))
            throw ExitCode(1)
        }
    }

    /// A string-slice flag's values: each occurrence split at commas, as pflag reads them.
    static func commaSeparated(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map(String.init) }
    }
}

/// `kctl api-versions`: the group-versions the server serves, sorted, one a line.
struct APIVersions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-versions", abstract: "Print the supported API versions on the server, in the form of \"group/version\".")

    @OptionGroup var global: GlobalOptions

    @Argument(help: .hidden) var extra: [String] = []

    func run() async throws {
        try UnexpectedArguments.check(extra, command: "api-versions")
        let documents = try await APIResources.discovery(global)
        let versions = documents.flatMap(DiscoveredResource.groupVersions(in:)).sorted()
        print(versions.map { $0 + "\n" }.joined(), terminator: "")
    }
}

/// kubectl's refusal of positional arguments a command takes none of.
enum UnexpectedArguments {
    /// The message for `arguments` (nil when there are none): `error: unexpected arguments: [a b]` and the hint.
    static func message(_ arguments: [String], command: String) -> String? {
        guard !arguments.isEmpty else { return nil }
        return "error: unexpected arguments: [\(arguments.joined(separator: " "))]\nSee 'kctl \(command) -h' for help and examples"
    }

    /// Prints the message and exits 1 when there are arguments.
    static func check(_ arguments: [String], command: String) throws {
        guard let message = message(arguments, command: command) else { return }
        ErrorReporting.printError(message)
        throw ExitCode(1)
    }
}
