/// An OpenAPI 3.0 schema object, with the members Kubernetes' documents use: `type`, `format`, `description`,
/// `properties` and `required` of objects, `items` of arrays, `additionalProperties` of maps, `enum`, references
/// (`$ref`, or `allOf` with a single reference when the field has its own description, as Kubernetes writes them),
/// `oneOf` (the JSON types a named scalar such as `IntOrString` may take) and `x-kubernetes-group-version-kind` on
/// the schema of a kind.
///
/// A class, so that schemas can nest (`items`, `additionalProperties`); immutable once built.
public final class OpenAPISchema: Codable, Sendable {
    public let type: String?
    public let format: String?
    public let description: String?
    public let properties: [String: OpenAPISchema]?
    public let required: [String]?
    public let items: OpenAPISchema?
    public let additionalProperties: OpenAPISchema?
    public let enumValues: [String]?
    public let ref: String?
    public let allOf: [OpenAPISchema]?
    public let oneOf: [OpenAPISchema]?
    public let groupVersionKinds: [GroupVersionKind]?

    enum CodingKeys: String, CodingKey {
        case type, format, description, properties, required, items, additionalProperties, allOf, oneOf
        case enumValues = "enum"
        case ref = "$ref"
        case groupVersionKinds = "x-kubernetes-group-version-kind"
    }

    public init(
        type: String? = nil, format: String? = nil, description: String? = nil,
        properties: [String: OpenAPISchema]? = nil, required: [String]? = nil, items: OpenAPISchema? = nil,
        additionalProperties: OpenAPISchema? = nil, enumValues: [String]? = nil, ref: String? = nil,
        allOf: [OpenAPISchema]? = nil, oneOf: [OpenAPISchema]? = nil, groupVersionKinds: [GroupVersionKind]? = nil
    ) {
        self.type = type
        self.format = format
        self.description = description
        self.properties = properties
        self.required = required
        self.items = items
        self.additionalProperties = additionalProperties
        self.enumValues = enumValues
        self.ref = ref
        self.allOf = allOf
        self.oneOf = oneOf
        self.groupVersionKinds = groupVersionKinds
    }

    /// Where a reference to the component `name` points: `#/components/schemas/<name>`.
    public static func reference(to name: String) -> String { referencePrefix + name }

    /// The component a `#/components/schemas/<name>` reference names (`name` itself if it is not one).
    public static func componentName(ofReference reference: String) -> String {
        reference.hasPrefix(referencePrefix) ? String(reference.dropFirst(referencePrefix.count)) : reference
    }

    static let referencePrefix = "#/components/schemas/"

    /// The component this schema refers to: its own `$ref`, or that of a single-element `allOf`.
    public var referencedComponent: String? {
        if let ref { return Self.componentName(ofReference: ref) }
        if let allOf, allOf.count == 1, let ref = allOf[0].ref { return Self.componentName(ofReference: ref) }
        return nil
    }
}
