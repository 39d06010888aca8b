/// Turns ``APISchema`` definitions into OpenAPI schemas, and kinds into the paths and patch operations of their
/// group-version's document, as Kubernetes writes them. Pure.
enum OpenAPISchemaGenerator {
    /// The component schema of `definition`: an object with its properties and required fields (tagged with
    /// `x-kubernetes-group-version-kind` when it describes `kind`), an object without properties for a type the
    /// API carries as sent, or a string with a format for a named scalar (its JSON types under `oneOf`, without a
    /// `type`, when it may take several).
    static func schema(of definition: SchemaDefinition, kind: ResourceKind?) -> OpenAPISchema {
        if definition.isScalar, !definition.oneOfTypes.isEmpty {
            return OpenAPISchema(
                format: definition.format, description: definition.description,
                oneOf: definition.oneOfTypes.map { OpenAPISchema(type: $0) })
        }
        if definition.isScalar {
            return OpenAPISchema(type: "string", format: definition.format, description: definition.description)
        }
        let required = definition.fields.filter(\.required).map(\.name).sorted()
        return OpenAPISchema(
            type: "object", description: definition.description,
            properties: definition.fields.isEmpty
                ? nil
                : Dictionary(uniqueKeysWithValues: definition.fields.map { ($0.name, property($0)) }),
            required: required.isEmpty ? nil : required,
            groupVersionKinds: kind.map { [GroupVersionKind($0)] })
    }

    /// A field's schema: its type, description and allowed values. A reference goes in a one-element `allOf`, so
    /// that the field's own description sits beside it.
    static func property(_ field: SchemaField) -> OpenAPISchema {
        let type = schema(of: field.type)
        let enumValues = field.enumValues.isEmpty ? nil : field.enumValues
        if let reference = type.ref {
            return OpenAPISchema(
                description: field.description, enumValues: enumValues, allOf: [OpenAPISchema(ref: reference)])
        }
        return OpenAPISchema(
            type: type.type, format: type.format, description: field.description, items: type.items,
            additionalProperties: type.additionalProperties, enumValues: enumValues)
    }

    /// The schema of a value of `type`, without a description.
    static func schema(of type: SchemaType) -> OpenAPISchema {
        switch type {
        case .string: OpenAPISchema(type: "string")
        case .integer: OpenAPISchema(type: "integer")
        case .boolean: OpenAPISchema(type: "boolean")
        case .number: OpenAPISchema(type: "number", format: "double")
        case .object: OpenAPISchema(type: "object")
        case .ref(let name):
            OpenAPISchema(ref: OpenAPISchema.reference(to: APISchema.definitions[name]?.componentName ?? name))
        case .array(let inner): OpenAPISchema(type: "array", items: schema(of: inner))
        case .map(let inner): OpenAPISchema(type: "object", additionalProperties: schema(of: inner))
        }
    }

    // MARK: - Paths

    /// The REST path of one object of `kind`: `/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}`.
    static func objectPath(of kind: ResourceKind) -> String {
        let root = "/" + OpenAPIV3.path(group: kind.group, version: kind.version)
        return root + (kind.namespaced ? "/namespaces/{namespace}" : "") + "/\(kind.plural)/{name}"
    }

    /// The patch operation on one object of `kind`, named and tagged as Kubernetes' are
    /// (`patchAppsV1NamespacedDaemonSet`), with the `fieldValidation` parameter kubectl looks for before it
    /// leaves validation to the server.
    static func patchOperation(of kind: ResourceKind) -> OpenAPIOperation {
        let groupWord = kind.group.isEmpty ? "core" : String(kind.group.prefix { $0 != "." })
        let operationId = "patch" + capitalized(groupWord) + capitalized(kind.version)
            + (kind.namespaced ? "Namespaced" : "") + kind.kind
        var parameters = [
            OpenAPIParameter(
                name: "name", location: "path", description: "The name of the \(kind.kind).", required: true,
                schema: OpenAPISchema(type: "string")),
        ]
        if kind.namespaced {
            parameters.append(
                OpenAPIParameter(
                    name: "namespace", location: "path", description: "The namespace of the object.", required: true,
                    schema: OpenAPISchema(type: "string")))
        }
        parameters += [
            OpenAPIParameter(
                name: "dryRun", location: "query", description: "All: check and answer, but store nothing.",
                schema: OpenAPISchema(type: "string")),
            OpenAPIParameter(
                name: "fieldManager", location: "query", description: "The name of the actor making the change.",
                schema: OpenAPISchema(type: "string")),
            OpenAPIParameter(
                name: "fieldValidation", location: "query",
                description: "What to do with unknown or duplicate fields: Strict refuses them, Warn and Ignore "
                    + "drop them. This server always decodes strictly.",
                schema: OpenAPISchema(type: "string")),
        ]
        return OpenAPIOperation(
            operationId: operationId, description: "Partially update the \(kind.kind).", action: "patch",
            groupVersionKind: GroupVersionKind(kind), parameters: parameters,
            responses: ["200": OpenAPIResponse(description: "OK"), "201": OpenAPIResponse(description: "Created")])
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }
}
