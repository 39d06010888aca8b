import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl config`: kubectl's verbs on the kubeconfig file (`view`, `get-contexts`, `current-context`, `use-context`,
/// `set-context`, `delete-context`), with kubectl's output. They work offline, on one file: `--kubeconfig`, else
/// the first `$KUBECONFIG` entry, else `~/.kctl/config`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Modify kubeconfig files using subcommands like \"kctl config use-context my-context\".",
        discussion: """
            The file is chosen as kubectl chooses it, except that only one file is used: --kubeconfig, else the \
            first entry of $KUBECONFIG, else ~/.kctl/config.
            """,
        subcommands: [
            ConfigCurrentContext.self, ConfigDeleteContext.self, ConfigGetContexts.self, ConfigSetContext.self,
            ConfigUseContext.self, ConfigView.self,
        ])
}

/// `--kubeconfig`, for commands that read or write a kubeconfig but talk to no control plane (`kctl config ...`,
/// `kctl cluster create|delete|list`).
struct KubeconfigFileOption: ParsableArguments {
    @Option(help: ArgumentHelp(GlobalOptions.kubeconfigHelp, valueName: "file"))
    var kubeconfig: String?

    /// The file these options choose, and how to name it in messages.
    func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> KubeconfigFile {
        KubeconfigFile.locate(explicit: kubeconfig, environment: environment)
    }
}

/// The kubeconfig file a `kctl config` verb works on.
struct KubeconfigFile: Sendable, Equatable {
    /// The file.
    var url: URL
    /// The path as the user gave it (`--kubeconfig cfg` prints `cfg`, as kubectl does), else the full path.
    var displayPath: String

    /// `--kubeconfig`, else the first `$KUBECONFIG` entry, else `~/.kctl/config` (``KubeconfigLoader``'s choice).
    static func locate(explicit: String?, environment: [String: String]) -> KubeconfigFile {
        let location = KubeconfigLoader.resolvePath(
            explicit: explicit, environment: environment,
            homeDirectory: ClusterPaths.homeDirectory(environment: environment))
        let given: String? =
            switch location.source {
            case .flag: explicit
            case .environment:
                environment[KubeconfigLoader.environmentVariable]?.split(separator: ":").first.map(String.init)
            case .defaultPath: nil
            }
        return KubeconfigFile(url: location.url, displayPath: given ?? location.url.path)
    }

    /// The file's contents (an empty config when it does not exist).
    func load() throws -> KubeconfigDocument {
        try KubeconfigDocument.load(from: url)
    }

    /// Replaces the file with `document`.
    func save(_ document: KubeconfigDocument) throws {
        try document.write(to: url)
    }
}

/// Runs a `kctl config` verb: failures print as kubectl's `CheckErr` prints them (`error: ...`, or one line per
/// error of an aggregate) and exit 1.
enum ConfigCommandRunner {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
    }

    /// Writes text to standard output.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
