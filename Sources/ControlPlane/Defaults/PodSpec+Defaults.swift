import KubeAPI
import Wire

extension PodSpec {
    /// Kubernetes' core/v1 defaults for a pod spec (`SetDefaults_PodSpec` and the per-field defaults of its
    /// containers, volumes and probes), as applied to pods and to every pod template:
    /// `restartPolicy: Always`, `dnsPolicy: ClusterFirst`, `terminationGracePeriodSeconds: 30`,
    /// `schedulerName: default-scheduler`, `securityContext: {}`; see ``Container/applyDefaults()``. The deprecated
    /// `serviceAccount` and `serviceAccountName` agree, as the v1 conversion makes them (`serviceAccountName` wins,
    /// `serviceAccount` fills it when it is empty).
    ///
    /// `enableServiceLinks` and the host-network ports are defaulted only on pods (``Pod/applyDefaults()``),
    /// as in Kubernetes.
    public mutating func applyDefaults() {
        if restartPolicy == nil || restartPolicy == "" { restartPolicy = "Always" }
        if dnsPolicy == nil || dnsPolicy == "" { dnsPolicy = "ClusterFirst" }
        if terminationGracePeriodSeconds == nil { terminationGracePeriodSeconds = 30 }
        if schedulerName == nil || schedulerName == "" { schedulerName = "default-scheduler" }
        if securityContext == nil || securityContext?.isNull == true { securityContext = .object([:]) }
        if (serviceAccountName ?? "").isEmpty, let deprecated = serviceAccount, !deprecated.isEmpty {
            serviceAccountName = deprecated
        }
        if let name = serviceAccountName, !name.isEmpty { serviceAccount = name }
        for index in containers.indices { containers[index].applyDefaults() }
        if var inits = initContainers {
            for index in inits.indices { inits[index].applyDefaults() }
            initContainers = inits
        }
        if var vols = volumes {
            for index in vols.indices { JSONDefaults.volume(&vols[index]) }
            volumes = vols
        }
    }
}

extension Container {
    /// Kubernetes' core/v1 container defaults: `imagePullPolicy` (`Always` for `:latest` or no tag, else
    /// `IfNotPresent`), `terminationMessagePath: /dev/termination-log`, `terminationMessagePolicy: File`,
    /// port `protocol: TCP`, probe timings and HTTP defaults, `fieldRef.apiVersion: v1`, and `resources: {}`
    /// (which Go always writes).
    public mutating func applyDefaults() {
        if imagePullPolicy == nil || imagePullPolicy == "" {
            imagePullPolicy = ImageReference.defaultPullPolicy(for: image)
        }
        if terminationMessagePath == nil || terminationMessagePath == "" {
            terminationMessagePath = "/dev/termination-log"
        }
        if terminationMessagePolicy == nil || terminationMessagePolicy == "" { terminationMessagePolicy = "File" }
        if resources == nil || resources?.isNull == true { resources = .object([:]) }
        if var list = ports {
            for index in list.indices where list[index].protocol == nil || list[index].protocol == "" {
                list[index].protocol = "TCP"
            }
            ports = list
        }
        if var vars = env {
            for index in vars.indices { JSONDefaults.envValueFrom(&vars[index].valueFrom) }
            env = vars
        }
        JSONDefaults.probe(&livenessProbe)
        JSONDefaults.probe(&readinessProbe)
        JSONDefaults.probe(&startupProbe)
        JSONDefaults.lifecycle(&lifecycle)
    }
}

extension PodTemplateSpec {
    /// The pod spec defaults (``PodSpec/applyDefaults()``); template metadata gets none.
    public mutating func applyDefaults() {
        spec.applyDefaults()
    }
}

extension Pod: Defaultable {
    /// ``PodSpec/applyDefaults()`` plus what Kubernetes defaults only on pods (`SetDefaults_Pod`):
    /// `enableServiceLinks: true`; each container's resource requests default to its limits; with
    /// `hostNetwork`, each port's `hostPort` defaults to its `containerPort`. Then, as on create, `status.phase`
    /// becomes `Pending` and `status.qosClass` is computed when absent.
    public mutating func applyDefaults() {
        spec.applyDefaults()
        if spec.enableServiceLinks == nil { spec.enableServiceLinks = true }
        for index in spec.containers.indices {
            JSONDefaults.requestsFromLimits(&spec.containers[index].resources)
        }
        if var inits = spec.initContainers {
            for index in inits.indices { JSONDefaults.requestsFromLimits(&inits[index].resources) }
            spec.initContainers = inits
        }
        if spec.hostNetwork == true {
            Self.defaultHostPorts(&spec.containers)
            if var inits = spec.initContainers {
                Self.defaultHostPorts(&inits)
                spec.initContainers = inits
            }
        }
        if status.phase == nil || status.phase == "" { status.phase = "Pending" }
        if status.qosClass == nil || status.qosClass == "" { status.qosClass = QOSClass.of(spec) }
    }

    private static func defaultHostPorts(_ containers: inout [Container]) {
        for c in containers.indices {
            guard var ports = containers[c].ports else { continue }
            for p in ports.indices where ports[p].hostPort == nil || ports[p].hostPort == 0 {
                ports[p].hostPort = ports[p].containerPort
            }
            containers[c].ports = ports
        }
    }
}
