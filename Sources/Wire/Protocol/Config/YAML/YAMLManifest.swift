import KubeAPI
import Yams

/// Reads YAML manifests (`kctl apply -f`) into JSON values the way kubectl does.
///
/// The text is split into documents at lines starting with `---` (kubectl's `YAMLReader`), each document is
/// composed with Yams and converted to JSON; empty and `null` documents (comment-only) are skipped. Error line
/// numbers are relative to the document, as kubectl reports them.
///
/// Scalars resolve as go-yaml v2 resolves them for kubectl (`3` is an integer, `"3"` a string, `0777` octal,
/// `1e3` a double, timestamps stay strings), except that only `true`/`false` (any case variant) are Booleans:
/// YAML 1.1 words like `yes`, `on`, `off`, `y`, `n` are Booleans, as go-yaml v2 (and so kubectl) reads them.
public enum YAMLManifest {
    /// The non-empty documents of a manifest, in file order.
    ///
    /// - Throws: ``YAMLManifestError`` naming the problem and, where the parser gives one, the line.
    public static func documents(from text: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for chunk in try splitDocuments(text) {
            if let value = try convertDocument(chunk), value != .null {
                documents.append(value)
            }
        }
        return documents
    }

    /// Splits a stream at `---` lines as apimachinery's `YAMLReader` does: the rest of a separator line may only
    /// hold spaces or a comment.
    static func splitDocuments(_ text: String) throws -> [String] {
        let bytes = Array(text.utf8)
        var chunks: [String] = []
        var chunkStart = 0
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            if lineEnd - lineStart >= 3 && bytes[lineStart..<lineStart + 3].elementsEqual("---".utf8) {
                let rest = String(decoding: bytes[(lineStart + 3)..<lineEnd], as: UTF8.self).trimmingWhitespace()
                if let first = rest.first, first != "#" {
                    throw YAMLManifestError(message: "invalid Yaml document separator: \(rest)")
                }
                if lineStart > chunkStart {
                    chunks.append(String(decoding: bytes[chunkStart..<lineStart], as: UTF8.self))
                }
                chunkStart = next
            }
            lineStart = next
        }
        if bytes.count > chunkStart {
            chunks.append(String(decoding: bytes[chunkStart...], as: UTF8.self))
        }
        return chunks
    }

    private static func convertDocument(_ chunk: String) throws -> JSONValue? {
        let root: Yams.Node?
        do {
            let parser = try Yams.Parser(yaml: chunk, resolver: YAMLNodeConverter.resolver())
            root = try parser.nextRoot()
        } catch let error as Yams.YamlError {
            if case .composer(_, "found undefined alias", let mark, _) = error {
                let name = aliasName(in: chunk, at: mark)
                throw YAMLManifestError(conversion: "yaml: unknown anchor '\(name)' referenced")
            }
            throw YAMLManifestError(converting: error)
        }
        guard let root else { return nil }
        var converter = YAMLNodeConverter()
        return try converter.convert(root)
    }
}

extension YAMLManifest {
    /// The alias name (`*name`) at a 1-based line and column, for go-yaml's "unknown anchor" message.
    fileprivate static func aliasName(in text: String, at mark: Yams.Mark) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return "" }
        let scalars = Array(lines[mark.line - 1].unicodeScalars.dropFirst(max(mark.column - 1, 0)))
        let stops: Set<Unicode.Scalar> = [" ", "\t", "\r", ",", "[", "]", "{", "}"]
        return String(String.UnicodeScalarView(scalars.drop { $0 == "*" }.prefix { !stops.contains($0) }))
    }
}

/// A manifest that could not be read; `message` is what kubectl would print after `error parsing FILE: `.
public struct YAMLManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The full message, e.g. `error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this
    /// context`.
    public var message: String

    /// An error with a complete message.
    public init(message: String) {
        self.message = message
    }

    /// An error from the YAML-to-JSON step, prefixed as sigs.k8s.io/yaml prefixes it.
    init(conversion detail: String) {
        self.message = "error converting YAML to JSON: \(detail)"
    }

    /// Maps a Yams parse error to go-yaml's wording: scanner errors name the 1-based line of the problem,
    /// parser and composer errors the 0-based one, and a problem on the first line falls back to the 0-based
    /// context line or to no line at all (go-yaml quirks kubectl users see).
    init(converting error: Yams.YamlError) {
        func describe(problem: String, mark: Yams.Mark, context: Yams.YamlError.Context?, oneBased: Bool) -> String {
            // libyaml's nesting cap (1000 levels) is go-yaml's "max depth" (10000 there).
            if problem.hasPrefix("Maximum nesting level reached") { return "yaml: exceeded max depth of 1000" }
            // go-yaml's `parser.fail`, on libyaml's 0-based marks (Yams adds 1).
            let problemLine = mark.line - 1
            let contextLine = (context?.mark.line ?? 1) - 1
            let line = problemLine != 0 ? (oneBased ? problemLine + 1 : problemLine) : contextLine
            return line > 0 ? "yaml: line \(line): \(problem)" : "yaml: \(problem)"
        }
        let detail: String
        switch error {
        case .scanner(let context, let problem, let mark, _):
            detail = describe(problem: problem, mark: mark, context: context, oneBased: true)
        case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            detail = describe(problem: problem, mark: mark, context: context, oneBased: false)
        case .reader(let problem, _, _, _):
            detail = "yaml: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            detail = "yaml: line \(context.mark.line): key \"\(key)\" already set in map"
        default:
            detail = "yaml: \(error)"
        }
        self.init(conversion: detail)
    }

    public var description: String { message }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks (Go's `strings.TrimSpace` for ASCII).
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let scalars = Array(unicodeScalars)
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
            let end = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
