import Foundation
import KubeAPI
import Wire

/// What `kctl wait --for=...` waits for, as kubectl 1.32 parses and checks it. Pure.
enum WaitCondition: Sendable {
    /// `--for=delete`: the object is gone.
    case delete
    /// `--for=create`: the object exists.
    case create
    /// `--for=condition=NAME[=STATUS]`: a `status.conditions` entry of that type (case-insensitive) has that
    /// status (default `true`, case-insensitive), and is not older than the object's generation.
    case condition(name: String, status: String)
    /// `--for=jsonpath='{EXPR}'[=VALUE]`: the expression yields one scalar equal to the value, or (without a
    /// value) yields something.
    case jsonPath(expression: String, path: JSONPath, value: String?)

    /// Why a `--for` value or a check failed, in kubectl's words.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Parses `--for`'s value.
    static func parse(_ text: String) throws(Failure) -> WaitCondition {
        switch text.lowercased() {
        case "delete": return .delete
        case "create": return .create
        default: break
        }
        if text.hasPrefix("condition=") {
            let body = text.dropFirst("condition=".count)
            guard let equals = body.firstIndex(of: "=") else { return .condition(name: String(body), status: "true") }
            return .condition(name: String(body[..<equals]), status: String(body[body.index(after: equals)...]))
        }
        if text.hasPrefix("jsonpath=") {
            return try jsonPath(String(text.dropFirst("jsonpath=".count)))
        }
        throw Failure(description: "unrecognized condition: \(GoQuote.quote(text))")
    }

    /// Whether `object` (nil: it does not exist) meets the condition.
    /// - Throws: ``Failure`` when a JSONPath result cannot be compared (several values, a list or an object).
    func isMet(by object: JSONValue?) throws(Failure) -> Bool {
        switch self {
        case .delete: return object == nil
        case .create: return object != nil
        case .condition(let name, let status):
            guard let object else { return false }
            return Self.conditionHolds(object, name: name, status: status)
        case .jsonPath(_, let path, let value):
            guard let object else { return false }
            return try Self.jsonPathHolds(object, path: path, value: value)
        }
    }

    // MARK: - Internals

    private static let jsonPathFormat =
        "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'"

    /// `{EXPR}=VALUE`, `{EXPR}`, `.a.b=VALUE`: the expression ends at the brace that closes the first one (so `==`
    /// inside a filter stays in it), else at the first `=`.
    private static func jsonPath(_ input: String) throws(Failure) -> WaitCondition {
        guard !input.isEmpty else { throw Failure(description: "jsonpath expression cannot be empty") }
        var expression = input
        var value: String?
        if input.hasPrefix("{") {
            var depth = 0
            var end: String.Index?
            for index in input.indices {
                if input[index] == "{" { depth += 1 }
                if input[index] == "}" {
                    depth -= 1
                    if depth == 0 {
                        end = input.index(after: index)
                        break
                    }
                }
            }
            if let end {
                expression = String(input[..<end])
                let rest = input[end...]
                if !rest.isEmpty {
                    guard rest.hasPrefix("=") else { throw Failure(description: jsonPathFormat) }
                    value = String(rest.dropFirst())
                }
            }
        } else if let equals = input.firstIndex(of: "=") {
            expression = String(input[..<equals])
            value = String(input[input.index(after: equals)...])
        }
        if let text = value {
            if text.contains("=") { throw Failure(description: jsonPathFormat) }
            let trimmed = text.trimmingCharacters(in: ["'", "\""])
            guard !trimmed.isEmpty else {
                throw Failure(
                    description:
                        "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3")
            }
            value = trimmed
        }
        do {
            let relaxed = try JSONPath.relaxed(expression)
            return .jsonPath(expression: relaxed, path: try JSONPath(relaxed), value: value)
        } catch {
            throw Failure(description: error.description)
        }
    }

    private static func conditionHolds(_ object: JSONValue, name: String, status: String) -> Bool {
        let generation = object[path: ["metadata", "generation"]]?.intValue
        for condition in object[path: ["status", "conditions"]]?.arrayValue ?? [] {
            guard let type = condition["type"]?.stringValue, type.caseInsensitiveCompare(name) == .orderedSame,
                let actual = condition["status"]?.stringValue
            else { continue }
            if let generation,
                let observed = condition["observedGeneration"]?.intValue
                    ?? object[path: ["status", "observedGeneration"]]?.intValue,
                observed < generation
            {
                return false
            }
            return actual.caseInsensitiveCompare(status) == .orderedSame
        }
        return false
    }

    private static func jsonPathHolds(_ object: JSONValue, path: JSONPath, value: String?) throws(Failure) -> Bool {
        let results = ((try? path.results(on: object)) ?? []).flatMap { $0 }
        guard let value else { return !results.isEmpty }
        guard !results.isEmpty else { return false }
        guard results.count == 1, let result = results.first else {
            throw Failure(description: "given jsonpath expression matches more than one value")
        }
        switch result {
        case .array, .object:
            throw Failure(description: "jsonpath leads to a nested object or list which is not supported")
        default:
            return GoFormat.sprint(result) == value
        }
    }
}
