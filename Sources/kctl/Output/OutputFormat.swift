import ArgumentParser
import Foundation

/// The `-o` formats `get` supports.
enum OutputFormat: Equatable, Sendable {
    case table
    case wide
    case yaml
    case json
    case name
    case jsonPath(String)
    /// `-o jsonpath-as-json=...`: each result group printed as an indented JSON array.
    case jsonPathAsJSON(String)
    case customColumns(String)
    /// `-o go-template=...`, `-o template=...`, `-o go-template-file=...`, or `--template`.
    case goTemplate(GoTemplate)
    /// A template format whose printer kubectl cannot build (no template given, an unreadable file, a template
    /// that does not parse): kubectl's message, printed as `error: <message>` before anything is fetched.
    case unusable(String)

    /// Formats whose value is a template (`-o go-template=T`, or `-o go-template --template T`).
    private static let goTemplateFormats = ["go-template", "template"]
    private static let goTemplateFileFormats = ["go-template-file", "templatefile"]
    private static let jsonPathFormats = ["jsonpath"]
    private static let jsonPathAsJSONFormats = ["jsonpath-as-json"]
    private static let jsonPathFileFormats = ["jsonpath-file"]
    private static let customColumnsFileFormats = ["custom-columns-file"]

    /// `text` is the `-o` value, `template` the `--template` flag (kubectl: a template given without `-o` means
    /// `go-template`; with one, `-o` must name the bare format).
    init(_ text: String?, template: String? = nil) throws {
        let template = template.flatMap { $0.isEmpty ? nil : $0 }
        let text = text ?? ""
        guard !text.isEmpty || template != nil else {
            self = .table
            return
        }
        switch text.isEmpty ? "go-template" : text {
        case "wide": self = .wide
        case "yaml": self = .yaml
        case "json": self = .json
        case "name": self = .name
        case let format where Self.goTemplateFormats.contains(format):
            self = Self.goTemplate(text: template)
        case let format where Self.goTemplateFileFormats.contains(format):
            self = Self.goTemplate(file: template)
        case let format where Self.jsonPathFormats.contains(format):
            self = template.map { .jsonPath($0) } ?? .unusable(Self.noTemplate)
        case let format where Self.jsonPathAsJSONFormats.contains(format):
            self = template.map { .jsonPathAsJSON($0) } ?? .unusable(Self.noTemplate)
        case let format where Self.jsonPathFileFormats.contains(format):
            self = Self.jsonPath(file: template)
        case let format where Self.customColumnsFileFormats.contains(format):
            self = Self.customColumns(file: template)
        default:
            if template == nil, let value = Self.value(of: text, after: Self.goTemplateFormats) {
                self = Self.goTemplate(text: value)
            } else if template == nil, let path = Self.value(of: text, after: Self.goTemplateFileFormats) {
                self = Self.goTemplate(file: path)
            } else if template == nil, let path = Self.value(of: text, after: Self.jsonPathFormats) {
                self = .jsonPath(path)
            } else if template == nil, let path = Self.value(of: text, after: Self.jsonPathAsJSONFormats) {
                self = .jsonPathAsJSON(path)
            } else if template == nil, let path = Self.value(of: text, after: Self.jsonPathFileFormats) {
                self = Self.jsonPath(file: path)
            } else if template == nil, let path = Self.value(of: text, after: Self.customColumnsFileFormats) {
                self = Self.customColumns(file: path)
            } else if let spec = OutputFormat.value(of: text, after: ["custom-columns"]) {
                self = .customColumns(spec)
            } else {
                throw ValidationError(
                    "unable to match a printer suitable for the output format \"\(text)\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")
            }
        }
    }

    private static let noTemplate = "template format specified but no template given"

    private static func goTemplate(text: String?) -> OutputFormat {
        guard let text, !text.isEmpty else { return .unusable(noTemplate) }
        do {
            return .goTemplate(try GoTemplate(text))
        } catch {
            return .unusable("error parsing template \(text), \(error)")
        }
    }

    private static func goTemplate(file path: String?) -> OutputFormat {
        guard let path, !path.isEmpty else { return .unusable(noTemplate) }
        switch readFile(path) {
        case .success(let text): return goTemplate(text: text.isEmpty ? nil : text)
        case .failure(let failure): return .unusable("error reading --template \(path), \(failure.message)")
        }
    }

    /// `-o jsonpath-file=PATH`: the JSONPath template is the file's text.
    private static func jsonPath(file path: String?) -> OutputFormat {
        guard let path, !path.isEmpty else { return .unusable(noTemplate) }
        switch readFile(path) {
        case .success(let text): return .jsonPath(text)
        case .failure(let failure): return .unusable("error reading --template \(path), \(failure.message)")
        }
    }

    /// `-o custom-columns-file=PATH`: a line of headers and a line of column specifications, each separated by
    /// whitespace, as kubectl reads them.
    private static func customColumns(file path: String?) -> OutputFormat {
        guard let path, !path.isEmpty else { return .unusable(noTemplate) }
        switch readFile(path) {
        case .success(let text): return customColumns(template: text)
        case .failure(let failure): return .unusable("error reading template \(path), \(failure.message)")
        }
    }

    /// The `-o custom-columns=` spec a custom-columns template file stands for (or kubectl's complaint). Pure.
    static func customColumns(template text: String) -> OutputFormat {
        let expected = "Expected format is one line of space separated headers, one line of space separated column specs."
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let headerLine = lines.first, !(lines.count == 1 && headerLine.isEmpty) else {
            return .unusable("invalid template, missing header line. \(expected)")
        }
        guard lines.count > 1, !(lines.count == 2 && lines[1].isEmpty) else {
            return .unusable("invalid template, missing spec line. \(expected)")
        }
        let headers = headerLine.split(whereSeparator: \.isWhitespace)
        let specs = lines[1].split(whereSeparator: \.isWhitespace)
        guard headers.count == specs.count else {
            return .unusable(
                "number of headers (\(headers.count)) and field specifications (\(specs.count)) don't match")
        }
        return .customColumns(zip(headers, specs).map { "\($0):\($1)" }.joined(separator: ","))
    }

    private struct ReadFailure: Error {
        var message: String
    }

    /// Reads a file, failing with Go's `*PathError` text (`open /x: no such file or directory`).
    private static func readFile(_ path: String) -> Result<String, ReadFailure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(ReadFailure(message: "open \(path): \(goErrno())")) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 { return .failure(ReadFailure(message: "read \(path): \(goErrno())")) }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    /// The current `errno` as Go spells it (the C text with a lowercase first letter).
    private static func goErrno() -> String {
        let text = String(cString: strerror(errno))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    private static func value(of text: String, after formats: [String]) -> String? {
        for format in formats where text.hasPrefix(format + "=") { return String(text.dropFirst(format.count + 1)) }
        return nil
    }
}
