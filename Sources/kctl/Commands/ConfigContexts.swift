import ArgumentParser
import KubeAPI
import Wire

/// `kctl config get-contexts [NAME...] [-o name] [--no-headers]`.
struct ConfigGetContexts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-contexts", abstract: "Describe one or many contexts.")

    @OptionGroup var file: KubeconfigFileOption

    @Argument(help: "Contexts to show (default: all).", completion: CompletionCandidates.contexts)
    var names: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Output format. One of: name.")
    var output: String?

    @Flag(help: "When using the default output format, don't print headers.")
    var noHeaders = false

    func run() throws {
        try ConfigCommandRunner.run {
            let format = output ?? ""
            guard format.isEmpty || format == "name" else {
                throw MessageError(
                    "--output \(format) is not available in kctl config get-contexts; "
                        + "resetting to default output format")
            }
            let (text, missing) = ConfigContextsTable.render(
                try file.file().load(), names: names, nameOnly: format == "name", headers: !noHeaders)
            ConfigCommandRunner.write(text)
            if let error = ConfigContextsTable.missingError(missing) { throw error }
        }
    }
}

/// `kctl config current-context`.
struct ConfigCurrentContext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "current-context", abstract: "Display the current-context.")

    @OptionGroup var file: KubeconfigFileOption

    func run() throws {
        try ConfigCommandRunner.run {
            let current = try file.file().load().currentContext
            // kubectl's words exactly (the hint other commands add is about this very command).
            guard !current.isEmpty else { throw MessageError("current-context is not set") }
            ConfigCommandRunner.write(current + "\n")
        }
    }
}

/// `kctl config use-context NAME`.
struct ConfigUseContext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use-context", abstract: "Set the current-context in a kubeconfig file.", aliases: ["use"])

    @OptionGroup var file: KubeconfigFileOption

    @Argument(help: "The context to make current.", completion: CompletionCandidates.contexts)
    var name: String

    func run() throws {
        try ConfigCommandRunner.run {
            let target = file.file()
            var document = try target.load()
            guard document.context(named: name) != nil else {
                throw MessageError("no context exists with the name: \"\(name)\"")
            }
            document.setCurrentContext(name)
            try target.save(document)
            ConfigCommandRunner.write("Switched to context \"\(name)\".\n")
        }
    }
}
