import KubeAPI
import Wire

/// Kubernetes' PersistentVolume controller for statically provisioned volumes, as pure decisions (the
/// ``PersistentVolumeBinderController`` does the writes): a pending claim binds to the smallest available volume of
/// its class that fits it (size, access modes, volume mode, selector), or to the volume it names; a claim of a
/// `WaitForFirstConsumer` class waits for its first consumer; a volume without a claim is `Available`, one whose
/// claim went is `Released` (or deleted, with the `Delete` policy). Nothing is provisioned.
enum VolumeBinding {
    /// The annotations the binder sets.
    static let bindCompleted = "pv.kubernetes.io/bind-completed"
    static let boundByController = "pv.kubernetes.io/bound-by-controller"
    static let selectedNode = "volume.kubernetes.io/selected-node"
    static let storageProvisioner = "volume.kubernetes.io/storage-provisioner"
    static let betaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner"
    /// The provisioner name of classes whose volumes are created by hand only.
    static let noProvisioner = "kubernetes.io/no-provisioner"

    /// An event the controller records on a claim: Kubernetes' reasons and texts.
    struct ClaimEvent: Equatable, Sendable {
        var type: String
        var reason: String
        var message: String
    }

    /// What to do about a claim.
    enum ClaimAction: Equatable, Sendable {
        /// Bind the claim to this volume (both sides).
        case bind(volume: String)
        /// Set the claim's status to Bound with the volume's capacity and access modes (the volume side is done).
        case markBound(volume: String)
        /// The bound volume is gone: the claim is Lost.
        case markLost
        /// The claim waits for an external provisioner: annotate it with the provisioner.
        case awaitProvisioner(String)
        /// Nothing to write.
        case none
    }

    /// The claim's StorageClass name: the beta annotation, else `spec.storageClassName`, else `""`.
    static func className(of claim: PersistentVolumeClaim) -> String {
        claim.metadata.annotations?[StorageFormat.betaClassAnnotation] ?? claim.spec.storageClassName ?? ""
    }

    /// The volume's StorageClass name.
    static func className(of volume: PersistentVolume) -> String {
        volume.metadata.annotations?[StorageFormat.betaClassAnnotation] ?? volume.spec.storageClassName ?? ""
    }

    /// Whether `volume`'s claim reference is `claim` (by namespace and name, and uid when the reference has one).
    static func refers(_ volume: PersistentVolume, to claim: PersistentVolumeClaim) -> Bool {
        guard let ref = volume.spec.claimRef else { return false }
        guard ref.namespace == claim.metadata.namespace, ref.name == claim.metadata.name else { return false }
        return (ref.uid ?? "").isEmpty || ref.uid == claim.metadata.uid
    }

    /// Kubernetes' `findMatchingVolume`: the volume pre-bound to the claim if one fits, else the smallest fitting
    /// one without a claim. Volumes being deleted, of another class or volume mode, too small, lacking an access mode,
    /// or not matching the claim's selector do not fit.
    static func match(_ claim: PersistentVolumeClaim, among volumes: [PersistentVolume]) -> PersistentVolume? {
        let requested = StorageQuantity.bytes(claim.spec.resources?.requests?["storage"]) ?? 0
        let selector = try? claim.spec.selector?.selector()
        let modes = Set(claim.spec.accessModes ?? [])
        var best: PersistentVolume?
        var bestSize = Double.infinity
        for volume in volumes.sorted(by: { $0.name < $1.name }) {
            guard volume.metadata.deletionTimestamp == nil else { continue }
            let preBound = refers(volume, to: claim)
            if volume.spec.claimRef != nil && !preBound { continue }
            guard className(of: volume) == className(of: claim),
                (volume.spec.volumeMode ?? "Filesystem") == (claim.spec.volumeMode ?? "Filesystem"),
                modes.isSubset(of: Set(volume.spec.accessModes ?? [])),
                let size = StorageQuantity.bytes(volume.spec.capacity?["storage"]), size >= requested
            else { continue }
            if claim.spec.selector != nil, selector?.matches(volume.labels) != true { continue }
            if preBound { return volume }
            if size < bestSize {
                best = volume
                bestSize = size
            }
        }
        return best
    }

