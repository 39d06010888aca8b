/// A storage.k8s.io/v1 StorageClass: a cluster-scoped class of storage, naming the provisioner that creates its
/// volumes and the parameters it passes. Stored and served as Kubernetes does; no provisioner runs for it.
public struct StorageClass: APIResource, Hashable {
    public static let resourceKind = ResourceKind.storageClass

    /// The annotation that makes a class the cluster's default (`"true"`).
    public static let defaultClassAnnotation = "storageclass.kubernetes.io/is-default-class"
    /// The beta annotation Kubernetes still honours for the default class.
    public static let betaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// The volume plugin or external provisioner (`rancher.io/local-path`, `ebs.csi.aws.com`). Cannot change.
    @OrEmpty public var provisioner: String
    /// Passed to the provisioner. Cannot change.
    public var parameters: [String: String]?
    /// `Delete` (the default) or `Retain`, for the volumes it provisions. Cannot change.
    public var reclaimPolicy: String?
    public var mountOptions: [String]?
    public var allowVolumeExpansion: Bool?
    /// `Immediate` (the default) or `WaitForFirstConsumer`. Cannot change.
    public var volumeBindingMode: String?
    public var allowedTopologies: [TopologySelectorTerm]?

    public init(metadata: ObjectMeta = ObjectMeta(), provisioner: String, parameters: [String: String]? = nil) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.provisioner = provisioner
        self.parameters = parameters
    }

    /// Whether the class is marked the default (either annotation set to `"true"`), as Kubernetes'
    /// `IsDefaultAnnotation` reads it.
    public var isDefault: Bool {
        let annotations = metadata.annotations ?? [:]
        return annotations[Self.defaultClassAnnotation] == "true" || annotations[Self.betaDefaultClassAnnotation] == "true"
    }
}

/// One term of a StorageClass's allowed topologies: its label expressions are ANDed.
public struct TopologySelectorTerm: Codable, Sendable, Hashable {
    public var matchLabelExpressions: [TopologySelectorLabelRequirement]?

    public init(matchLabelExpressions: [TopologySelectorLabelRequirement]? = nil) {
        self.matchLabelExpressions = matchLabelExpressions
    }
}

/// A topology label and the values it may have.
public struct TopologySelectorLabelRequirement: Codable, Sendable, Hashable {
    @OrEmpty public var key: String
    @OrEmpty public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }
}
