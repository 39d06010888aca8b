import ArgumentParser
import KubeAPI
import Wire

/// `kctl config set-context [NAME | --current] [--namespace=X] [--cluster=X] [--user=X]`.
struct ConfigSetContext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-context", abstract: "Set a context entry in kubeconfig (created if it does not exist).")

    @OptionGroup var file: KubeconfigFileOption

    @Argument(help: "The context to set (or --current).", completion: CompletionCandidates.contexts)
    var name: String?

    @Flag(help: "Modify the current context.")
    var current = false

    @Option(name: [.customShort("n", allowingJoined: true), .long], help: "The context's default namespace.")
    var namespace: String?

    @Option(help: "The context's cluster entry.")
    var cluster: String?

    @Option(help: "The context's user entry.")
    var user: String?

    func run() throws {
        try ConfigCommandRunner.run {
            let target = file.file()
            var document = try target.load()
            let chosen = try Self.contextName(argument: name, current: current, document: document)
            let created = document.setContext(chosen, cluster: cluster, user: user, namespace: namespace)
            try target.save(document)
            ConfigCommandRunner.write("Context \"\(chosen)\" \(created ? "created" : "modified").\n")
        }
    }

    /// The context to set: the argument, or with `--current` the current one; kubectl's errors otherwise. Pure.
    static func contextName(argument: String?, current: Bool, document: KubeconfigDocument) throws -> String {
        if current {
            guard argument == nil else {
                throw MessageError("you cannot specify both a context name and --current")
            }
            guard !document.currentContext.isEmpty else { throw MessageError("no current context is set") }
            return document.currentContext
        }
        guard let argument, !argument.isEmpty else {
            throw MessageError("you must specify a non-empty context name or --current")
        }
        return argument
    }
}

/// `kctl config delete-context NAME`.
struct ConfigDeleteContext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-context", abstract: "Delete the specified context from the kubeconfig.")

    @OptionGroup var file: KubeconfigFileOption

    @Argument(help: "The context to delete.", completion: CompletionCandidates.contexts)
    var name: String

    func run() throws {
        try ConfigCommandRunner.run {
            let target = file.file()
            var document = try target.load()
            guard document.deleteContext(name) else {
                throw MessageError("cannot delete context \(name), not in \(target.displayPath)")
            }
            try target.save(document)
            if document.currentContext == name {
                ErrorReporting.printError(
                    "warning: this removed your active context, "
                        + "use \"kctl config use-context\" to select a different one")
            }
            ConfigCommandRunner.write("deleted context \(name) from \(target.displayPath)\n")
        }
    }
}
