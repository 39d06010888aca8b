import Foundation
import KubeAPI
import Wire

/// The text rules of kubectl's edit loop (`editoptions.go`, `cmdutil.StripComments`/`ManualStrip`). Pure.
enum EditText {
    /// One failure shown at the top of a reopened file: a head line and its `* ` items.
    struct Reason: Sendable, Equatable {
        var head: String
        var other: [String] = []
    }

    /// The comment block at the top of a YAML edit file, with the failures of the last attempt.
    static func header(reasons: [Reason]) -> String {
        var text = """
            # Please edit the object below. Lines beginning with a '#' will be ignored,
            # and an empty file will abort the edit. If an error occurs while saving this file will be
            # reopened with the relevant failures.
            #

            """
        for reason in reasons {
            text += "# \(hashOnLineBreak(reason.head))\(reason.other.isEmpty ? "" : ":")\n"
            for item in reason.other { text += "# * \(hashOnLineBreak(item))\n" }
            text += "#\n"
        }
        return text
    }

    /// Continues a multi-line message as comments: a newline not followed by `#` becomes `\n# `.
    static func hashOnLineBreak(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "\n", index + 1 < characters.count, characters[index + 1] != "#" {
                result += "\n# "
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The text without its comment lines (a line whose first non-blank character is `#`, but not `#!`).
    static func manualStrip(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var result = ""
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("#") && !trimmed.hasPrefix("#!") { continue }
            result += line
            if index < lines.count - 1 { result += "\n" }
        }
        return result
    }

    /// Whether two saved files say the same thing once comments are dropped: compared as parsed documents when
    /// both parse, as comment-stripped text when neither does (kubectl compares `StripComments` output).
    static func sameContent(_ a: String, _ b: String) -> Bool {
        let left = try? YAMLManifest.documents(from: a)
        let right = try? YAMLManifest.documents(from: b)
        switch (left, right) {
        case (let l?, let r?): return l == r
        case (nil, nil): return manualStrip(a) == manualStrip(b)
        default: return false
        }
    }

    /// Whether the file has a line that is neither blank nor a comment.
    static func hasLines(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
    }

    /// `field: message` for a cause of an Invalid error, as kubectl prints it: the message holds only the body
    /// (`Required value`), as Kubernetes writes it; one that already starts with its field is kept as it is.
    static func causeLine(_ cause: StatusCause) -> String {
        let message = cause.message ?? ""
        let field = cause.field ?? ""
        if !field.isEmpty, message.hasPrefix(field + ": ") { return message }
        return "\(field): \(message)"
    }
}
