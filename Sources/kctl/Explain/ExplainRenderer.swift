import Foundation
import KubeAPI

/// Why `explain` cannot answer, with kubectl's message (printed as is), and what kubectl printed on standard
/// output before it failed (the KIND and VERSION header when a field does not exist).
struct ExplainError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var stdout = ""
    var description: String { message }
}

/// What `explain` was asked about: a kind, and a path of fields in it (empty for the kind itself).
struct ExplainQuery: Sendable, Equatable {
    let kind: ResourceKind
    let path: [String]
}

/// `kubectl explain` (1.27+ output, its `plaintext` template) over the OpenAPI document the server serves
/// (``ExplainSchema``). Pure.
enum ExplainRenderer {
    /// What `resource` (`ds`, `daemonsets.apps.spec`, `pod.spec.containers`) asks about, optionally for the API
    /// version `apiVersion` (`apps/v1`), which must serve the kind.
    static func query(_ resource: String, apiVersion: String? = nil) throws(ExplainError) -> ExplainQuery {
        let (kind, path) = try resolve(resource, usingPrefix: apiVersion == nil)
        if let apiVersion { try checkServed(apiVersion, kind: kind) }
        return ExplainQuery(kind: kind, path: path)
    }

    /// Explains `resource` from `schema`, the document of its group-version; see ``query(_:apiVersion:)``.
    static func render(
        _ resource: String, recursive: Bool = false, apiVersion: String? = nil, schema: (ResourceKind) -> ExplainSchema?
    ) throws(ExplainError) -> String {
        let query = try query(resource, apiVersion: apiVersion)
        return try render(query, schema: schema(query.kind), recursive: recursive)
    }

    /// Explains the kind or field `query` names, listing nested fields when `recursive`. `schema` is the document
    /// of the kind's group-version (nil when the server has none).
    static func render(_ query: ExplainQuery, schema: ExplainSchema?, recursive: Bool = false)
        throws(ExplainError) -> String
    {
        let kind = query.kind
        let path = query.path
        guard let schema, let definition = schema.definition(for: kind) else {
            throw ExplainError(message: "error: GVK \(kind.apiVersion), Kind=\(kind.kind) not found in OpenAPI schema")
        }
        var out = ""
        if !kind.group.isEmpty { out += "GROUP:      \(kind.group)\n" }
        out += "KIND:       \(kind.kind)\n"
        out += "VERSION:    \(kind.version)\n\n"
        guard let last = path.last else {
            out += describe(
                description: definition.description.isEmpty ? "<empty>" : definition.description + "\n",
                type: .ref(definition.name), schema: schema, recursive: recursive)
            return out + "\n"
        }
        var type = ExplainType.ref(definition.name)
        var field: ExplainField?
        for name in path {
            guard let next = schema.field(name, in: type) else {
                throw ExplainError(message: "error: field \"\(last)\" does not exist", stdout: out)
            }
            field = next
            type = next.type
        }
        guard let field else { return out }
        out += "FIELD: \(last) <\(schema.typeName(field.type))>\n"
        if !field.enumValues.isEmpty { out += "ENUM:" + field.enumValues.map { "\n    \($0)" }.joined() }
        out += "\n\n"
        let typeText = typeDescription(field.type, schema)
        // kubectl's `<empty>` when neither the field nor its type says anything (a custom kind's inline object).
        let text = field.description.isEmpty && typeText.isEmpty ? "<empty>" : field.description + "\n" + typeText
        out += describe(description: text, type: field.type, schema: schema, recursive: recursive)
        return out + "\n"
    }

    // MARK: - Resolving the request

    /// The kind and field path of `DaemonSet.spec`-like text, as kubectl splits it: the first part names the
    /// resource; `daemonsets.apps.spec` also works (without `--api-version`).
    static func resolve(_ text: String, usingPrefix: Bool) throws(ExplainError) -> (ResourceKind, [String]) {
        var input = text
        if input.hasSuffix(".") { input.removeLast() }
        let parts = input.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let first = parts.first ?? ""
        guard let kind = ResourceKind.lookUp(name: first) else {
            // kubectl's explain prints this one without the `error: ` prefix.
            throw ExplainError(message: "the server doesn't have a resource type \"\(first)\"")
        }
        if usingPrefix && !kind.group.isEmpty && input.hasPrefix(kind.groupResource) {
            let suffix = input.dropFirst(kind.groupResource.count)
            let rest = suffix.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            return (kind, Array(rest.dropFirst()))
        }
        return (kind, Array(parts.dropFirst()))
    }

