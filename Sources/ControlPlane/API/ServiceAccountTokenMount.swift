import KubeAPI
import Wire

/// The `ServiceAccount` admission plugin's token mount, as Kubernetes 1.32 adds it to a new pod unless the pod sets
/// `automountServiceAccountToken: false` (or leaves it unset and its ServiceAccount sets it false): a projected volume `kube-api-access-<5 random characters>` (a bound token
/// for the pod's ServiceAccount, valid 3607 seconds and refreshed by the kubelet; `ca.crt` from the ConfigMap
/// `kube-root-ca.crt`; the pod's namespace from the downward API; mode 0644), mounted read-only at
/// `/var/run/secrets/kubernetes.io/serviceaccount` in every init and app container that has no mount there yet. A
/// pod that already has a `kube-api-access-` volume keeps it and gets no second one. Pure (the suffix is given).
enum ServiceAccountTokenMount {
    /// The volume's name before its random suffix.
    static let volumePrefix = "kube-api-access-"
    /// Where containers see the token, `ca.crt` and `namespace`.
    static let mountPath = "/var/run/secrets/kubernetes.io/serviceaccount"
    /// The token's requested validity (the API server extends tokens bound to pods that ask exactly this).
    static let tokenExpirationSeconds: Int64 = 3607

    /// Adds the volume and mounts to `spec` unless it opts out (the pod's own setting wins over its account's,
    /// `accountAutomount`); `suffix` names a new volume.
    static func mount(_ spec: inout PodSpec, accountAutomount: Bool? = nil, suffix: String) {
        guard spec.automountServiceAccountToken ?? accountAutomount ?? true else { return }
        var volumes = spec.volumes ?? []
        let existing = volumes.lazy.compactMap { $0["name"]?.stringValue }.first { $0.hasPrefix(volumePrefix) }
        let volumeName = existing ?? volumePrefix + suffix
        let mount = VolumeMount(name: volumeName, mountPath: mountPath, readOnly: true)
        var needed = false
        func add(_ containers: inout [Container]) {
            for index in containers.indices
            where !(containers[index].volumeMounts ?? []).contains(where: { $0.mountPath == mountPath }) {
                containers[index].volumeMounts = (containers[index].volumeMounts ?? []) + [mount]
                needed = true
            }
        }
        if var initContainers = spec.initContainers {
            add(&initContainers)
            spec.initContainers = initContainers
        }
        add(&spec.containers)
        guard needed, existing == nil else { return }
        volumes.append(volume(named: volumeName))
        spec.volumes = volumes
    }

    /// The projected volume, with every field the API server writes.
    static func volume(named name: String) -> JSONValue {
        [
            "name": .string(name),
            "projected": [
                "defaultMode": 420,
                "sources": [
                    ["serviceAccountToken": ["expirationSeconds": .int(tokenExpirationSeconds), "path": "token"]],
                    ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                    [
                        "downwardAPI": [
                            "items": [
                                ["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]
                            ]
                        ]
                    ],
                ],
            ],
        ]
    }
}
