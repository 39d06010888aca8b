/// One container of a pod (`spec.containers[]`, `spec.initContainers[]`).
///
/// The commonly read fields are typed; probes, resources, lifecycle hooks and security context are carried
/// as sent (``JSONValue``) so that nothing a manifest says is lost.
public struct Container: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    /// `[{configMapRef: {...}}, {secretRef: {...}, prefix: ...}]`; carried as sent.
    public var envFrom: [JSONValue]?
    public var env: [EnvVar]?
    /// `{requests: {cpu: 100m}, limits: {memory: 200Mi}}`; carried as sent.
    public var resources: JSONValue?
    /// Carried as sent.
    public var resizePolicy: JSONValue?
    /// `Always` on an init container makes it a sidecar.
    public var restartPolicy: String?
    public var volumeMounts: [VolumeMount]?
    /// Carried as sent.
    public var volumeDevices: JSONValue?
    public var livenessProbe: JSONValue?
    public var readinessProbe: JSONValue?
    public var startupProbe: JSONValue?
    public var lifecycle: JSONValue?
    /// Defaults to `/dev/termination-log`.
    public var terminationMessagePath: String?
    /// `File` (default) or `FallbackToLogsOnError`.
    public var terminationMessagePolicy: String?
    /// `Always`, `IfNotPresent` or `Never`.
    public var imagePullPolicy: String?
    public var securityContext: JSONValue?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, ports: [ContainerPort]? = nil, env: [EnvVar]? = nil,
        resources: JSONValue? = nil, volumeMounts: [VolumeMount]? = nil, imagePullPolicy: String? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.env = env
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.imagePullPolicy = imagePullPolicy
    }
}

/// One entry of a container's `ports`.
public struct ContainerPort: Codable, Sendable, Hashable {
    /// An IANA service name, usable as a Service's `targetPort`.
    public var name: String?
    @OrEmpty public var containerPort: Int32
    public var hostPort: Int32?
    /// `TCP` (default), `UDP` or `SCTP`.
    public var `protocol`: String?
    public var hostIP: String?

    public init(
        name: String? = nil, containerPort: Int32, hostPort: Int32? = nil, protocol: String? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }
}

/// One entry of a container's `env`: a literal `value`, or `valueFrom` (carried as sent).
public struct EnvVar: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    public var value: String?
    /// `{fieldRef: {fieldPath: ...}}`, `{secretKeyRef: ...}`...; carried as sent.
    public var valueFrom: JSONValue?

    public init(name: String, value: String? = nil, valueFrom: JSONValue? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// One entry of a container's `volumeMounts`.
public struct VolumeMount: Codable, Sendable, Hashable {
    @OrEmpty public var name: String
    @OrEmpty public var mountPath: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?
    public var subPath: String?
    public var subPathExpr: String?
    /// `None`, `HostToContainer` or `Bidirectional`.
    public var mountPropagation: String?

    public init(
        name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil,
        mountPropagation: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.subPath = subPath
        self.mountPropagation = mountPropagation
    }
}
