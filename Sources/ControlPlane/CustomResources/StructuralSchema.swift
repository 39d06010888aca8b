import Foundation
import KubeAPI
import Wire

/// A custom resource version's OpenAPI v3 schema (`openAPIV3Schema`), read once for the three things the API server
/// does with it on every write, as Kubernetes' apiextensions server does: prune unknown fields (and drop `null`s
/// the schema does not allow), apply `default`s, and validate (types, `required`, `enum`, bounds, lengths,
/// `pattern`, item and property counts) with kube-openapi's messages. Pure.
///
/// A class, so that schemas can nest; immutable once built.
final class StructuralSchema: Sendable {
    /// What a node says of members that are not among its `properties`.
    enum Additional: Sendable {
        /// Not said: members not listed are pruned.
        case unspecified
        /// `additionalProperties: true|false`.
        case allowed(Bool)
        /// `additionalProperties: {schema}`: a map whose values follow the schema.
        case schema(StructuralSchema)
    }

    /// The JSON types allowed (empty: any); `x-kubernetes-int-or-string` allows `integer` and `string`.
    let types: [String]
    let nullable: Bool
    let properties: [String: StructuralSchema]
    let required: [String]
    let items: StructuralSchema?
    let additional: Additional
    let preservesUnknownFields: Bool
    let embeddedResource: Bool
    let enumValues: [JSONValue]?
    let minimum: Double?
    let exclusiveMinimum: Bool
    let maximum: Double?
    let exclusiveMaximum: Bool
    let multipleOf: Double?
    let minLength: Int64?
    let maxLength: Int64?
    let minItems: Int64?
    let maxItems: Int64?
    let minProperties: Int64?
    let maxProperties: Int64?
    let pattern: String?
    let defaultValue: JSONValue?

    /// Reads a `JSONSchemaProps` as sent.
    init(_ json: JSONValue) {
        let object = json.objectValue ?? [:]
        let intOrString = object["x-kubernetes-int-or-string"]?.boolValue == true
        if intOrString {
            types = ["integer", "string"]
        } else if let type = object["type"]?.stringValue, !type.isEmpty {
            types = [type]
        } else {
            types = []
        }
        nullable = object["nullable"]?.boolValue == true
        properties = (object["properties"]?.objectValue ?? [:]).mapValues(StructuralSchema.init)
        required = object["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        items = object["items"].flatMap { $0.objectValue != nil ? StructuralSchema($0) : nil }
        switch object["additionalProperties"] {
        case .bool(let allowed): additional = .allowed(allowed)
        case .some(let schema) where schema.objectValue != nil: additional = .schema(StructuralSchema(schema))
        default: additional = .unspecified
        }
        preservesUnknownFields = object["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        embeddedResource = object["x-kubernetes-embedded-resource"]?.boolValue == true
        enumValues = object["enum"]?.arrayValue
        minimum = object["minimum"].flatMap(Self.number)
        exclusiveMinimum = object["exclusiveMinimum"]?.boolValue == true
        maximum = object["maximum"].flatMap(Self.number)
        exclusiveMaximum = object["exclusiveMaximum"]?.boolValue == true
        multipleOf = object["multipleOf"].flatMap(Self.number)
        minLength = object["minLength"]?.intValue
        maxLength = object["maxLength"]?.intValue
        minItems = object["minItems"]?.intValue
        maxItems = object["maxItems"]?.intValue
        minProperties = object["minProperties"]?.intValue
        maxProperties = object["maxProperties"]?.intValue
        pattern = object["pattern"]?.stringValue
        defaultValue = object["default"]
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let integer): Double(integer)
        case .double(let number): number
        default: nil
        }
    }

    // MARK: - Pruning and defaulting

