import Foundation

/// Decodes API objects the way Kubernetes' strict field validation does: a field the type does not know is an
/// error (`strict decoding error: unknown field "spec.foo"`), not silently dropped.
///
/// It decodes, re-encodes, and reports every input field (with a non-null value) that is absent after the round
/// trip. This relies on every API type encoding every field it decodes, which synthesized `Codable` does.
public enum StrictDecoding {
    /// Decodes `type` from `json`, throwing ``StrictDecodingError`` on unknown fields, type mismatches and
    /// missing required fields.
    public static func decode<R: Decodable & Encodable>(_ type: R.Type, from json: JSONValue) throws -> R {
        let (value, unknown) = try decodeReportingUnknownFields(type, from: json)
        if !unknown.isEmpty {
            throw StrictDecodingError.unknownFields(unknown)
        }
        return value
    }

    /// Decodes `type` from JSON text, as strictly as the ``JSONValue`` overload.
    public static func decode<R: Decodable & Encodable>(_ type: R.Type, from data: Data) throws -> R {
        let json: JSONValue
        do {
            json = try JSONValue(jsonData: data)
        } catch {
            throw StrictDecodingError.invalidValue(field: "", detail: "malformed JSON")
        }
        return try decode(type, from: json)
    }

    /// Decodes `type` from `json` and returns, instead of throwing, the unknown fields' paths (sorted), as
    /// Kubernetes' `Warn` field validation does. Type mismatches still throw ``StrictDecodingError``.
    public static func decodeReportingUnknownFields<R: Decodable & Encodable>(
        _ type: R.Type, from json: JSONValue
    ) throws -> (value: R, unknownFields: [String]) {
        let value = try decodeIgnoringUnknownFields(type, from: json)
        let reencoded = try JSONValue(encoding: value)
        return (value, unknownFields(in: json, keptIn: reencoded))
    }

    /// Decodes `type` from `json` with strict decoding's errors for type mismatches, bad numbers and missing required
    /// fields, but without the round trip that finds unknown fields: for a caller that encodes the value anyway and
    /// checks ``unknownFields(in:keptIn:)`` against that encoding.
    public static func decodeIgnoringUnknownFields<R: Decodable>(_ type: R.Type, from json: JSONValue) throws -> R {
        do {
            return try json.decode(as: R.self)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                let located = locateBadNumber(R.self, in: json)
            {
                throw located
            }
            throw StrictDecodingError(error, input: json)
        }
    }

    /// The paths (`spec.template.spec.containers[0].foo`) of fields present in `input` with a non-null value but
    /// absent from `output`, sorted. Objects are compared member by member, arrays index by index.
    public static func unknownFields(in input: JSONValue, keptIn output: JSONValue) -> [String] {
        var found: [String] = []
        collect(input, output, path: "", into: &found)
        return found.sorted()
    }

    /// Foundation reports a number that does not fit its field (`1.5` or `3000000000` for an `Int32`) without a
    /// coding path. Finds it: the first suspicious number whose replacement by 0 changes the outcome.
    private static func locateBadNumber<R: Decodable>(_ type: R.Type, in json: JSONValue) -> StrictDecodingError? {
        var candidates: [([JSONPathStep], JSONValue)] = []
        suspiciousNumbers(in: json, at: [], into: &candidates)
        for (steps, number) in candidates {
            var patched = json
            patched.set(0, at: steps[...])
            do {
                _ = try patched.decode(as: R.self)
            } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
                continue  // Same failure: not this number.
            } catch {
                // A different failure further on: this number was the first problem.
            }
            let detail = number.intValue == nil ? "number \(number.jsonString()) is not an integer"
                : "number \(number.jsonString()) is out of range"
            return .invalidValue(field: JSONPathStep.render(steps), detail: detail)
        }
        return nil
    }

    private static func suspiciousNumbers(
        in json: JSONValue, at steps: [JSONPathStep], into found: inout [([JSONPathStep], JSONValue)]
    ) {
        switch json {
        case .int(let i) where i < Int64(Int32.min) || i > Int64(Int32.max):
            found.append((steps, json))
        case .double(let d) where d.rounded() != d || abs(d) > Double(Int32.max):
            found.append((steps, json))
        case .object(let members):
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                suspiciousNumbers(in: value, at: steps + [.key(key)], into: &found)
            }
        case .array(let elements):
            for (index, value) in elements.enumerated() {
                suspiciousNumbers(in: value, at: steps + [.index(index)], into: &found)
            }
        default:
            break
        }
    }

    private static func collect(_ input: JSONValue, _ output: JSONValue, path: String, into found: inout [String]) {
        switch (input, output) {
        case (.object(let inMembers), .object(let outMembers)):
            for (key, inValue) in inMembers where !inValue.isNull {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let outValue = outMembers[key] {
                    collect(inValue, outValue, path: childPath, into: &found)
                } else {
                    found.append(childPath)
                }
            }
        case (.array(let inElements), .array(let outElements)):
            for (index, inValue) in inElements.enumerated() where index < outElements.count {
                collect(inValue, outElements[index], path: "\(path)[\(index)]", into: &found)
            }
        default:
            break
        }
    }
}