    /// The decision and event for a claim, given the volumes and its class (nil: the class is missing or unset).
    static func decide(
        _ claim: PersistentVolumeClaim, volumes: [PersistentVolume], storageClass: StorageClass?
    ) -> (action: ClaimAction, event: ClaimEvent?) {
        let volumeName = claim.spec.volumeName ?? ""
        if !volumeName.isEmpty {
            guard let volume = volumes.first(where: { $0.name == volumeName }) else {
                if claim.status.phase == PersistentVolumeClaim.bound {
                    return (.markLost, ClaimEvent(
                        type: "Warning", reason: "ClaimLost",
                        message: "Bound claim has lost its PersistentVolume. Data on the volume is lost!"))
                }
                return (.none, nil)
            }
            if refers(volume, to: claim) {
                return claim.status.phase == PersistentVolumeClaim.bound && claim.status.capacity != nil
                    ? (.none, nil) : (.markBound(volume: volumeName), nil)
            }
            if volume.spec.claimRef == nil { return (.bind(volume: volumeName), nil) }
            return (.none, ClaimEvent(
                type: "Warning", reason: "FailedBinding",
                message: "volume \"\(volumeName)\" already bound to a different claim."))
        }
        let className = className(of: claim)
        if let storageClass, storageClass.volumeBindingMode == "WaitForFirstConsumer",
            claim.metadata.annotations?[selectedNode] == nil
        {
            return (.none, ClaimEvent(
                type: "Normal", reason: "WaitForFirstConsumer",
                message: "waiting for first consumer to be created before binding"))
        }
        if let volume = match(claim, among: volumes) { return (.bind(volume: volume.name), nil) }
        if className.isEmpty {
            return (.none, ClaimEvent(
                type: "Normal", reason: "FailedBinding",
                message: "no persistent volumes available for this claim and no storage class is set"))
        }
        guard let storageClass else {
            return (.none, ClaimEvent(
                type: "Warning", reason: "ProvisioningFailed",
                message: "storageclass.storage.k8s.io \"\(className)\" not found"))
        }
        if storageClass.provisioner == noProvisioner {
            return (.none, ClaimEvent(
                type: "Warning", reason: "ProvisioningFailed",
                message: "no volume plugin matched name: \(noProvisioner)"))
        }
        let provisioner = storageClass.provisioner
        let action: ClaimAction = claim.metadata.annotations?[storageProvisioner] == provisioner
            ? .none : .awaitProvisioner(provisioner)
        return (action, ClaimEvent(
            type: "Normal", reason: "ExternalProvisioning",
            message: "Waiting for a volume to be created either by the external provisioner '\(provisioner)' or "
                + "manually by the system administrator. If volume creation is delayed, please verify that the "
                + "provisioner is running and correctly registered."))
    }

    /// What to do about a volume.
    enum VolumeAction: Equatable, Sendable {
        /// Set the volume's phase (with its transition time).
        case setPhase(String)
        /// Delete the volume (its claim went and its policy is `Delete`).
        case delete
        case none
    }

    /// The volume's phase given its claim reference and the claim it names (nil: gone); a volume being deleted keeps
    /// its phase up to date too (its protection finalizer goes once it is no longer Bound).
    static func decide(_ volume: PersistentVolume, claim: PersistentVolumeClaim?) -> VolumeAction {
        let phase = volume.status.phase ?? ""
        guard let ref = volume.spec.claimRef else {
            return phase == PersistentVolume.available ? .none : .setPhase(PersistentVolume.available)
        }
        guard let claim, refers(volume, to: claim) else {
            // A reservation for a claim not yet created stays available; a bound volume whose claim went is released.
            if (ref.uid ?? "").isEmpty { return phase == PersistentVolume.available ? .none : .setPhase(PersistentVolume.available) }
            if phase == PersistentVolume.released || phase == PersistentVolume.failed { return .none }
            let deleting = volume.metadata.deletionTimestamp != nil
            return volume.spec.persistentVolumeReclaimPolicy == "Delete" && !deleting
                ? .delete : .setPhase(PersistentVolume.released)
        }
        if claim.spec.volumeName == volume.name {
            return phase == PersistentVolume.bound ? .none : .setPhase(PersistentVolume.bound)
        }
        return phase == PersistentVolume.available ? .none : .setPhase(PersistentVolume.available)
    }

