import ArgumentParser

/// `kctl options`: the global flags, listed as `kubectl options` lists its own.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "options",
        abstract: "Print the global flags: those every command that talks to the control plane takes.")

    func run() {
        print(Self.text, terminator: "")
    }

    /// kubectl's layout: a header line, then per flag `    NAMES='DEFAULT':` (a list's default unquoted, `[]`) and a
    /// tab-indented help line. Pure.
    static var text: String {
        let flags = GlobalOptions.listing.map { flag in
            let value = flag.defaultValue.hasPrefix("[") ? flag.defaultValue : "'\(flag.defaultValue)'"
            return "    \(flag.names)=\(value):\n\t\(flag.help)\n"
        }
        return "The following options can be passed to any command that talks to the control plane:\n\n"
            + flags.joined(separator: "\n")
    }
}
