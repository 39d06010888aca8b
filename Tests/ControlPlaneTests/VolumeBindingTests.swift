import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ``VolumeBinding``: the persistent volume controller's decisions for statically provisioned volumes.
@Suite struct VolumeBindingTests {
    static func volume(
        _ name: String, size: String = "1Gi", modes: [String] = ["ReadWriteOnce"], className: String? = "manual",
        labels: [String: String]? = nil, claimRef: ObjectReference? = nil, phase: String = "Available"
    ) -> PersistentVolume {
        var pv = PersistentVolume(
            metadata: ObjectMeta(name: name, labels: labels),
            spec: PersistentVolumeSpec(
                capacity: ["storage": size], accessModes: modes, hostPath: ["path": .string("/tmp/\(name)")],
                storageClassName: className, claimRef: claimRef))
        pv.applyDefaults()
        pv.status.phase = phase
        return pv
    }

    static func claim(
        _ name: String = "data", size: String = "500Mi", modes: [String] = ["ReadWriteOnce"],
        className: String? = "manual", volumeName: String? = nil, selector: LabelSelector? = nil
    ) -> PersistentVolumeClaim {
        var meta = ObjectMeta(name: name, namespace: "default")
        meta.uid = "uid-\(name)"
        var pvc = PersistentVolumeClaim(
            metadata: meta,
            spec: PersistentVolumeClaimSpec(
                accessModes: modes, resources: VolumeResourceRequirements(requests: ["storage": size]),
                storageClassName: className, volumeName: volumeName, selector: selector))
        pvc.applyDefaults()
        return pvc
    }

    static func storageClass(_ name: String, provisioner: String, mode: String = "Immediate") -> StorageClass {
        var sc = StorageClass(metadata: ObjectMeta(name: name), provisioner: provisioner)
        sc.volumeBindingMode = mode
        sc.applyDefaults()
        return sc
    }

    @Test func aClaimBindsTheSmallestFittingVolumeOfItsClass() {
        let volumes = [
            Self.volume("big", size: "10Gi"), Self.volume("small", size: "1Gi"), Self.volume("tiny", size: "100Mi"),
            Self.volume("other-class", size: "600Mi", className: "fast"), Self.volume("rox", size: "600Mi", modes: ["ReadOnlyMany"]),
            Self.volume("taken", size: "600Mi", claimRef: ObjectReference(namespace: "default", name: "someone", uid: "u")),
        ]
        let decision = VolumeBinding.decide(Self.claim(), volumes: volumes, storageClass: nil)
        #expect(decision.action == .bind(volume: "small") && decision.event == nil)
        let selected = Self.claim(selector: LabelSelector(matchLabels: ["tier": "gold"]))
        let labelled = Self.volume("gold", size: "5Gi", labels: ["tier": "gold"])
        #expect(VolumeBinding.match(selected, among: volumes + [labelled])?.name == "gold")
        let preBound = Self.volume("reserved", size: "20Gi", claimRef: ObjectReference(namespace: "default", name: "data"))
        #expect(VolumeBinding.match(Self.claim(), among: volumes + [preBound])?.name == "reserved")
    }

