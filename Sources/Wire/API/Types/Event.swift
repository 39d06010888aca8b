/// A core/v1 Event: a report of something that happened to an object (`SuccessfulCreate`, `FailedScheduling`...).
public struct Event: APIResource, Hashable {
    public static let resourceKind = ResourceKind.event

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    /// The object the event is about.
    @OrEmpty public var involvedObject: ObjectReference
    /// Short, machine-readable, UpperCamelCase: `SuccessfulCreate`.
    public var reason: String?
    /// Human-readable: `Created pod: filebeat-ds-x7k2p`.
    public var message: String?
    @OrEmpty public var source: EventSource
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    public var count: Int32?
    /// `Normal` or `Warning`.
    public var type: String?
    /// Microsecond-precision RFC 3339.
    public var eventTime: String?
    /// Carried as sent.
    public var series: JSONValue?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String?
    public var reportingInstance: String?

    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference = ObjectReference(),
        reason: String? = nil, message: String? = nil, source: EventSource = EventSource(),
        firstTimestamp: String? = nil, lastTimestamp: String? = nil, count: Int32? = nil, type: String? = nil
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
    }
}

/// `source` of an Event: who reported it.
public struct EventSource: Codable, Sendable, Hashable, EmptyInitializable {
    /// `daemonset-controller`, `kubelet`, `default-scheduler`...
    public var component: String?
    public var host: String?

    public init() {}

    public init(component: String?, host: String? = nil) {
        self.component = component
        self.host = host
    }
}
