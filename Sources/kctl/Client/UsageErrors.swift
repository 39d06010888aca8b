import ArgumentParser

/// The names of kctl's commands as a tree (name, aliases, subcommands), read from their ArgumentParser
/// configurations, so usage errors can name the command they are about.
struct CommandTree: Sendable, Equatable {
    var name: String
    var aliases: [String] = []
    var children: [CommandTree] = []

    /// The tree of `command` and its subcommands.
    init(_ command: any ParsableCommand.Type) {
        name = command._commandName
        aliases = command.configuration.aliases
        children = command.configuration.subcommands.map(CommandTree.init)
    }

    /// A tree spelled out (tests).
    init(name: String, aliases: [String] = [], children: [CommandTree] = []) {
        self.name = name
        self.aliases = aliases
        self.children = children
    }

    /// The subcommand called `word` (by name or alias).
    func child(_ word: String) -> CommandTree? {
        children.first { $0.name == word || $0.aliases.contains(word) }
    }
}

/// Command-line mistakes worded as kubectl (cobra and pflag) words them, from ArgumentParser's message:
/// - `error: unknown command "top" for "kctl"`, with cobra's "Did you mean this?" list, for a word that names no
///   command at the top; `error: unknown command "x"` and `See 'kctl config -h' for help and examples` below it;
/// - `error: unknown flag: --bogus` / `error: unknown shorthand flag: 'x' in -x`,
///   `error: flag needs an argument: --namespace` / `'n' in -n` and `error: invalid argument "x" for "--replicas"
///   flag`, each followed by `See 'kctl get --help' for usage.`
///
/// Other messages are left to the caller (`nil`). Pure.
enum UsageErrors {
    /// cobra's `SuggestionsMinimumDistance`.
    static let suggestionDistance = 2

    /// kubectl's text for a parse failure of `arguments` (after the root command), or `nil` when it has none.
    static func diagnose(arguments: [String], tree: CommandTree, parserMessage: String) -> String? {
        let walk = locate(arguments, in: tree)
        if let unknown = walk.unknownWord, firstUnexpectedValue(parserMessage) == unknown {
            if walk.path.count == 1 { return unknownRootCommand(unknown, root: tree) }
            return "error: unknown command \"\(unknown)\"\nSee '\(walk.commandPath) -h' for help and examples"
        }
        guard let flagError = flagMessage(parserMessage, arguments: arguments) else { return nil }
        return "error: \(flagError)\nSee '\(walk.commandPath) --help' for usage."
    }

    /// cobra's message for an unknown top-level command, with the commands within edit distance 2 or starting
    /// with the word (in the order they are declared).
    static func unknownRootCommand(_ word: String, root: CommandTree) -> String {
        var text = "error: unknown command \"\(word)\" for \"\(root.name)\""
        let lowered = word.lowercased()
        let suggestions = root.children.map(\.name).filter { name in
            editDistance(lowered, name.lowercased()) <= suggestionDistance || name.lowercased().hasPrefix(lowered)
        }
        if !suggestions.isEmpty {
            text += "\n\nDid you mean this?\n" + suggestions.map { "\t\($0)" }.joined(separator: "\n")
        }
        return text
    }

    // MARK: - Internals

    /// Where the words of a command line lead: the commands named, and the first word that names no subcommand
    /// of a command that has subcommands.
    struct Walk {
        var path: [CommandTree]
        var unknownWord: String?

        /// `kctl cluster kill-node`.
        var commandPath: String { path.map(\.name).joined(separator: " ") }
    }

    static func locate(_ arguments: [String], in tree: CommandTree) -> Walk {
        var walk = Walk(path: [tree])
        for argument in arguments {
            guard let current = walk.path.last, !current.children.isEmpty, argument != "--" else { break }
            if argument.hasPrefix("-") { continue }
            guard let next = current.child(argument) else {
                walk.unknownWord = argument
                break
            }
            walk.path.append(next)
        }
        return walk
    }

    /// The first value of ArgumentParser's `Unexpected argument 'x'` / `2 unexpected arguments: 'x', 'y'`.
    static func firstUnexpectedValue(_ message: String) -> String? {
        guard message.hasPrefix("Unexpected argument '") || message.contains(" unexpected arguments: '") else {
            return nil
        }
        return quoted(message)
    }

    /// pflag's wording for ArgumentParser's `Unknown option '...'`, `Missing value for '...'` and
    /// `The value 'x' is invalid for '--flag <v>'` (pflag adds Go's parse error, which kctl has no equivalent of).
    static func flagMessage(_ message: String, arguments: [String]) -> String? {
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
        if firstLine.hasPrefix("Unknown option '"), let name = quoted(firstLine) {
            if name.hasPrefix("--") { return "unknown flag: \(name)" }
            return "unknown shorthand flag: \(shorthand(name, arguments: arguments))"
        }
        if firstLine.hasPrefix("Missing value for '"), let quotedName = quoted(firstLine) {
            let name = String(quotedName.prefix { $0 != " " })
            if name.hasPrefix("--") { return "flag needs an argument: \(name)" }
            return "flag needs an argument: \(shorthand(name, arguments: arguments))"
        }
        let parts = firstLine.split(separator: "'", omittingEmptySubsequences: false)
        if parts.count >= 4, parts[0] == "The value ", parts[2] == " is invalid for " {
            return "invalid argument \"\(parts[1])\" for \"\(parts[3].prefix { $0 != " " })\" flag"
        }
        return nil
    }

    /// `'x' in -xyz`: the letter and the argument it was found in (as typed, when it can be found).
    private static func shorthand(_ name: String, arguments: [String]) -> String {
        let letter = name.dropFirst().first.map(String.init) ?? ""
        let typed = arguments.first { $0.hasPrefix(name) && !$0.hasPrefix("--") } ?? name
        return "'\(letter)' in \(typed)"
    }

    /// The text between the first pair of single quotes.
    private static func quoted(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "'") else { return nil }
        let rest = text[text.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }

    /// Levenshtein distance (cobra's `ld`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