    @Test func theBindWritesBothSides() {
        let claim = Self.claim()
        let volume = VolumeBinding.bound(Self.volume("pv1"), to: claim)
        #expect(volume.spec.claimRef == ObjectReference(
            kind: "PersistentVolumeClaim", namespace: "default", name: "data", uid: "uid-data", apiVersion: "v1"))
        #expect(volume.metadata.annotations?["pv.kubernetes.io/bound-by-controller"] == "yes")
        let bound = VolumeBinding.boundStatus(VolumeBinding.bound(claim, to: volume), volume: volume)
        #expect(bound.spec.volumeName == "pv1")
        #expect(bound.metadata.annotations?["pv.kubernetes.io/bind-completed"] == "yes")
        #expect(bound.status == PersistentVolumeClaimStatus(phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: ["storage": "1Gi"]))
        #expect(VolumeBinding.decide(volume, claim: bound) == .setPhase("Bound"))
        #expect(VolumeBinding.decide(bound, volumes: [volume], storageClass: nil).action == .none)
    }

    @Test func waitingClaims_sayWhyAsKubernetesDoes() {
        let wait = VolumeBinding.decide(
            Self.claim(className: "local-path"), volumes: [],
            storageClass: Self.storageClass("local-path", provisioner: "rancher.io/local-path", mode: "WaitForFirstConsumer"))
        #expect(wait.action == .none)
        #expect(wait.event == VolumeBinding.ClaimEvent(
            type: "Normal", reason: "WaitForFirstConsumer", message: "waiting for first consumer to be created before binding"))
        let noClass = VolumeBinding.decide(Self.claim(className: ""), volumes: [], storageClass: nil)
        #expect(noClass.event?.message == "no persistent volumes available for this claim and no storage class is set")
        let missing = VolumeBinding.decide(Self.claim(className: "gone"), volumes: [], storageClass: nil)
        #expect(missing.event == VolumeBinding.ClaimEvent(
            type: "Warning", reason: "ProvisioningFailed", message: "storageclass.storage.k8s.io \"gone\" not found"))
        let external = VolumeBinding.decide(
            Self.claim(className: "ebs"), volumes: [], storageClass: Self.storageClass("ebs", provisioner: "ebs.csi.aws.com"))
        #expect(external.action == .awaitProvisioner("ebs.csi.aws.com"))
        #expect(external.event?.reason == "ExternalProvisioning")
        #expect(external.event?.message.hasPrefix("Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com'") == true)
    }

    @Test func volumePhases() {
        #expect(VolumeBinding.decide(Self.volume("pv1", phase: "Pending"), claim: nil) == .setPhase("Available"))
        #expect(VolumeBinding.decide(Self.volume("pv1"), claim: nil) == .none)
        let ref = ObjectReference(namespace: "default", name: "data", uid: "uid-data")
        #expect(VolumeBinding.decide(Self.volume("pv1", claimRef: ref, phase: "Bound"), claim: nil) == .setPhase("Released"))
        var deleting = Self.volume("pv1", claimRef: ref, phase: "Bound")
        deleting.spec.persistentVolumeReclaimPolicy = "Delete"
        #expect(VolumeBinding.decide(deleting, claim: nil) == .delete)
        let reservation = ObjectReference(namespace: "default", name: "later")
        #expect(VolumeBinding.decide(Self.volume("pv1", claimRef: reservation, phase: "Pending"), claim: nil) == .setPhase("Available"))
        var bound = Self.claim()
        bound.status.phase = "Bound"
        bound.spec.volumeName = "gone"
        #expect(VolumeBinding.decide(bound, volumes: [], storageClass: nil).action == .markLost)
    }

    @Test func protectionFinalizers_goOnceNothingUsesTheObject() throws {
        var claim = Self.claim()
        claim.metadata.finalizers = StorageAdmission.adding(StorageAdmission.claimProtection, to: nil)
        #expect(claim.metadata.finalizers == ["kubernetes.io/pvc-protection"])
        #expect(!VolumeBinding.releasesProtection(claim, pods: []))
        claim.metadata.deletionTimestamp = "2026-12-08T00:00:00Z"
        var pod = Pod(metadata: ObjectMeta(name: "user", namespace: "default"), spec: PodSpec(containers: []))
        pod.spec.volumes = [["name": "v", "persistentVolumeClaim": ["claimName": "data"]]]
        #expect(VolumeBinding.releasesProtection(claim, pods: [pod]), "an unscheduled pod does not hold it")
        pod.spec.nodeName = "n1"
        #expect(!VolumeBinding.releasesProtection(claim, pods: [pod]))
        pod.status.phase = "Succeeded"
        #expect(VolumeBinding.releasesProtection(claim, pods: [pod]))

        var volume = Self.volume("pv1", phase: "Bound")
        volume.metadata.finalizers = [StorageAdmission.volumeProtection]
        volume.metadata.deletionTimestamp = "2026-12-08T00:00:00Z"
        #expect(!VolumeBinding.releasesProtection(volume))
        volume.status.phase = "Released"
        #expect(VolumeBinding.releasesProtection(volume))
    }

    @Test func aClaimWithoutClass_getsTheNewestDefaultClass_retroactively() {
        var old = Self.storageClass("old-default", provisioner: "a.io/b")
        old.metadata.annotations = [StorageClass.defaultClassAnnotation: "true"]
        old.metadata.creationTimestamp = "2026-01-01T00:00:00Z"
        var new = Self.storageClass("new-default", provisioner: "a.io/b")
        new.metadata.annotations = [StorageClass.betaDefaultClassAnnotation: "true"]
        new.metadata.creationTimestamp = "2026-06-01T00:00:00Z"
        let plain = Self.storageClass("plain", provisioner: "a.io/b")
        let unset = Self.claim(className: nil)
        #expect(VolumeBinding.retroactiveClass(for: unset, classes: [old, new, plain]) == "new-default")
        #expect(VolumeBinding.retroactiveClass(for: unset, classes: [plain]) == nil)
        #expect(VolumeBinding.retroactiveClass(for: Self.claim(className: ""), classes: [old]) == nil, "\"\" asks for no class")
        var given = unset
        given.spec.storageClassName = "new-default"
        #expect(given.validateUpdate(old: unset).isEmpty)
        var bound = unset
        bound.spec.volumeName = "pv1"
        var boundGiven = bound
        boundGiven.spec.storageClassName = "new-default"
        #expect(!boundGiven.validateUpdate(old: bound).isEmpty)
    }

    @Test func admissionsDefaultClass_isTheNewestMarkedOne() {
        #expect(APIServer.newest([]) == nil)
        #expect(APIServer.newest([("a", "2026-01-01T00:00:00Z"), ("b", "2026-02-01T00:00:00Z")]) == "b")
        #expect(APIServer.newest([("z", "2026-01-01T00:00:00Z"), ("y", "2026-01-01T00:00:00Z")]) == "y")
    }
}
