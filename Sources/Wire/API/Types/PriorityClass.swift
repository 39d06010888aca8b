/// A scheduling.k8s.io/v1 PriorityClass: a name for a pod priority. The API server's priority admission turns a
/// pod's `priorityClassName` into its `priority` and `preemptionPolicy`. Cluster-scoped. Stored and applied to pods;
/// the emulator's scheduler does not preempt.
public struct PriorityClass: APIResource, Hashable {
    public static let resourceKind = ResourceKind.priorityClass

    /// The priority of critical node agents, which must stay on their node.
    public static let systemNodeCritical = "system-node-critical"
    /// The priority of critical cluster add-ons, which may move between nodes.
    public static let systemClusterCritical = "system-cluster-critical"
    /// Names that start with this are reserved for the system's own classes.
    public static let systemPrefix = "system-"
    /// The highest value a user-defined class may have.
    public static let highestUserDefinablePriority: Int32 = 1_000_000_000

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// The priority pods of this class get.
    @OrEmpty public var value: Int32
    /// Whether pods without a class get this one.
    public var globalDefault: Bool?
    public var description: String?
    /// `PreemptLowerPriority` (the default) or `Never`.
    public var preemptionPolicy: String?

    public init(
        metadata: ObjectMeta = ObjectMeta(), value: Int32 = 0, globalDefault: Bool? = nil, description: String? = nil,
        preemptionPolicy: String? = nil
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.value = value
        self.globalDefault = globalDefault
        self.description = description
        self.preemptionPolicy = preemptionPolicy
    }

    /// The classes every cluster has, created by the API server at start: name → (value, description).
    public static let systemClasses: [(name: String, value: Int32, description: String)] = [
        (systemNodeCritical, 2_000_001_000, "Used for system critical pods that must not be moved from their current node."),
        (systemClusterCritical, 2_000_000_000,
         "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
    ]
}
