/// `status` of a Pod, as the kubelet (and the scheduler, for `PodScheduled`) reports it.
public struct PodStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var message: String?
    /// `Evicted`, `NodeLost`, `Terminated`...
    public var reason: String?
    public var nominatedNodeName: String?
    public var hostIP: String?
    public var hostIPs: [PodIP]?
    public var podIP: String?
    public var podIPs: [PodIP]?
    /// When the kubelet accepted the pod (RFC 3339).
    public var startTime: String?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String?
    public var ephemeralContainerStatuses: [ContainerStatus]?
    public var resize: String?
    public var resourceClaimStatuses: JSONValue?
    public var observedGeneration: Int64?

    public init() {}

    public init(
        phase: String?, conditions: [PodCondition]? = nil, hostIP: String? = nil, podIP: String? = nil,
        startTime: String? = nil, containerStatuses: [ContainerStatus]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.hostIP = hostIP
        self.podIP = podIP
        self.startTime = startTime
        self.containerStatuses = containerStatuses
    }

    /// The condition of the given type (`Ready`, `PodScheduled`...), if reported.
    public func condition(_ type: String) -> PodCondition? {
        conditions?.first { $0.type == type }
    }
}

/// One entry of `status.conditions` of a Pod: `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`...
public struct PodCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    /// `True`, `False` or `Unknown`.
    @OrEmpty public var status: String
    public var observedGeneration: Int64?
    public var lastProbeTime: String?
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, lastProbeTime: String? = nil, lastTransitionTime: String? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// One entry of `status.podIPs` or `status.hostIPs`.
public struct PodIP: Codable, Sendable, Hashable {
    @OrEmpty public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// The status of one container of a pod.
public struct ContainerStatus: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    public var state: ContainerState?
    public var lastState: ContainerState?
    @OrEmpty public var ready: Bool
    @OrEmpty public var restartCount: Int32
    @OrEmpty public var image: String
    @OrEmpty public var imageID: String
    /// `emulated://<id>`
    public var containerID: String?
    public var started: Bool?
    public var allocatedResources: JSONValue?
    public var resources: JSONValue?
    public var volumeMounts: JSONValue?
    public var user: JSONValue?
    public var allocatedResourcesStatus: JSONValue?
    public var stopSignal: String?

    public init(
        name: String, state: ContainerState? = nil, lastState: ContainerState? = nil, ready: Bool = false,
        restartCount: Int32 = 0, image: String = "", imageID: String = "", containerID: String? = nil,
        started: Bool? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
    }
}

/// A container's state: at most one of `waiting`, `running`, `terminated` is set.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// `state.waiting`: `ContainerCreating`, `ErrImagePull`, `ImagePullBackOff`, `CrashLoopBackOff`...
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// `state.running`.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
    public var startedAt: String?

    public init(startedAt: String? = nil) {
        self.startedAt = startedAt
    }
}

/// `state.terminated`: `Completed`, `Error`, `OOMKilled`...
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
    @OrEmpty public var exitCode: Int32
    public var signal: Int32?
    public var reason: String?
    public var message: String?
    public var startedAt: String?
    public var finishedAt: String?
    public var containerID: String?

    public init(
        exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
        startedAt: String? = nil, finishedAt: String? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
