/// An apiextensions.k8s.io/v1 CustomResourceDefinition: a new kind of resource the API server serves while the
/// definition exists (`widgets.example.com` serves `Widget` objects in group `example.com`), with a structural
/// OpenAPI v3 schema per version that the server validates and prunes custom objects against.
public struct CustomResourceDefinition: APIResource, Hashable {
    public static let resourceKind = ResourceKind.customResourceDefinition

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: CustomResourceDefinitionSpec
    @OrEmpty public var status: CustomResourceDefinitionStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: CustomResourceDefinitionSpec = CustomResourceDefinitionSpec()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = CustomResourceDefinitionStatus()
    }

    /// The version objects are stored in (the one with `storage: true`).
    public var storageVersion: CustomResourceDefinitionVersion? { spec.versions.first { $0.storage } }
}

/// What a definition declares: the group, the names, the scope and the versions.
public struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var group: String
    @OrEmpty public var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster`.
    @OrEmpty public var scope: String
    @OrEmpty public var versions: [CustomResourceDefinitionVersion]
    public var conversion: CustomResourceConversion?
    public var preserveUnknownFields: Bool?

    public init() {}

    public init(group: String, names: CustomResourceDefinitionNames, scope: String, versions: [CustomResourceDefinitionVersion]) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
    }
}

/// The names of a custom kind, in every form clients use: `widgets`, `widget`, `Widget`, `WidgetList`, short
/// names and categories.
public struct CustomResourceDefinitionNames: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var plural: String
    public var singular: String?
    public var shortNames: [String]?
    @OrEmpty public var kind: String
    public var listKind: String?
    public var categories: [String]?

    public init() {}

    public init(plural: String, singular: String? = nil, kind: String, shortNames: [String]? = nil) {
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.shortNames = shortNames
    }
}

/// One version of a custom kind: whether it is served, whether objects are stored in it, its schema, its
/// subresources and the columns `kubectl get` prints.
public struct CustomResourceDefinitionVersion: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var name: String
    @OrEmpty public var served: Bool
    @OrEmpty public var storage: Bool
    public var deprecated: Bool?
    public var deprecationWarning: String?
    public var schema: CustomResourceValidation?
    public var subresources: CustomResourceSubresources?
    public var additionalPrinterColumns: [CustomResourceColumnDefinition]?
    public var selectableFields: [SelectableField]?

    public init() {}

    public init(name: String, served: Bool = true, storage: Bool = true, schema: JSONValue? = nil) {
        self.name = name
        self.served = served
        self.storage = storage
        self.schema = schema.map { CustomResourceValidation(openAPIV3Schema: $0) }
    }
}

/// A version's schema: an OpenAPI v3 schema (`JSONSchemaProps`), carried as sent.
public struct CustomResourceValidation: Codable, Sendable, Hashable {
    public var openAPIV3Schema: JSONValue?

    public init(openAPIV3Schema: JSONValue?) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

/// The subresources a version serves: `status` (an empty object enables it) and `scale`.
public struct CustomResourceSubresources: Codable, Sendable, Hashable {
    /// Present (`{}`) when the `status` subresource is served; carried as sent.
    public var status: JSONValue?
    public var scale: CustomResourceSubresourceScale?

    public init(status: JSONValue? = nil, scale: CustomResourceSubresourceScale? = nil) {
        self.status = status
        self.scale = scale
    }
}

/// Where the `scale` subresource reads and writes replicas in a custom object.
public struct CustomResourceSubresourceScale: Codable, Sendable, Hashable {
    @OrEmpty public var specReplicasPath: String
    @OrEmpty public var statusReplicasPath: String
    public var labelSelectorPath: String?

    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String? = nil) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// A column of the version's table: its header, JSONPath into the object, and type.
public struct CustomResourceColumnDefinition: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    /// `integer`, `number`, `string`, `boolean` or `date`.
    @OrEmpty public var type: String
    public var format: String?
    public var description: String?
    public var priority: Int32?
    @OrEmpty public var jsonPath: String

    public init(name: String, type: String, jsonPath: String, priority: Int32? = nil) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.priority = priority
    }
}

/// A field selectable with `--field-selector` (a JSONPath into the object).
public struct SelectableField: Codable, Sendable, Hashable {
    @OrEmpty public var jsonPath: String

    public init(jsonPath: String) {
        self.jsonPath = jsonPath
    }
}

/// How objects are converted between versions: `None` (only apiVersion changes) or `Webhook` (stored, not
/// called).
public struct CustomResourceConversion: Codable, Sendable, Hashable {
    @OrEmpty public var strategy: String
    /// The webhook's client configuration and review versions, carried as sent.
    public var webhook: JSONValue?

    public init(strategy: String, webhook: JSONValue? = nil) {
        self.strategy = strategy
        self.webhook = webhook
    }
}

/// What the server reports of a definition: its conditions, the names it accepted and the versions objects have
/// been stored in.
public struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var conditions: [CustomResourceDefinitionCondition]?
    @OrEmpty public var acceptedNames: CustomResourceDefinitionNames
    @OrEmpty public var storedVersions: [String]

    public init() {}
}

/// A condition of a definition: `NamesAccepted`, `Established`, `Terminating`.
public struct CustomResourceDefinitionCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, lastTransitionTime: String?, reason: String?, message: String?) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
