@testable import KubeAPI

/// Compares what the API types decode (``DecodedShape``, from ``DecodingProbe``) with what the schema says of the
/// same values, in both directions: a key a type decodes that the schema lacks, a field of the schema no type
/// decodes, and values typed differently. Pure.
struct APISchemaDrift {
    let definitions: [String: SchemaDefinition]

    /// Every difference between `shape` and `type`, as `Pod.spec.containers[].name: ...` lines.
    func mismatches(_ shape: DecodedShape, _ type: SchemaType, at path: String) -> [String] {
        switch (shape, type) {
        case (.any, _):
            if let listed = definitionWithFields(in: type) {
                return ["\(path): carried as sent (JSONValue), but the schema lists the fields of \(listed)"]
            }
            return []
        case (.string, .string), (.integer, .integer), (.boolean, .boolean), (.number, .number):
            return []
        case (.string, .ref(let name)):
            // Time, MicroTime and Quantity are strings in our types.
            if let definition = definitions[name], definition.isScalar, definition.format != "int-or-string" {
                return []
            }
        case (.scalar(let swiftName), .ref(let name)):
            if swiftName == name, definitions[name]?.isScalar == true { return [] }
        case (.array(let inner), .array(let schemaInner)):
            return mismatches(inner, schemaInner, at: path + "[]")
        case (.map(let inner), .map(let schemaInner)):
            return mismatches(inner, schemaInner, at: path + "{}")
        case (.object(let swiftName, let keys), .ref(let name)):
            guard let definition = definitions[name] else { return ["\(path): the schema's \(name) is not defined"] }
            return compare(swiftName, keys, definition, at: path)
        default:
            break
        }
        return ["\(path): decoded as \(shape), but the schema says \(describe(type))"]
    }

    /// The keys `swiftName` decodes against the fields of `definition`.
    private func compare(_ swiftName: String, _ keys: [String: DecodedShape], _ definition: SchemaDefinition, at path: String)
        -> [String]
    {
        var issues: [String] = []
        let fields = Dictionary(definition.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for key in keys.keys.sorted() where fields[key] == nil {
            issues.append("\(path).\(key): decoded by \(swiftName), but not a field of the schema's \(definition.name)")
        }
        for field in definition.fields.map(\.name).sorted() where keys[field] == nil {
            issues.append("\(path).\(field): a field of the schema's \(definition.name), but \(swiftName) does not decode it")
        }
        for (key, shape) in keys.sorted(by: { $0.key < $1.key }) {
            guard let field = fields[key] else { continue }
            issues += mismatches(shape, field.type, at: "\(path).\(key)")
        }
        return issues
    }

    /// The name of a definition with listed fields that a value of `type` is (through arrays and maps), if any.
    private func definitionWithFields(in type: SchemaType) -> String? {
        switch type {
        case .ref(let name): definitions[name].flatMap { $0.fields.isEmpty ? nil : name }
        case .array(let inner), .map(let inner): definitionWithFields(in: inner)
        default: nil
        }
    }

    private func describe(_ type: SchemaType) -> String {
        switch type {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .number: "number"
        case .object: "Object"
        case .ref(let name): name
        case .array(let inner): "[]" + describe(inner)
        case .map(let inner): "map[string]" + describe(inner)
        }
    }
}
