import ArgumentParser
import KubeAPI
import Wire

/// `kctl config view [--minify] [--raw] [-o yaml|json]`: the kubeconfig as kubectl prints it, certificate and key
/// data shown as `DATA+OMITTED` (tokens and passwords `REDACTED`) unless `--raw`.
struct ConfigView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view", abstract: "Display the kubeconfig settings (secrets hidden unless --raw).")

    @OptionGroup var file: KubeconfigFileOption

    @Option(
        help: "With --minify, the context to keep (default: the current context).",
        completion: CompletionCandidates.contexts)
    var context: String?

    @Flag(help: "Remove all information not used by the current context from the output.")
    var minify = false

    @Flag(help: "Display raw byte data and sensitive data.")
    var raw = false

    @Option(name: [.short, .customLong("output")], help: "Output format: yaml (default) or json.")
    var output: String = "yaml"

    func run() throws {
        try ConfigCommandRunner.run {
            let text = try Self.render(
                file.file().load(), minify: minify, context: context, raw: raw, output: output)
            ConfigCommandRunner.write(text)
        }
    }

    /// The text `config view` prints for `document`. Pure.
    static func render(
        _ document: KubeconfigDocument, minify: Bool, context: String?, raw: Bool, output: String
    ) throws -> String {
        guard output == "yaml" || output == "json" else {
            throw MessageError(
                "unable to match a printer suitable for the output format \"\(output)\", allowed formats are: json,yaml"
            )
        }
        var shown = document
        if minify { shown = try shown.minified(context: context) }
        if !raw { shown = shown.redacted() }
        return output == "json" ? JSONPrinter.print(shown.normalized) : shown.yaml
    }
}
