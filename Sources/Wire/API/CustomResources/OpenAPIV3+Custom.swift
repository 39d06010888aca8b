/// The OpenAPI v3 documents of custom kinds, as Kubernetes' apiextensions server publishes them: one document per
/// custom group-version (`/openapi/v3/apis/example.com/v1`) holding each kind's schema as its definition sends it,
/// named after the reversed group (`com.example.v1.Widget`), with `apiVersion`, `kind` and `metadata` (a reference
/// to ObjectMeta) described, tagged with `x-kubernetes-group-version-kind`; the components ObjectMeta refers to; and
/// a patch operation per kind taking `fieldValidation` (kubectl leaves validation to the server when it sees it).
extension OpenAPIV3 {
    /// One custom kind at one served version, with that version's schema as sent.
    public struct CustomKind: Sendable {
        public var kind: ResourceKind
        public var listKind: String
        public var schema: JSONValue?

        public init(kind: ResourceKind, listKind: String, schema: JSONValue?) {
            self.kind = kind
            self.listKind = listKind
            self.schema = schema
        }
    }

    /// The component name of a custom kind: the group reversed, the version, the kind (`com.example.v1.Widget`).
    public static func componentName(ofCustom kind: ResourceKind, name: String? = nil) -> String {
        kind.group.split(separator: ".").reversed().joined(separator: ".") + ".\(kind.version).\(name ?? kind.kind)"
    }

    /// The answer to a request for `name` when custom kinds are served: the index with their group-versions added,
    /// or one custom group-version's document; nil for any other name (the built-in documents answer those).
    public static func served(name: String, custom kinds: [CustomKind]) -> JSONValue? {
        guard !kinds.isEmpty else { return nil }
        var path = name
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        while path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("openapi/") { path.removeFirst("openapi/".count) }
        while path.hasSuffix("/") { path.removeLast() }
        let byPath = Dictionary(grouping: kinds) { self.path(group: $0.kind.group, version: $0.kind.version) }
        if path == indexName {
            guard var index = served(name: indexName) else { return nil }
            var paths = index["paths"]?.objectValue ?? [:]
            for (documentPath, members) in byPath where paths[documentPath] == nil {
                let document = customDocument(members)
                paths[documentPath] = [
                    "serverRelativeURL": .string("/openapi/v3/\(documentPath)?hash=\(hash(ofJSON: document))"),
                ]
            }
            index["paths"] = .object(paths)
            return index
        }
        guard path.hasPrefix(indexName + "/"), let members = byPath[String(path.dropFirst(indexName.count + 1))] else {
            return nil
        }
        return customDocument(members)
    }

    /// The document of one custom group-version.
    public static func customDocument(_ kinds: [CustomKind]) -> JSONValue {
        var paths: [String: OpenAPIPathItem] = [:]
        for custom in kinds {
            paths[OpenAPISchemaGenerator.objectPath(of: custom.kind)] = OpenAPIPathItem(
                patch: OpenAPISchemaGenerator.patchOperation(of: custom.kind))
        }
        let shared = OpenAPIDocument(
            info: OpenAPIInfo(title: "Kubernetes CRD Swagger", version: "v0.1.0"), paths: paths,
            components: OpenAPIComponents(schemas: referencedComponents(from: ["ObjectMeta"])))
        var document = (try? JSONValue(encoding: shared)) ?? [:]
        var schemas = document[path: ["components", "schemas"]]?.objectValue ?? [:]
        for custom in kinds {
            schemas[componentName(ofCustom: custom.kind)] = kindSchema(custom)
            schemas[componentName(ofCustom: custom.kind, name: custom.listKind)] = listSchema(custom)
        }
        document[path: ["components", "schemas"]] = .object(schemas)
        return document
    }

    /// The kind's schema: the definition's, with the members every object has described and the kind tagged.
    private static func kindSchema(_ custom: CustomKind) -> JSONValue {
        var schema = custom.schema?.objectValue != nil ? custom.schema! : ["type": "object"]
        var properties = schema["properties"]?.objectValue ?? [:]
        let common = APISchema.definitions["ConfigMap"]?.fields ?? []
        func described(_ name: String) -> JSONValue { .string(common.first { $0.name == name }?.description ?? "") }
        properties["apiVersion"] = ["type": "string", "description": described("apiVersion")]
        properties["kind"] = ["type": "string", "description": described("kind")]
        let objectMeta = APISchema.definitions["ObjectMeta"]?.componentName ?? "ObjectMeta"
        properties["metadata"] = [
            "allOf": [["$ref": .string(OpenAPISchema.reference(to: objectMeta))]], "description": described("metadata"),
        ]
        schema["properties"] = .object(properties)
        schema["x-kubernetes-group-version-kind"] = [
            ["group": .string(custom.kind.group), "version": .string(custom.kind.version), "kind": .string(custom.kind.kind)],
        ]
        return schema
    }

    private static func listSchema(_ custom: CustomKind) -> JSONValue {
        [
            "type": "object", "required": ["items"],
            "description": .string("A list of \(custom.kind.kind) objects."),
            "properties": [
                "apiVersion": ["type": "string"], "kind": ["type": "string"],
                "items": ["type": "array", "items": ["$ref": .string(OpenAPISchema.reference(to: componentName(ofCustom: custom.kind)))]],
                "metadata": ["type": "object"],
            ],
            "x-kubernetes-group-version-kind": [
                ["group": .string(custom.kind.group), "version": .string(custom.kind.version), "kind": .string(custom.listKind)],
            ],
        ]
    }

    /// The schemas of the named definitions and of everything they refer to.
    private static func referencedComponents(from names: [String]) -> [String: OpenAPISchema] {
        var schemas: [String: OpenAPISchema] = [:]
        var pending = names
        var seen = Set(pending)
        while let name = pending.popLast() {
            guard let definition = APISchema.definitions[name] else { continue }
            schemas[definition.componentName] = OpenAPISchemaGenerator.schema(of: definition, kind: nil)
            for field in definition.fields {
                for reference in APISchema.references(of: field.type) where seen.insert(reference).inserted {
                    pending.append(reference)
                }
            }
        }
        return schemas
    }

    /// ``hash(of:)`` for a document held as JSON.
    private static func hash(ofJSON document: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in document.canonicalJSON {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