    /// The volume bound to `claim`: its claim reference and the binder's annotation.
    static func bound(_ volume: PersistentVolume, to claim: PersistentVolumeClaim) -> PersistentVolume {
        var volume = volume
        volume.spec.claimRef = ObjectReference(
            kind: "PersistentVolumeClaim", namespace: claim.metadata.namespace, name: claim.metadata.name,
            uid: claim.metadata.uid, apiVersion: "v1", resourceVersion: claim.metadata.resourceVersion)
        var annotations = volume.metadata.annotations ?? [:]
        annotations[boundByController] = "yes"
        volume.metadata.annotations = annotations
        return volume
    }

    /// The claim bound to `volume`: its volume name and the binder's annotations.
    static func bound(_ claim: PersistentVolumeClaim, to volume: PersistentVolume) -> PersistentVolumeClaim {
        var claim = claim
        claim.spec.volumeName = volume.name
        var annotations = claim.metadata.annotations ?? [:]
        annotations[bindCompleted] = "yes"
        annotations[boundByController] = "yes"
        claim.metadata.annotations = annotations
        return claim
    }

    /// The claim's status once bound to `volume`: phase Bound, the volume's access modes and capacity.
    static func boundStatus(_ claim: PersistentVolumeClaim, volume: PersistentVolume) -> PersistentVolumeClaim {
        var claim = claim
        claim.status.phase = PersistentVolumeClaim.bound
        claim.status.accessModes = volume.spec.accessModes
        claim.status.capacity = volume.spec.capacity
        return claim
    }
}

extension VolumeBinding {
    /// Whether a volume's protection finalizer may go: it is being deleted and is not Bound (the pv-protection
    /// controller).
    static func releasesProtection(_ volume: PersistentVolume) -> Bool {
        volume.metadata.deletionTimestamp != nil && volume.status.phase != PersistentVolume.bound
            && (volume.metadata.finalizers ?? []).contains(StorageAdmission.volumeProtection)
    }

    /// Whether a claim's protection finalizer may go: it is being deleted and no scheduled pod that has not finished
    /// mounts it (the pvc-protection controller).
    static func releasesProtection(_ claim: PersistentVolumeClaim, pods: [Pod]) -> Bool {
        guard claim.metadata.deletionTimestamp != nil,
            (claim.metadata.finalizers ?? []).contains(StorageAdmission.claimProtection)
        else { return false }
        return !pods.contains { pod in
            !(pod.spec.nodeName ?? "").isEmpty && pod.status.phase != "Succeeded" && pod.status.phase != "Failed"
                && claimNames(of: pod).contains(claim.name)
        }
    }

    /// The claims a pod's volumes name.
    static func claimNames(of pod: Pod) -> [String] {
        (pod.spec.volumes ?? []).compactMap { $0[path: ["persistentVolumeClaim", "claimName"]]?.stringValue }
    }
}

extension VolumeBinding {
    /// The class Kubernetes' RetroactiveDefaultStorageClass gives an unbound claim that names none (no
    /// `storageClassName`, not even `""`, and no beta annotation): the default class, the newest one when several
    /// are marked default; nil when the claim keeps its class.
    static func retroactiveClass(for claim: PersistentVolumeClaim, classes: [StorageClass]) -> String? {
        guard claim.spec.storageClassName == nil, (claim.spec.volumeName ?? "").isEmpty,
            claim.metadata.annotations?[StorageFormat.betaClassAnnotation] == nil
        else { return nil }
        let defaults = classes.filter(\.isDefault)
        let newest = defaults.max { a, b in
            (a.metadata.creationTimestamp ?? "", b.name) < (b.metadata.creationTimestamp ?? "", a.name)
        }
        return newest?.name
    }
}
