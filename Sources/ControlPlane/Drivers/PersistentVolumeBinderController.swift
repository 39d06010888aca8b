import Foundation
import KubeAPI
import Wire

/// Drives ``VolumeBinding``, as Kubernetes' `persistentvolume-controller`: binds pending claims to statically
/// provisioned volumes (the volume's `claimRef` and phase first, then the claim's `volumeName` and status), keeps
/// volume phases (Available, Bound, Released) and claim phases (Bound, Lost), and records the controller's events
/// on claims that wait (`WaitForFirstConsumer`, `ExternalProvisioning`, `FailedBinding`...). Keys are `/<volume>`
/// for volumes and `<namespace>/<claim>` for claims.
struct PersistentVolumeBinderController: Controller {
    let client: ControllerClient
    let recorder: EventRecorder
    var now: @Sendable () -> Date = { Date() }

    var name: String { "persistentvolume-controller" }
    var watchedKinds: [ResourceKind] { [.persistentVolume, .persistentVolumeClaim, .storageClass, .pod] }

    /// A volume: itself and the claim it names. A claim: itself and its volume. A class: its pending claims (and,
    /// for a default class, the claims without a class, which it is given retroactively). A pod:
    /// the claims it mounts (a claim being deleted waits for its pods).
    func keys(for event: InformerEvent) async -> [String] {
        switch event.kind {
        case .persistentVolume:
            guard let volume = event.object(as: PersistentVolume.self) else { return [event.key] }
            var keys = [Self.key(namespace: "", name: volume.name)]
            if let ref = volume.spec.claimRef {
                keys.append(Self.key(namespace: ref.namespace ?? "", name: ref.name ?? ""))
            }
            // A new or freed volume may fit a pending claim.
            keys += client.cachedList(PersistentVolumeClaim.self)
                .filter { ($0.spec.volumeName ?? "").isEmpty }.map(OwnerKeys.key(of:))
            return keys
        case .persistentVolumeClaim:
            guard let claim = event.object(as: PersistentVolumeClaim.self) else { return [event.key] }
            var keys = [OwnerKeys.key(of: claim)]
            if let volume = claim.spec.volumeName, !volume.isEmpty { keys.append(Self.key(namespace: "", name: volume)) }
            keys += client.cachedList(PersistentVolume.self).filter { VolumeBinding.refers($0, to: claim) }
                .map { Self.key(namespace: "", name: $0.name) }
            return keys
        case .pod:
            guard let pod = event.object(as: Pod.self) else { return [] }
            return VolumeBinding.claimNames(of: pod).map { Self.key(namespace: pod.namespace, name: $0) }
        case .storageClass:
            guard let storageClass = event.object(as: StorageClass.self) else { return [] }
            return client.cachedList(PersistentVolumeClaim.self)
                .filter { claim in
                    let className = claim.spec.storageClassName == nil && storageClass.isDefault
                        ? storageClass.name : VolumeBinding.className(of: claim)
                    return className == storageClass.name && (claim.spec.volumeName ?? "").isEmpty
                }
                .map(OwnerKeys.key(of:))
        default:
            return []
        }
    }

    func initialKeys() async -> [String] {
        client.cachedList(PersistentVolume.self).map { Self.key(namespace: "", name: $0.name) }
            + client.cachedList(PersistentVolumeClaim.self).map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        if namespace.isEmpty {
            try await syncVolume(name)
        } else {
            try await syncClaim(namespace: namespace, name: name)
        }
        return nil
    }

    private func syncVolume(_ name: String) async throws {
        guard var volume = client.cached(PersistentVolume.self, namespace: nil, name: name) else { return }
        let claim = volume.spec.claimRef.flatMap { ref in
            client.cached(PersistentVolumeClaim.self, namespace: ref.namespace ?? "", name: ref.name ?? "")
        }
        switch VolumeBinding.decide(volume, claim: claim) {
        case .setPhase(let phase):
            volume = try await setPhase(volume, phase)
        case .delete:
            try await client.delete(.persistentVolume, namespace: nil, name: name)
        case .none:
            break
        }
        if VolumeBinding.releasesProtection(volume) {
            volume.metadata.finalizers?.removeAll { $0 == StorageAdmission.volumeProtection }
            try await client.update(volume)
        }
    }

    private func syncClaim(namespace: String, name: String) async throws {
        guard var claim = client.cached(PersistentVolumeClaim.self, namespace: namespace, name: name) else { return }
        if claim.metadata.deletionTimestamp != nil {
            if VolumeBinding.releasesProtection(claim, pods: client.cachedList(Pod.self, namespace: namespace)) {
                claim.metadata.finalizers?.removeAll { $0 == StorageAdmission.claimProtection }
                try await client.update(claim)
            }
            return
        }
        if let defaultClass = VolumeBinding.retroactiveClass(
            for: claim, classes: client.cachedList(StorageClass.self))
        {
            claim.spec.storageClassName = defaultClass
            claim = try await client.update(claim)
        }
        let className = VolumeBinding.className(of: claim)
        let storageClass = className.isEmpty ? nil : client.cached(StorageClass.self, namespace: nil, name: className)
        let volumes = client.cachedList(PersistentVolume.self)
        let (action, event) = VolumeBinding.decide(claim, volumes: volumes, storageClass: storageClass)
        if let event {
            await recorder.record(.to(claim), type: event.type, reason: event.reason, message: event.message)
        }
        switch action {
        case .bind(let volumeName):
            guard var volume = volumes.first(where: { $0.name == volumeName }) else { return }
            if !VolumeBinding.refers(volume, to: claim) {
                volume = try await client.update(VolumeBinding.bound(volume, to: claim))
            }
            try await setPhase(volume, PersistentVolume.bound)
            let written = try await client.update(VolumeBinding.bound(claim, to: volume))
            try await client.updateStatus(VolumeBinding.boundStatus(written, volume: volume))
        case .markBound(let volumeName):
            guard let volume = volumes.first(where: { $0.name == volumeName }) else { return }
            if claim.metadata.annotations?[VolumeBinding.bindCompleted] == nil {
                let written = try await client.update(VolumeBinding.bound(claim, to: volume))
                try await client.updateStatus(VolumeBinding.boundStatus(written, volume: volume))
            } else {
                try await client.updateStatus(VolumeBinding.boundStatus(claim, volume: volume))
            }
        case .markLost:
            var lost = claim
            lost.status.phase = PersistentVolumeClaim.lost
            try await client.updateStatus(lost)
        case .awaitProvisioner(let provisioner):
            var annotated = claim
            var annotations = annotated.metadata.annotations ?? [:]
            annotations[VolumeBinding.storageProvisioner] = provisioner
            annotations[VolumeBinding.betaStorageProvisioner] = provisioner
            annotated.metadata.annotations = annotations
            try await client.update(annotated)
        case .none:
            break
        }
    }

    /// Writes the volume's phase and its transition time, unless it already has that phase; answers the volume.
    @discardableResult
    private func setPhase(_ volume: PersistentVolume, _ phase: String) async throws -> PersistentVolume {
        guard volume.status.phase != phase else { return volume }
        var volume = volume
        volume.status.phase = phase
        volume.status.lastPhaseTransitionTime = Timestamp.format(now())
        return try await client.updateStatus(volume)
    }
}
