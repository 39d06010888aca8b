import KubeAPI

/// The type of a field as `kctl explain` shows it (`<string>`, `<[]Container>`, `<map[string]string>`...).
indirect enum ExplainType: Sendable, Equatable {
    case string
    case integer
    case boolean
    case number
    /// A free-form object: `<Object>`.
    case object
    /// A component schema of the document, by its name (`io.k8s.api.core.v1.PodSpec`).
    case ref(String)
    case array(ExplainType)
    case map(ExplainType)
}

/// One field of a definition.
struct ExplainField: Sendable {
    let name: String
    let type: ExplainType
    let required: Bool
    /// The values a string field accepts, as the schema lists them.
    let enumValues: [String]
    let description: String
}

/// A component schema of the document: an object with fields, an object without listed fields, or a named scalar
/// (`Time` shows as `string`, `IntOrString` as itself).
struct ExplainDefinition: Sendable {
    /// The component's name: `io.k8s.api.core.v1.PodSpec`.
    let name: String
    let description: String
    /// How a field of this type shows: the type of a `date-time` scalar, otherwise the name's last dotted part.
    let shownAs: String
    let fields: [ExplainField]
}

/// What `kctl explain` describes: one OpenAPI v3 document of a group-version, as the server serves it, read
/// into the renderer's terms. Pure.
struct ExplainSchema: Sendable {
    let document: OpenAPIDocument
    let definitions: [String: ExplainDefinition]

    init(document: OpenAPIDocument) {
        self.document = document
        var definitions: [String: ExplainDefinition] = [:]
        for (name, schema) in document.components.schemas {
            definitions[name] = Self.definition(named: name, schema, into: &definitions)
        }
        self.definitions = definitions
    }

    /// The definition describing objects of `kind` (the schema tagged with its group, version and kind).
    func definition(for kind: ResourceKind) -> ExplainDefinition? {
        document.component(for: GroupVersionKind(kind)).flatMap { definitions[$0.name] }
    }

    /// The field `name` of the object a value of `type` is (looking through arrays, maps and references), as
    /// kubectl follows `explain` paths.
    func field(_ name: String, in type: ExplainType) -> ExplainField? {
        switch type {
        case .ref(let definition): definitions[definition]?.fields.first { $0.name == name }
        case .array(let inner), .map(let inner): field(name, in: inner)
        default: nil
        }
    }

    /// The definition whose fields a value of `type` has (through arrays and maps).
    func objectDefinition(of type: ExplainType) -> ExplainDefinition? {
        switch type {
        case .ref(let name): definitions[name]
        case .array(let inner), .map(let inner): objectDefinition(of: inner)
        default: nil
        }
    }

    /// The type's name as kubectl guesses it from the schema: `string`, `Object`, `[]Container`,
    /// `map[string]Quantity`, `DaemonSetSpec`.
    func typeName(_ type: ExplainType) -> String {
        switch type {
        case .string: "string"
        case .integer: "integer"
        case .boolean: "boolean"
        case .number: "number"
        case .object: "Object"
        case .ref(let name): definitions[name]?.shownAs ?? Self.lastPart(of: name)
        case .array(let inner): "[]" + typeName(inner)
        case .map(let inner): "map[string]" + typeName(inner)
        }
    }

    // MARK: - Reading the document

    /// The definition of the component `name`. Objects described inline (custom kinds' schemas nest them rather
    /// than refer to components) become definitions of their own, named after their path (`<component>/spec`),
    /// shown as `Object` as kubectl shows them.
    private static func definition(
        named name: String, _ schema: OpenAPISchema, into definitions: inout [String: ExplainDefinition]
    ) -> ExplainDefinition {
        let required = Set(schema.required ?? [])
        let fields = (schema.properties ?? [:]).map { fieldName, property in
            ExplainField(
                name: fieldName, type: inlineType(of: property, path: "\(name)/\(fieldName)", into: &definitions),
                required: required.contains(fieldName), enumValues: property.enumValues ?? [],
                description: property.description ?? "")
        }
        // kubectl's guess: a referenced scalar with a JSON type shows that type (`Time` is a `string`); objects and
        // scalars of several types (`oneOf`: IntOrString, Quantity) show the definition's name.
        let shownAs = schema.type.flatMap { $0 == "object" ? nil : $0 } ?? lastPart(of: name)
        return ExplainDefinition(name: name, description: schema.description ?? "", shownAs: shownAs, fields: fields)
    }

    /// The type a property's schema describes: a reference (direct or through a one-element `allOf`), an array,
    /// a map (an object with `additionalProperties`), a free-form object, or a scalar.
    static func type(of schema: OpenAPISchema) -> ExplainType {
        if let component = schema.referencedComponent { return .ref(component) }
        switch schema.type {
        case "string": return .string
        case "integer": return .integer
        case "boolean": return .boolean
        case "number": return .number
        case "array": return .array(schema.items.map(type(of:)) ?? .object)
        default: return schema.additionalProperties.map { .map(type(of: $0)) } ?? .object
        }
    }

    /// ``type(of:)``, with an object that lists its properties (or an array of such) registered as a definition of
    /// its own at `path`.
    private static func inlineType(
        of schema: OpenAPISchema, path: String, into definitions: inout [String: ExplainDefinition]
    ) -> ExplainType {
        if schema.referencedComponent == nil, schema.properties?.isEmpty == false {
            let inline = definition(named: path, schema, into: &definitions)
            // Its description is the field's own: kubectl prints it once.
            definitions[path] = ExplainDefinition(name: path, description: "", shownAs: "Object", fields: inline.fields)
            return .ref(path)
        }
        if schema.referencedComponent == nil, schema.type == "array", let items = schema.items {
            return .array(inlineType(of: items, path: path + "[]", into: &definitions))
        }
        if schema.referencedComponent == nil, let values = schema.additionalProperties, values.properties?.isEmpty == false {
            return .map(inlineType(of: values, path: path + "{}", into: &definitions))
        }
        return type(of: schema)
    }

    /// `PodSpec` of `io.k8s.api.core.v1.PodSpec`.
    static func lastPart(of name: String) -> String {
        String(name.split(separator: ".").last ?? Substring(name))
    }
}
