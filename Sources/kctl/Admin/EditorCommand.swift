import KubeAPI
import Wire

/// The editor `kctl edit` runs, chosen as kubectl chooses it (`cmd/util/editor/editor.go`): `$KUBE_EDITOR`, else
/// `$EDITOR`, else `vi`. A value without spaces is the program; one with spaces but no quotes or backslashes is split
/// on spaces; anything else is handed to `$SHELL -c` (default `/bin/bash`) with the file's path quoted. Pure.
struct EditorCommand: Sendable, Equatable {
    /// The program and its arguments (for a shell: the shell, `-c` and the command line).
    var arguments: [String]
    /// Whether `arguments` runs a shell command line.
    var shell: Bool

    init(arguments: [String], shell: Bool) {
        self.arguments = arguments
        self.shell = shell
    }

    /// The editor the environment asks for.
    init(environment: [String: String]) {
        var editor = ""
        for name in ["KUBE_EDITOR", "EDITOR"] {
            editor = environment[name] ?? ""
            if !editor.isEmpty { break }
        }
        if editor.isEmpty { editor = "vi" }
        if !editor.contains(" ") {
            self.init(arguments: [editor], shell: false)
        } else if !editor.contains(where: { $0 == "\"" || $0 == "'" || $0 == "\\" }) {
            self.init(arguments: editor.split(separator: " ", omittingEmptySubsequences: false).map(String.init),
                      shell: false)
        } else {
            let shell = environment["SHELL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/bin/bash"
            self.init(arguments: [shell, "-c", editor], shell: true)
        }
    }

    /// The command line that edits `path`: the path appended, or for a shell quoted onto the command line.
    func arguments(editing path: String) -> [String] {
        var result = arguments
        if shell, let last = result.popLast() {
            result.append("\(last) \(GoQuote.quote(path))")
        } else {
            result.append(path)
        }
        return result
    }

    /// How the editor is named in errors: its words joined by spaces.
    var displayName: String { arguments.joined(separator: " ") }
}
