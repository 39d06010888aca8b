import KubeAPI
import Wire

extension StorageClass: Defaultable {
    /// storage/v1 `SetDefaults_StorageClass`: `reclaimPolicy: Delete`, `volumeBindingMode: Immediate`.
    public mutating func applyDefaults() {
        if reclaimPolicy == nil { reclaimPolicy = "Delete" }
        if volumeBindingMode == nil { volumeBindingMode = "Immediate" }
    }
}

extension CSIDriver: Defaultable {
    /// storage/v1 `SetDefaults_CSIDriver`: `attachRequired: true`, `podInfoOnMount: false`, `storageCapacity: false`,
    /// `fsGroupPolicy: ReadWriteOnceWithFSType`, `volumeLifecycleModes: [Persistent]`, `requiresRepublish: false`,
    /// and `seLinuxMount: false` (its feature gate is on in 1.32).
    public mutating func applyDefaults() {
        if spec.attachRequired == nil { spec.attachRequired = true }
        if spec.podInfoOnMount == nil { spec.podInfoOnMount = false }
        if spec.storageCapacity == nil { spec.storageCapacity = false }
        if spec.fsGroupPolicy == nil { spec.fsGroupPolicy = "ReadWriteOnceWithFSType" }
        if (spec.volumeLifecycleModes ?? []).isEmpty { spec.volumeLifecycleModes = ["Persistent"] }
        if spec.requiresRepublish == nil { spec.requiresRepublish = false }
        if spec.seLinuxMount == nil { spec.seLinuxMount = false }
    }
}

extension PersistentVolume: Defaultable {
    /// core/v1 `SetDefaults_PersistentVolume`: `status.phase: Pending`, `persistentVolumeReclaimPolicy: Retain`,
    /// `volumeMode: Filesystem`; a `hostPath` source gets `type: ""` (`SetDefaults_HostPathVolumeSource`).
    public mutating func applyDefaults() {
        if (status.phase ?? "").isEmpty { status.phase = Self.pending }
        if (spec.persistentVolumeReclaimPolicy ?? "").isEmpty { spec.persistentVolumeReclaimPolicy = "Retain" }
        if spec.volumeMode == nil { spec.volumeMode = "Filesystem" }
        if case .object(var hostPath)? = spec.hostPath, hostPath["type"] == nil || hostPath["type"] == .null {
            hostPath["type"] = ""
            spec.hostPath = .object(hostPath)
        }
    }
}

extension PersistentVolumeClaim: Defaultable {
    /// core/v1 `SetDefaults_PersistentVolumeClaim` and `SetDefaults_PersistentVolumeClaimSpec`:
    /// `status.phase: Pending`, `spec.volumeMode: Filesystem`.
    public mutating func applyDefaults() {
        if (status.phase ?? "").isEmpty { status.phase = Self.pending }
        if spec.volumeMode == nil { spec.volumeMode = "Filesystem" }
    }
}
