/// `spec` of a Pod (and of every pod template).
///
/// Scheduling-relevant fields are typed; volumes, security context, DNS config and the rarer fields are carried
/// as sent (``JSONValue``) so that nothing a manifest says is lost.
public struct PodSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// `[{name: data, hostPath: {path: /var/log}}, ...]`; carried as sent.
    public var volumes: [JSONValue]?
    public var initContainers: [Container]?
    @OrEmpty public var containers: [Container]
    /// Carried as sent.
    public var ephemeralContainers: [JSONValue]?
    /// `Always` (default), `OnFailure` or `Never`.
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    /// `ClusterFirst` (default), `ClusterFirstWithHostNet`, `Default` or `None`.
    public var dnsPolicy: String?
    public var nodeSelector: [String: String]?
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`.
    public var serviceAccount: String?
    public var automountServiceAccountToken: Bool?
    /// The node the pod is bound to; empty until scheduled.
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var shareProcessNamespace: Bool?
    public var securityContext: JSONValue?
    public var imagePullSecrets: JSONValue?
    public var hostname: String?
    public var subdomain: String?
    public var affinity: Affinity?
    /// `default-scheduler` by default.
    public var schedulerName: String?
    public var tolerations: [Toleration]?
    public var hostAliases: JSONValue?
    public var priorityClassName: String?
    public var priority: Int32?
    public var dnsConfig: JSONValue?
    public var readinessGates: [PodReadinessGate]?
    public var runtimeClassName: String?
    public var enableServiceLinks: Bool?
    /// `PreemptLowerPriority` or `Never`.
    public var preemptionPolicy: String?
    public var overhead: JSONValue?
    public var topologySpreadConstraints: JSONValue?
    public var setHostnameAsFQDN: Bool?
    /// `{name: linux}`; carried as sent.
    public var os: JSONValue?
    public var hostUsers: Bool?
    public var schedulingGates: JSONValue?
    public var resourceClaims: JSONValue?
    /// Pod-level resources; carried as sent.
    public var resources: JSONValue?

    public init() {}

    public init(
        containers: [Container], initContainers: [Container]? = nil, volumes: [JSONValue]? = nil,
        restartPolicy: String? = nil, nodeSelector: [String: String]? = nil, nodeName: String? = nil,
        serviceAccountName: String? = nil, hostNetwork: Bool? = nil, affinity: Affinity? = nil,
        tolerations: [Toleration]? = nil, terminationGracePeriodSeconds: Int64? = nil,
        schedulerName: String? = nil, priorityClassName: String? = nil
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.nodeSelector = nodeSelector
        self.nodeName = nodeName
        self.serviceAccountName = serviceAccountName
        self.hostNetwork = hostNetwork
        self.affinity = affinity
        self.tolerations = tolerations
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.schedulerName = schedulerName
        self.priorityClassName = priorityClassName
    }
}

/// One entry of `spec.readinessGates`: a pod condition that must also be `True` for the pod to be ready.
public struct PodReadinessGate: Codable, Sendable, Hashable {
    @OrEmpty public var conditionType: String

    public init(conditionType: String) {
        self.conditionType = conditionType
    }
}

/// One entry of `spec.tolerations`: lets the pod stay on (or be scheduled to) nodes with a matching taint.
public struct Toleration: Codable, Sendable, Hashable {
    /// Empty with `operator: Exists` matches every taint.
    public var key: String?
    /// `Equal` (default) or `Exists`.
    public var `operator`: String?
    public var value: String?
    /// Empty matches every effect.
    public var effect: String?
    /// For `NoExecute`: how long the pod stays after the taint appears; absent means forever.
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
