import KubeAPI
import Wire

/// The admission of PersistentVolumes and PersistentVolumeClaims: the defaults, then Kubernetes'
/// `StorageObjectInUseProtection` plugin, which gives each new one its protection finalizer (removed by the
/// ``PersistentVolumeBinderController`` once nothing uses the object), then validation.
enum StorageAdmission {
    /// Kept on a volume while it is bound.
    static let volumeProtection = "kubernetes.io/pv-protection"
    /// Kept on a claim while a scheduled, running pod mounts it.
    static let claimProtection = "kubernetes.io/pvc-protection"

    static let persistentVolume: any KindAdmission = TypedAdmission<PersistentVolume>(
        defaults: { $0.applyDefaults() },
        mutateCreate: { $0.metadata.finalizers = adding(volumeProtection, to: $0.metadata.finalizers) },
        validateCreate: { $0.validateCreate() },
        validateUpdate: { new, old in new.validateUpdate(old: old) })

    static let persistentVolumeClaim: any KindAdmission = TypedAdmission<PersistentVolumeClaim>(
        defaults: { $0.applyDefaults() },
        mutateCreate: { $0.metadata.finalizers = adding(claimProtection, to: $0.metadata.finalizers) },
        validateCreate: { $0.validateCreate() },
        validateUpdate: { new, old in new.validateUpdate(old: old) })

    /// `finalizers` with `finalizer` at the end, once.
    static func adding(_ finalizer: String, to finalizers: [String]?) -> [String] {
        let list = finalizers ?? []
        return list.contains(finalizer) ? list : list + [finalizer]
    }
}