    /// `value` without the members the schema does not know (their paths go to `pruned`, `spec.foo`,
    /// `spec.items[0].bar`), without `null`s where the schema allows none, and with the schema's defaults filled
    /// in. At the root (`isRoot`), `apiVersion`, `kind` and `metadata` are always kept.
    func pruned(_ value: JSONValue, path: String, isRoot: Bool = false, pruned: inout [String]) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if (isRoot || embeddedResource), ["apiVersion", "kind", "metadata"].contains(key) {
                    result[key] = member
                    continue
                }
                if let schema = properties[key] {
                    if member == .null, !schema.nullable, !schema.types.isEmpty {
                        if let fallback = schema.defaultValue { result[key] = fallback }
                        continue
                    }
                    result[key] = schema.pruned(member, path: childPath, pruned: &pruned)
                } else if case .schema(let schema) = additional {
                    result[key] = schema.pruned(member, path: childPath, pruned: &pruned)
                } else if preservesUnknownFields || Self.allows(additional) {
                    result[key] = member
                } else {
                    pruned.append(childPath)
                }
            }
            for (key, schema) in properties where result[key] == nil && members[key] == nil {
                if let fallback = schema.defaultValue { result[key] = fallback }
            }
            return .object(result)
        case .array(let elements):
            guard let items else { return value }
            return .array(elements.enumerated().map { index, element in
                items.pruned(element, path: "\(path)[\(index)]", pruned: &pruned)
            })
        default:
            return value
        }
    }

    private static func allows(_ additional: Additional) -> Bool {
        if case .allowed(true) = additional { return true }
        return false
    }

    // MARK: - Validation

    /// Every violation of the schema in `value` at `path` (`spec.size`), as Kubernetes reports them.
    func validate(_ value: JSONValue, path: String) -> [FieldError] {
        if value == .null {
            guard !types.isEmpty, !nullable else { return [] }
            return [typeError(path, actual: "null")]
        }
        let actual = Self.jsonType(value)
        if !types.isEmpty, !types.contains(actual), !Self.compatible(value, actual: actual, types: types) {
            return [typeError(path, actual: actual)]
        }
        var errors: [FieldError] = []
        switch value {
        case .string(let text):
            errors += validateString(text, path: path)
        case .int(let integer):
            errors += validateNumber(Double(integer), rendered: String(integer), path: path)
        case .double(let number):
            errors += validateNumber(number, rendered: GoNumberFormat.formatG(number), path: path)
        case .array(let elements):
            errors += validateArray(elements, path: path)
        case .object(let members):
            errors += validateObject(members, path: path)
        default:
            break
        }
        if let enumValues, !enumValues.contains(where: { Self.same($0, value) }) {
            let supported = enumValues.map { $0.stringValue ?? String(decoding: $0.canonicalJSON, as: UTF8.self) }
            errors.append(.notSupported(path, Self.render(value), supported: supported))
        }
        return errors
    }

    private func typeError(_ path: String, actual: String) -> FieldError {
        .invalid(path, GoQuote.quote(actual), "\(path) in body must be of type \(types.joined(separator: ",")): \(GoQuote.quote(actual))")
    }

    private func validateString(_ text: String, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let length = Int64(text.unicodeScalars.count)
        if let maxLength, length > maxLength {
            errors.append(.tooLong(path, "may not be more than \(maxLength) \(maxLength == 1 ? "byte" : "bytes")"))
        }
        if let minLength, length < minLength {
            errors.append(.invalid(path, GoQuote.quote(text), "\(path) in body should be at least \(minLength) chars long"))
        }
        if let pattern, !Self.matches(text, pattern: pattern) {
            errors.append(.invalid(path, GoQuote.quote(text), "\(path) in body should match '\(pattern)'"))
        }
        return errors
    }

    private func validateNumber(_ number: Double, rendered: String, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let multipleOf, multipleOf > 0, (number / multipleOf).rounded() != number / multipleOf {
            errors.append(.invalid(path, rendered, "\(path) in body should be a multiple of \(GoNumberFormat.formatG(multipleOf))"))
        }
        if let maximum, exclusiveMaximum ? number >= maximum : number > maximum {
            let relation = exclusiveMaximum ? "less than" : "less than or equal to"
            errors.append(.invalid(path, rendered, "\(path) in body should be \(relation) \(GoNumberFormat.formatG(maximum))"))
        }
        if let minimum, exclusiveMinimum ? number <= minimum : number < minimum {
            let relation = exclusiveMinimum ? "greater than" : "greater than or equal to"
            errors.append(.invalid(path, rendered, "\(path) in body should be \(relation) \(GoNumberFormat.formatG(minimum))"))
        }
        return errors
    }

    private func validateArray(_ elements: [JSONValue], path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let items {
            for (index, element) in elements.enumerated() {
                errors += items.validate(element, path: "\(path)[\(index)]")
            }
        }
        let count = Int64(elements.count)
        if let minItems, count < minItems {
            errors.append(.invalid(path, String(count), "\(path) in body should have at least \(minItems) items"))
        }
        if let maxItems, count > maxItems {
            errors.append(FieldError(
                type: .tooMany, field: path, renderedValue: String(count), detail: "must have at most \(maxItems) items"))
        }
        return errors
    }

    private func validateObject(_ members: [String: JSONValue], path: String) -> [FieldError] {
        let count = Int64(members.count)
        if let minProperties, count < minProperties {
            return [.invalid(path, String(count), "\(path) in body should have at least \(minProperties) properties")]
        }
        if let maxProperties, count > maxProperties {
            return [FieldError(
                type: .tooMany, field: path, renderedValue: String(count),
                detail: "must have at most \(maxProperties) items")]
        }
        var errors: [FieldError] = []
        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        if case .schema(let schema) = additional {
            for key in members.keys.sorted() where properties[key] == nil {
                errors += schema.validate(members[key] ?? .null, path: child(key))
            }
        }
        for key in properties.keys.sorted() {
            guard let member = members[key], let schema = properties[key] else { continue }
            errors += schema.validate(member, path: child(key))
        }
        for key in required where members[key] == nil {
            errors.append(.required(child(key)))
        }
        return errors
    }

    // MARK: - JSON values

    /// kube-openapi's name for the JSON type of a value.
    static func jsonType(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// An integral number where an integer is wanted, or an integer where a number is, is of the right type.
    private static func compatible(_ value: JSONValue, actual: String, types: [String]) -> Bool {
        switch value {
        case .double(let number): return types.contains("integer") && number.rounded() == number && number.isFinite
        case .int: return types.contains("number")
        default: return false
        }
    }

    private static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): Double(a) == b
        default: left == right
        }
    }

    /// A value as Go's field errors print it: strings quoted, numbers and booleans plain.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): GoQuote.quote(text)
        case .int(let integer): String(integer)
        case .double(let number): GoNumberFormat.formatG(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        default: String(decoding: value.canonicalJSON, as: UTF8.self)
        }
    }

    /// Whether `text` matches the ECMA-262 `pattern` (as Go's regexp reads it; the common subset).
    static func matches(_ text: String, pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return true }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }
}
