import KubeAPI
import Wire

/// The type of a field as `kctl explain` shows it (`<string>`, `<[]Container>`, `<map[string]string>`...).
indirect enum ExplainType: Sendable, Equatable {
    case string
    case integer
    case boolean
    case number
    /// A free-form object: `<Object>`.
    case object
    /// A named definition of ``ExplainSchema``.
    case ref(String)
    case array(ExplainType)
    case map(ExplainType)
}

/// One field of a definition.
struct ExplainField: Sendable {
    let name: String
    let type: ExplainType
    let required: Bool
    /// The values a string field accepts, as the API lists them (sorted).
    let enumValues: [String]
    let description: String
}

/// A named type of the API: an object with fields, an object we carry as sent (no fields listed), or a named
/// scalar (`Time` shows as `string`, `IntOrString` as itself).
struct ExplainDefinition: Sendable {
    let name: String
    let description: String
    /// How a named scalar shows in a field's type; nil for objects.
    let shownAs: String?
    let fields: [ExplainField]
}

/// The schema `kctl explain` describes: one table (``table``, in ExplainSchemaTable.swift) of the types this API
/// serves, with the fields our Wire API types have. The descriptions are written for kcluster.
enum ExplainSchema {
    static let definitions: [String: ExplainDefinition] = Dictionary(
        table.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The definition describing objects of `kind` (named after the kind).
    static func definition(for kind: ResourceKind) -> ExplainDefinition? { definitions[kind.kind] }

    /// The field `name` of the object a value of `type` is (looking through arrays, maps and references), as
    /// kubectl follows `explain` paths.
    static func field(_ name: String, in type: ExplainType) -> ExplainField? {
        switch type {
        case .ref(let definition): definitions[definition]?.fields.first { $0.name == name }
        case .array(let inner), .map(let inner): field(name, in: inner)
        default: nil
        }
    }

    /// The definition whose fields a value of `type` has (through arrays and maps).
    static func objectDefinition(of type: ExplainType) -> ExplainDefinition? {
        switch type {
        case .ref(let name): definitions[name]
        case .array(let inner), .map(let inner): objectDefinition(of: inner)
        default: nil
        }
    }

    /// The type's name as kubectl guesses it from the schema: `string`, `Object`, `[]Container`,
    /// `map[string]Quantity`, `DaemonSetSpec`.
    static func typeName(_ type: ExplainType) -> String {
        switch type {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .number: "number"
        case .object: "Object"
        case .ref(let name): definitions[name]?.shownAs ?? name
        case .array(let inner): "[]" + typeName(inner)
        case .map(let inner): "map[string]" + typeName(inner)
        }
    }

    // MARK: - Table building

    static func object(_ name: String, _ description: String, _ fields: [ExplainField]) -> ExplainDefinition {
        ExplainDefinition(name: name, description: description, shownAs: nil, fields: fields)
    }

    /// An object type whose fields the API carries as sent, without listing them.
    static func opaque(_ name: String, _ description: String) -> ExplainDefinition {
        ExplainDefinition(name: name, description: description, shownAs: nil, fields: [])
    }

    static func scalar(_ name: String, shownAs: String, _ description: String) -> ExplainDefinition {
        ExplainDefinition(name: name, description: description, shownAs: shownAs, fields: [])
    }

    static func field(
        _ name: String, _ type: ExplainType, required: Bool = false, enum values: [String] = [], _ description: String
    ) -> ExplainField {
        ExplainField(name: name, type: type, required: required, enumValues: values, description: description)
    }

    /// `apiVersion`, `kind` and `metadata`, which every kind has, followed by `rest`.
    static func resource(
        _ name: String, _ description: String, metadataRequired: Bool = false, _ rest: [ExplainField]
    ) -> ExplainDefinition {
        object(
            name, description,
            [
                field(
                    "apiVersion", .string,
                    "The version of the schema this object is written in, such as v1 or apps/v1. The server "
                        + "converts the versions it knows and refuses the others."),
                field(
                    "kind", .string,
                    "The kind of the object, in CamelCase, such as Pod or DaemonSet. It can be left out when the "
                        + "request already implies it, and it cannot change."),
                field(
                    "metadata", .ref("ObjectMeta"), required: metadataRequired,
                    "Standard object metadata: name, namespace, labels, annotations, and the fields the server "
                        + "maintains (uid, resourceVersion, creationTimestamp...)."),
            ] + rest)
    }
}
