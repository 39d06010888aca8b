import ArgumentParser

/// The `-o` formats `get` supports.
enum OutputFormat: Equatable, Sendable {
    case table
    case wide
    case yaml
    case json
    case name
    case jsonPath(String)
    case customColumns(String)

    init(_ text: String?) throws {
        guard let text, !text.isEmpty else { self = .table; return }
        switch text {
        case "wide": self = .wide
        case "yaml": self = .yaml
        case "json": self = .json
        case "name": self = .name
        default:
            if let template = OutputFormat.value(of: text, after: ["jsonpath=", "jsonpath-as-json="]) {
                self = .jsonPath(template)
            } else if let spec = OutputFormat.value(of: text, after: ["custom-columns="]) {
                self = .customColumns(spec)
            } else {
                throw ValidationError(
                    "unable to match a printer suitable for the output format \"\(text)\", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml")
            }
        }
    }

    private static func value(of text: String, after prefixes: [String]) -> String? {
        for prefix in prefixes where text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        return nil
    }
}
