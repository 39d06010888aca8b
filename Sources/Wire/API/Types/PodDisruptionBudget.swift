/// A policy/v1 PodDisruptionBudget: how many of the pods a selector picks must stay healthy through voluntary
/// disruptions. The disruption controller keeps its status; the eviction subresource (`kubectl drain`) refuses,
/// with 429, an eviction that would break it.
public struct PodDisruptionBudget: APIResource, Hashable {
    public static let resourceKind = ResourceKind.podDisruptionBudget

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: PodDisruptionBudgetSpec
    @OrEmpty public var status: PodDisruptionBudgetStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: PodDisruptionBudgetSpec = PodDisruptionBudgetSpec(),
        status: PodDisruptionBudgetStatus = PodDisruptionBudgetStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a PodDisruptionBudget: `minAvailable` or `maxUnavailable` (a number or a percentage), of the pods
/// `selector` picks in the budget's namespace.
public struct PodDisruptionBudgetSpec: Codable, Sendable, Hashable, EmptyInitializable {
    public var minAvailable: IntOrString?
    public var selector: LabelSelector?
    public var maxUnavailable: IntOrString?
    /// `IfHealthyBudget` or `AlwaysAllow`: whether unready running pods may be evicted when the budget is not met.
    public var unhealthyPodEvictionPolicy: String?

    public init() {}

    public init(
        minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: LabelSelector?,
        unhealthyPodEvictionPolicy: String? = nil
    ) {
        self.minAvailable = minAvailable
        self.maxUnavailable = maxUnavailable
        self.selector = selector
        self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
    }
}

/// `status` of a PodDisruptionBudget, written by the disruption controller (and by evictions, which spend a
/// disruption and record the pod in `disruptedPods`).
public struct PodDisruptionBudgetStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var observedGeneration: Int64?
    /// Pods evicted but not yet gone, by name, with the time of the eviction (RFC 3339).
    public var disruptedPods: [String: String]?
    @OrEmpty public var disruptionsAllowed: Int32
    @OrEmpty public var currentHealthy: Int32
    @OrEmpty public var desiredHealthy: Int32
    @OrEmpty public var expectedPods: Int32
    /// `DisruptionAllowed` (metav1.Condition), carried as written.
    public var conditions: [JSONValue]?

    public init() {}
}
