/// The type of a field in ``APISchema``: a JSON scalar, a free-form object, a named definition, or a list or
/// map of one of those.
public indirect enum SchemaType: Sendable, Hashable {
    case string
    case integer
    case boolean
    case number
    /// A free-form object (kubectl shows `<Object>`).
    case object
    /// A named definition of ``APISchema`` (`PodSpec`).
    case ref(String)
    case array(SchemaType)
    /// A map from string keys to values of this type.
    case map(SchemaType)
}

/// One field of a definition.
public struct SchemaField: Sendable, Hashable {
    public let name: String
    public let type: SchemaType
    public let required: Bool
    /// The values a string field accepts, as the API lists them (sorted).
    public let enumValues: [String]
    public let description: String
}

/// The OpenAPI package a definition is named in, as Kubernetes names its schemas
/// (`io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`).
public enum SchemaPackage: String, Sendable, Hashable, CaseIterable {
    case core = "io.k8s.api.core.v1"
    case apps = "io.k8s.api.apps.v1"
    case coordination = "io.k8s.api.coordination.v1"
    case discovery = "io.k8s.api.discovery.v1"
    case apiExtensions = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"
    case batch = "io.k8s.api.batch.v1"
    case scheduling = "io.k8s.api.scheduling.v1"
    case admissionRegistration = "io.k8s.api.admissionregistration.v1"
    case apiRegistration = "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1"
    case policy = "io.k8s.api.policy.v1"
    case networking = "io.k8s.api.networking.v1"
    case storage = "io.k8s.api.storage.v1"
    case rbac = "io.k8s.api.rbac.v1"
    case meta = "io.k8s.apimachinery.pkg.apis.meta.v1"
    case intstr = "io.k8s.apimachinery.pkg.util.intstr"
    case resource = "io.k8s.apimachinery.pkg.api.resource"
    case runtime = "io.k8s.apimachinery.pkg.runtime"
}

/// A named type of the API: an object with fields, an object we carry as sent (no fields listed), or a named
/// scalar (`Time` is a string in `date-time` format, `IntOrString` a string in `int-or-string` format).
public struct SchemaDefinition: Sendable, Hashable {
    /// The short name (`PodSpec`), unique in the table.
    public let name: String
    public let package: SchemaPackage
    public let description: String
    /// Whether this is a named scalar (always written as a JSON string) rather than an object.
    public let isScalar: Bool
    /// The OpenAPI `format` of a named scalar (`date-time`, `int-or-string`).
    public let format: String?
    /// The JSON types a named scalar may take when it has more than one (`IntOrString`: integer or string;
    /// `Quantity`: string or number). Kubernetes' OpenAPI v3 lists them under `oneOf`, with no `type`.
    public let oneOfTypes: [String]
    public let fields: [SchemaField]

    /// The name of its OpenAPI schema: `io.k8s.api.core.v1.PodSpec`. Kubernetes' own name where the table needs a
    /// different short name (`DiscoveryEndpointPort` is `io.k8s.api.discovery.v1.EndpointPort`).
    public var componentName: String { package.rawValue + "." + (Self.openAPINames[name] ?? name) }

    /// Short names of the table that Kubernetes spells otherwise in its OpenAPI documents.
    static let openAPINames = ["DiscoveryEndpointPort": "EndpointPort", "WebhookServiceReference": "ServiceReference", "CSITokenRequest": "TokenRequest"]
}

/// The one description of the API's schema (``table``, in APISchemaTable*.swift): every type this API serves with
/// its fields, types and descriptions. ``OpenAPIV3`` generates the served OpenAPI documents from it.
public enum APISchema {
    /// Every definition, by short name.
    public static let definitions: [String: SchemaDefinition] = Dictionary(
        table.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every definition, in the table's order.
    public static var all: [SchemaDefinition] { table }

    /// The definition describing objects of `kind` (named after the kind).
    public static func definition(for kind: ResourceKind) -> SchemaDefinition? { definitions[kind.kind] }

    /// The short names of the definitions a value of `type` refers to (through arrays and maps).
    public static func references(of type: SchemaType) -> [String] {
        switch type {
        case .ref(let name): [name]
        case .array(let inner), .map(let inner): references(of: inner)
        default: []
        }
    }

    /// The package of each definition not in core/v1.
    static let packages: [String: SchemaPackage] = {
        var packages: [String: SchemaPackage] = [:]
        let apps = [
            "DaemonSet", "DaemonSetSpec", "DaemonSetUpdateStrategy", "RollingUpdateDaemonSet", "DaemonSetStatus",
            "DaemonSetCondition", "Deployment", "DeploymentSpec", "DeploymentStrategy", "RollingUpdateDeployment",
            "DeploymentStatus", "DeploymentCondition", "ReplicaSet", "ReplicaSetSpec", "ReplicaSetStatus",
            "ReplicaSetCondition", "ControllerRevision",
        ]
        let meta = [
            "ObjectMeta", "OwnerReference", "LabelSelector", "LabelSelectorRequirement", "Time", "MicroTime",
            "ManagedFieldsEntry", "Condition",
        ]
        for name in apps + statefulSetDefinitions { packages[name] = .apps }
        for name in meta { packages[name] = .meta }
        packages["Lease"] = .coordination
        packages["LeaseSpec"] = .coordination
        for name in ["EndpointSlice", "Endpoint", "EndpointConditions", "DiscoveryEndpointPort", "EndpointHints"] {
            packages[name] = .discovery
        }
        for name in networkingNames { packages[name] = .networking }
        for name in storageNames { packages[name] = .storage }
        packages["PriorityClass"] = .scheduling
        for name in admissionRegistrationNames { packages[name] = .admissionRegistration }
        for name in apiRegistrationNames { packages[name] = .apiRegistration }
        for name in ["PodDisruptionBudget", "PodDisruptionBudgetSpec", "PodDisruptionBudgetStatus"] { packages[name] = .policy }
        for name in rbacNames { packages[name] = .rbac }
        for name in batchNames { packages[name] = .batch }
        for name in apiExtensionsNames { packages[name] = .apiExtensions }
        packages["IntOrString"] = .intstr
        packages["Quantity"] = .resource
        packages["RawExtension"] = .runtime
        return packages
    }()

    // MARK: - Table building

    static func object(_ name: String, _ description: String, _ fields: [SchemaField]) -> SchemaDefinition {
        SchemaDefinition(
            name: name, package: packages[name] ?? .core, description: description, isScalar: false, format: nil,
            oneOfTypes: [], fields: fields)
    }

    /// An object type whose fields the API carries as sent, without listing them.
    static func opaque(_ name: String, _ description: String) -> SchemaDefinition {
        object(name, description, [])
    }

    static func scalar(
        _ name: String, format: String?, oneOf oneOfTypes: [String] = [], _ description: String
    ) -> SchemaDefinition {
        SchemaDefinition(
            name: name, package: packages[name] ?? .core, description: description, isScalar: true, format: format,
            oneOfTypes: oneOfTypes, fields: [])
    }

    static func field(
        _ name: String, _ type: SchemaType, required: Bool = false, enum values: [String] = [], _ description: String
    ) -> SchemaField {
        SchemaField(name: name, type: type, required: required, enumValues: values, description: description)
    }

    /// `apiVersion`, `kind` and `metadata`, which every kind has, followed by `rest`.
    static func resource(
        _ name: String, _ description: String, metadataRequired: Bool = false, _ rest: [SchemaField]
    ) -> SchemaDefinition {
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
