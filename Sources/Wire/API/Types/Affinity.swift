/// `spec.affinity` of a pod. Node affinity is typed (the scheduler and the DaemonSet controller read it);
/// pod affinity and anti-affinity are carried as sent.
public struct Affinity: Codable, Sendable, Hashable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: JSONValue?
    public var podAntiAffinity: JSONValue?

    public init(nodeAffinity: NodeAffinity? = nil, podAffinity: JSONValue? = nil, podAntiAffinity: JSONValue? = nil) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// `affinity.nodeAffinity`.
public struct NodeAffinity: Codable, Sendable, Hashable {
    /// Hard requirement: the node must match one of the terms.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Weighted preferences; carried as sent.
    public var preferredDuringSchedulingIgnoredDuringExecution: JSONValue?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: JSONValue? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// A node selector: the terms are ORed.
public struct NodeSelector: Codable, Sendable, Hashable {
    @OrEmpty public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm]) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

/// One node selector term: its expressions and fields are ANDed.
public struct NodeSelectorTerm: Codable, Sendable, Hashable {
    /// Over node labels.
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Over node fields; only `metadata.name` is supported.
    public var matchFields: [NodeSelectorRequirement]?

    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// One requirement of a node selector term: `key`, `operator` (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`,
/// `Lt`), `values`.
public struct NodeSelectorRequirement: Codable, Sendable, Hashable {
    @OrEmpty public var key: String
    @OrEmpty public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}