/// One step of a path into a JSON document.
enum JSONPathStep {
    case key(String)
    case index(Int)

    /// `spec.containers[0].ports`
    static func render(_ steps: [JSONPathStep]) -> String {
        var result = ""
        for step in steps {
            switch step {
            case .index(let i): result += "[\(i)]"
            case .key(let k): result += result.isEmpty ? k : ".\(k)"
            }
        }
        return result
    }
}

extension JSONValue {
    /// Replaces the value at `steps`; does nothing where the path does not exist.
    fileprivate mutating func set(_ newValue: JSONValue, at steps: ArraySlice<JSONPathStep>) {
        guard let first = steps.first else {
            self = newValue
            return
        }
        switch (first, self) {
        case (.key(let key), .object(var members)):
            guard var child = members[key] else { return }
            child.set(newValue, at: steps.dropFirst())
            members[key] = child
            self = .object(members)
        case (.index(let index), .array(var elements)) where index < elements.count:
            elements[index].set(newValue, at: steps.dropFirst())
            self = .array(elements)
        default:
            return
        }
    }
}

/// Why ``StrictDecoding`` rejected a document.
public enum StrictDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fields the type does not know, as sorted paths.
    case unknownFields([String])
    /// A field holds the wrong kind of JSON value: `spec.replicas: expected an integer, got a string`.
    case typeMismatch(field: String, expected: String, found: String)
    /// A field that must be present is absent.
    case missingField(String)
    /// A field's value cannot be represented (a number out of range, malformed JSON...).
    case invalidValue(field: String, detail: String)

    /// Kubernetes' text for unknown fields; a readable `path: problem` line for the rest.
    public var description: String {
        switch self {
        case .unknownFields(let paths):
            return "strict decoding error: " + paths.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        case .typeMismatch(let field, let expected, let found):
            return Self.prefixed(field, "expected \(expected), got \(found)")
        case .missingField(let field):
            return Self.prefixed(field, "Required value")
        case .invalidValue(let field, let detail):
            return Self.prefixed(field, detail)
        }
    }

    private static func prefixed(_ field: String, _ text: String) -> String {
        field.isEmpty ? text : "\(field): \(text)"
    }

    /// Converts a `DecodingError` into a field-path error, looking at `input` to say what was found.
    init(_ error: DecodingError, input: JSONValue) {
        switch error {
        case .typeMismatch(let type, let context):
            let found = Self.value(in: input, at: context.codingPath)
            self = .typeMismatch(
                field: Self.path(context.codingPath), expected: Self.describe(type), found: Self.describe(found))
        case .valueNotFound(let type, let context):
            self = .typeMismatch(field: Self.path(context.codingPath), expected: Self.describe(type), found: "null")
        case .keyNotFound(let key, let context):
            self = .missingField(Self.path(context.codingPath + [key]))
        case .dataCorrupted(let context):
            let field = Self.path(context.codingPath)
            if let found = Self.value(in: input, at: context.codingPath), Self.isNumber(found) {
                let problem = found.intValue == nil ? "is not an integer" : "is out of range"
                self = .invalidValue(field: field, detail: "number \(found.jsonString()) \(problem)")
            } else {
                self = .invalidValue(field: field, detail: context.debugDescription)
            }
        @unknown default:
            self = .invalidValue(field: "", detail: String(describing: error))
        }
    }

    /// `spec.template.spec.containers[0].ports[1].containerPort`
    static func path(_ codingPath: [any CodingKey]) -> String {
        JSONPathStep.render(codingPath.map { key in key.intValue.map(JSONPathStep.index) ?? .key(key.stringValue) })
    }

    private static func value(in input: JSONValue, at codingPath: [any CodingKey]) -> JSONValue? {
        var current: JSONValue? = input
        for key in codingPath {
            if let index = key.intValue, let elements = current?.arrayValue {
                current = index < elements.count ? elements[index] : nil
            } else {
                current = current?[key.stringValue]
            }
        }
        return current
    }

    private static func isNumber(_ value: JSONValue) -> Bool {
        switch value {
        case .int, .double: true
        default: false
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        if type is any BinaryInteger.Type { return "an integer" }
        if type is any BinaryFloatingPoint.Type { return "a number" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "a boolean" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return name
    }

    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "null"
        case .bool?: "a boolean"
        case .int?, .double?: "a number"
        case .string?: "a string"
        case .array?: "an array"
        case .object?: "an object"
        }
    }
}
