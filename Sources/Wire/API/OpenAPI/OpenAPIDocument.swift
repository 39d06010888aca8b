/// An OpenAPI 3.0 document for one group-version, shaped as Kubernetes serves them at `/openapi/v3/apis/<g>/<v>`:
/// `paths` with a `patch` operation per kind (tagged with `x-kubernetes-group-version-kind`, taking
/// `fieldValidation`) and `components.schemas` named like Kubernetes' (`io.k8s.api.apps.v1.DaemonSet`).
public struct OpenAPIDocument: Codable, Sendable {
    public var openapi: String
    public var info: OpenAPIInfo
    public var paths: [String: OpenAPIPathItem]
    public var components: OpenAPIComponents

    public init(openapi: String = "3.0.0", info: OpenAPIInfo, paths: [String: OpenAPIPathItem], components: OpenAPIComponents) {
        self.openapi = openapi
        self.info = info
        self.paths = paths
        self.components = components
    }

    /// The schema named `name` (`io.k8s.api.core.v1.PodSpec`), or the one a `#/components/schemas/...` reference
    /// points to.
    public func schema(named name: String) -> OpenAPISchema? {
        components.schemas[name] ?? components.schemas[OpenAPISchema.componentName(ofReference: name)]
    }

    /// The name and schema of the component describing objects of `kind` (by `x-kubernetes-group-version-kind`).
    public func component(for kind: GroupVersionKind) -> (name: String, schema: OpenAPISchema)? {
        components.schemas
            .filter { $0.value.groupVersionKinds?.contains(kind) == true }
            .min { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }
}

/// `info` of a document.
public struct OpenAPIInfo: Codable, Sendable {
    public var title: String
    public var version: String

    public init(title: String, version: String) {
        self.title = title
        self.version = version
    }
}

/// `components` of a document: the named schemas.
public struct OpenAPIComponents: Codable, Sendable {
    public var schemas: [String: OpenAPISchema]

    public init(schemas: [String: OpenAPISchema]) {
        self.schemas = schemas
    }
}

/// A group, version and kind, as `x-kubernetes-group-version-kind` lists them (`group` is `""` for core).
public struct GroupVersionKind: Codable, Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    public init(_ kind: ResourceKind) {
        self.init(group: kind.group, version: kind.version, kind: kind.kind)
    }
}

/// One path of a document: the operations on it (only `patch` is described).
public struct OpenAPIPathItem: Codable, Sendable {
    public var patch: OpenAPIOperation?

    public init(patch: OpenAPIOperation?) {
        self.patch = patch
    }
}

/// An operation, with Kubernetes' extensions naming its action and the kind it acts on.
public struct OpenAPIOperation: Codable, Sendable {
    public var operationId: String
    public var description: String?
    public var action: String?
    public var groupVersionKind: GroupVersionKind?
    public var parameters: [OpenAPIParameter]
    public var responses: [String: OpenAPIResponse]

    enum CodingKeys: String, CodingKey {
        case operationId, description, parameters, responses
        case action = "x-kubernetes-action"
        case groupVersionKind = "x-kubernetes-group-version-kind"
    }

    public init(
        operationId: String, description: String?, action: String?, groupVersionKind: GroupVersionKind?,
        parameters: [OpenAPIParameter], responses: [String: OpenAPIResponse]
    ) {
        self.operationId = operationId
        self.description = description
        self.action = action
        self.groupVersionKind = groupVersionKind
        self.parameters = parameters
        self.responses = responses
    }
}

/// A parameter of an operation (`fieldValidation` in the query, `name` in the path...).
public struct OpenAPIParameter: Codable, Sendable {
    public var name: String
    /// `query` or `path`.
    public var location: String
    public var description: String?
    public var required: Bool?
    public var schema: OpenAPISchema

    enum CodingKeys: String, CodingKey {
        case name, description, required, schema
        case location = "in"
    }

    public init(name: String, location: String, description: String?, required: Bool? = nil, schema: OpenAPISchema) {
        self.name = name
        self.location = location
        self.description = description
        self.required = required
        self.schema = schema
    }
}

/// A response of an operation.
public struct OpenAPIResponse: Codable, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
