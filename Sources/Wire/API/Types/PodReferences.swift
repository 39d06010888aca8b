/// The objects a pod names in its own namespace, as Kubernetes' node authorizer records them in its graph
/// (`podutil.VisitPodSecretNames`, `VisitPodConfigmapNames` and the pod's claims): what a kubelet running the pod
/// may read, and what it must fetch to start the pod's containers. Pure.
///
/// - Secrets: `imagePullSecrets`, every container's (init, app, ephemeral) `envFrom[].secretRef` and
///   `env[].valueFrom.secretKeyRef`, and the volumes `secret`, `projected` (secret sources) and the volume plugins
///   that carry a secret reference (`csi.nodePublishSecretRef`, `cephfs`, `cinder`, `flexVolume`, `rbd`,
///   `iscsi`, `scaleIO`, `storageos`; `azureFile.secretName`).
/// - ConfigMaps: `envFrom[].configMapRef`, `env[].valueFrom.configMapKeyRef`, and the volumes `configMap` and
///   `projected` (configMap sources).
/// - PersistentVolumeClaims: `persistentVolumeClaim.claimName`, and `<pod>-<volume>` for `ephemeral` volumes.
/// - The ServiceAccount: `serviceAccountName` (or the deprecated `serviceAccount`).
public struct PodReferences: Sendable, Hashable {
    public var configMaps: Set<String> = []
    public var secrets: Set<String> = []
    public var persistentVolumeClaims: Set<String> = []
    public var serviceAccount: String?

    /// The references of `pod`, a Pod object as stored (its `spec` is read).
    public init(pod: JSONValue) {
        self.init(spec: pod["spec"], podName: pod[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    /// The references of a pod named `podName` with `spec`.
    public init(spec: JSONValue?, podName: String) {
        guard let spec else { return }
        for reference in spec["imagePullSecrets"]?.arrayValue ?? [] {
            Self.insert(reference["name"], into: &secrets)
        }
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            for container in spec[list]?.arrayValue ?? [] { visit(container: container) }
        }
        for volume in spec["volumes"]?.arrayValue ?? [] {
            visit(volume: volume, podName: podName)
        }
        serviceAccount = [spec["serviceAccountName"], spec["serviceAccount"]]
            .compactMap { $0?.stringValue }.first { !$0.isEmpty }
    }

    /// The references of a typed pod.
    public init(_ pod: Pod) {
        self.init(spec: try? JSONValue(encoding: pod.spec), podName: pod.metadata.name ?? "")
    }

    /// Whether the pod names `name` of `kind` (ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount).
    public func references(_ kind: ResourceKind, name: String) -> Bool {
        switch kind {
        case .configMap: configMaps.contains(name)
        case .secret: secrets.contains(name)
        default:
            switch kind.kind {
            case "PersistentVolumeClaim": persistentVolumeClaims.contains(name)
            case "ServiceAccount": serviceAccount == name
            default: false
            }
        }
    }

    private mutating func visit(container: JSONValue) {
        for source in container["envFrom"]?.arrayValue ?? [] {
            Self.insert(source[path: ["configMapRef", "name"]], into: &configMaps)
            Self.insert(source[path: ["secretRef", "name"]], into: &secrets)
        }
        for variable in container["env"]?.arrayValue ?? [] {
            Self.insert(variable[path: ["valueFrom", "configMapKeyRef", "name"]], into: &configMaps)
            Self.insert(variable[path: ["valueFrom", "secretKeyRef", "name"]], into: &secrets)
        }
    }

    private mutating func visit(volume: JSONValue, podName: String) {
        Self.insert(volume[path: ["configMap", "name"]], into: &configMaps)
        Self.insert(volume[path: ["secret", "secretName"]], into: &secrets)
        Self.insert(volume[path: ["azureFile", "secretName"]], into: &secrets)
        Self.insert(volume[path: ["csi", "nodePublishSecretRef", "name"]], into: &secrets)
        for plugin in ["cephfs", "cinder", "flexVolume", "rbd", "iscsi", "scaleIO", "storageos"] {
            Self.insert(volume[path: [plugin, "secretRef", "name"]], into: &secrets)
        }
        for source in volume[path: ["projected", "sources"]]?.arrayValue ?? [] {
            Self.insert(source[path: ["configMap", "name"]], into: &configMaps)
            Self.insert(source[path: ["secret", "name"]], into: &secrets)
        }
        Self.insert(volume[path: ["persistentVolumeClaim", "claimName"]], into: &persistentVolumeClaims)
        if volume["ephemeral"].map({ !$0.isNull }) == true, let name = volume["name"]?.stringValue, !name.isEmpty {
            persistentVolumeClaims.insert("\(podName)-\(name)")
        }
    }

    private static func insert(_ name: JSONValue?, into set: inout Set<String>) {
        guard let name = name?.stringValue, !name.isEmpty else { return }
        set.insert(name)
    }
}
