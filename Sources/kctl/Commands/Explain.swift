import ArgumentParser
import Foundation
import KubeAPI

/// `kctl explain RESOURCE[.field.path] [--recursive] [--api-version GROUP/VERSION]`: the documentation of a kind
/// and its fields, in kubectl 1.27+'s format, from the OpenAPI v3 document the server serves for the kind's
/// group-version (``OpenAPIFetch``).
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Get documentation for a resource.",
        discussion: """
            Describes the fields of a resource and of its parts, addressed as TYPE.field.subfield:
              kctl explain pods
              kctl explain daemonset.spec.template.spec
              kctl explain deployments --recursive
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "TYPE[.field.path]")
    var arguments: [String] = []

    @Flag(help: "Print the names of all fields, nested ones too, instead of the fields of one level with their descriptions.")
    var recursive = false

    @Option(help: "Use the given API version (group/version) of the resource.")
    var apiVersion: String?

    func run() async throws {
        guard arguments.count == 1 else {
            ErrorReporting.printError(
                arguments.isEmpty
                    ? "error: You must specify the type of resource to explain. Use \"kctl api-resources\" for a complete list of supported resources."
                    : "error: We accept only this format: explain RESOURCE")
            throw ExitCode(1)
        }
        let query: ExplainQuery
        await CustomKindDiscovery.prepare(global, arguments: [String(arguments[0].prefix { $0 != "." })])
        do {
            query = try ExplainRenderer.query(arguments[0], apiVersion: apiVersion)
        } catch {
            ErrorReporting.printError(error.message)
            throw ExitCode(1)
        }
        let schema: ExplainSchema?
        do {
            schema = try await APIClient.with(global) { client in try await OpenAPIFetch.schema(for: query.kind, client: client) }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
        do {
            let text = try ExplainRenderer.render(query, schema: schema, recursive: recursive)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            FileHandle.standardOutput.write(Data(error.stdout.utf8))
            ErrorReporting.printError(error.message)
            throw ExitCode(1)
        }
    }
}
