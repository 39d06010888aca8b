/// A node heartbeat (`coordination.k8s.io/v1` Lease in `kube-node-lease`, named after the node).
public struct Lease: APIResource, Hashable {
    public static let resourceKind = ResourceKind.lease
    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: LeaseSpec

    public init(metadata: ObjectMeta, spec: LeaseSpec) {
        self.apiVersion = ResourceKind.lease.apiVersion
        self.kind = ResourceKind.lease.kind
        self.metadata = metadata
        self.spec = spec
    }
}

/// `spec` of a ``Lease``.
public struct LeaseSpec: Codable, Sendable, Hashable, EmptyInitializable {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    /// RFC 3339 with microseconds, as Kubernetes' MicroTime.
    public var acquireTime: String?
    public var renewTime: String?
    public var leaseTransitions: Int32?

    public init() {}

    public init(holderIdentity: String?, leaseDurationSeconds: Int32?, renewTime: String?) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.renewTime = renewTime
    }
}