    /// `--api-version`: the group/version must be served, and serve the kind.
    static func checkServed(_ apiVersion: String, kind: ResourceKind) throws(ExplainError) {
        var group = ""
        var version = ""
        if !apiVersion.isEmpty && apiVersion != "/" {
            let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            switch parts.count {
            case 1: version = parts[0]
            case 2: (group, version) = (parts[0], parts[1])
            default: throw ExplainError(message: "error: unexpected GroupVersion string: \(apiVersion)")
            }
        }
        let gvr = "\(group)/\(version), Resource=\(kind.plural)"
        guard (ResourceKind.all + ResourceKind.discovered.kinds).contains(where: { $0.group == group && $0.version == version })
        else {
            throw ExplainError(message: "error: couldn't find resource for \"\(gvr)\"")
        }
        guard kind.group == group && kind.version == version else {
            throw ExplainError(message: "error: GVR (\(gvr)) not found in OpenAPI schema")
        }
    }

    // MARK: - Sections

    /// `DESCRIPTION:` and, for an object, `FIELDS:`.
    private static func describe(description: String, type: ExplainType, schema: ExplainSchema, recursive: Bool)
        -> String
    {
        var out = "DESCRIPTION:\n" + indent(wordWrap(description, 76), 4) + "\n"
        if let definition = schema.objectDefinition(of: type), !definition.fields.isEmpty {
            out += "FIELDS:\n"
            out += fieldList(definition, schema: schema, level: 1, recursive: recursive, seen: [definition.name])
        }
        return out
    }

    /// A field's type's own description (what kubectl appends to the field's when explaining it).
    private static func typeDescription(_ type: ExplainType, _ schema: ExplainSchema) -> String {
        switch type {
        case .ref(let name):
            guard let description = schema.definitions[name]?.description, !description.isEmpty else { return "" }
            return description + "\n"
        case .array(let inner), .map(let inner):
            return typeDescription(inner, schema)
        default:
            return ""
        }
    }

    private static func fieldList(
        _ definition: ExplainDefinition, schema: ExplainSchema, level: Int, recursive: Bool, seen: Set<String>
    ) -> String {
        let indentAmount = level * 2
        var out = ""
        let fields = definition.fields.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        for field in fields {
            out += String(repeating: " ", count: indentAmount) + field.name + "\t<" + schema.typeName(field.type) + ">"
            if field.required { out += " -required-" }
            if !field.enumValues.isEmpty {
                var values = field.enumValues.prefix(4).joined(separator: ", ")
                if field.enumValues.count > 4 { values += ", ...." }
                out += "\n" + String(repeating: " ", count: indentAmount) + "enum: " + values
            }
            out += "\n"
            if recursive {
                if let nested = schema.objectDefinition(of: field.type), !seen.contains(nested.name) {
                    out += fieldList(
                        nested, schema: schema, level: level + 1, recursive: true, seen: seen.union([nested.name]))
                }
            } else {
                let text = field.description.isEmpty ? "<no description>" : field.description
                out += indent(wordWrap(text, 78 - indentAmount), indentAmount + 2) + "\n\n"
            }
        }
        return out
    }

    // MARK: - Text

    /// Prefixes the text and every line after a newline with `amount` spaces (the template's `indent`).
    static func indent(_ text: String, _ amount: Int) -> String {
        let pad = String(repeating: " ", count: amount)
        return pad + text.replacingOccurrences(of: "\n", with: "\n" + pad)
    }

    /// Wraps at spaces so that lines stay within `limit` characters where words allow, keeping existing line
    /// breaks (the algorithm of the word wrapper kubectl uses).
    static func wordWrap(_ text: String, _ limit: Int) -> String {
        var out = ""
        var current = 0
        var word = ""
        var space = ""
        var wordCount = 0
        var spaceCount = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if wordCount == 0 {
                    if current + spaceCount > limit {
                        current = 0
                    } else {
                        current += spaceCount
                        out += space
                    }
                } else {
                    current += spaceCount + wordCount
                    out += space + word
                    word = ""
                    wordCount = 0
                }
                space = ""
                spaceCount = 0
                out += "\n"
                current = 0
            } else if isWrapSpace(scalar) {
                if spaceCount == 0 || wordCount > 0 {
                    current += spaceCount + wordCount
                    out += space + word
                    space = ""
                    spaceCount = 0
                    word = ""
                    wordCount = 0
                }
                space.unicodeScalars.append(scalar)
                spaceCount += 1
            } else {
                word.unicodeScalars.append(scalar)
                wordCount += 1
                if current + wordCount + spaceCount > limit && wordCount < limit {
                    out += "\n"
                    current = 0
                    space = ""
                    spaceCount = 0
                }
            }
        }
        if wordCount == 0 {
            if current + spaceCount <= limit { out += space }
        } else {
            out += space + word
        }
        return out
    }

    /// Go's `unicode.IsSpace`, except the no-break space.
    private static func isWrapSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}": return true
        case "\u{A0}": return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }
}
