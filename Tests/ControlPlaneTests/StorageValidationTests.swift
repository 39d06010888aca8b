import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// StorageClass, CSIDriver, PersistentVolume and PersistentVolumeClaim defaults and rules, with Kubernetes' messages.
@Suite struct StorageValidationTests {
    static func storageClass(_ provisioner: String = "rancher.io/local-path") -> StorageClass {
        var sc = StorageClass(metadata: ObjectMeta(name: "local-path"), provisioner: provisioner, parameters: ["a": "b"])
        sc.applyDefaults()
        return sc
    }

    static func volume(hostPath: JSONValue? = ["path": "/data/pv1"]) -> PersistentVolume {
        var pv = PersistentVolume(
            metadata: ObjectMeta(name: "pv1"),
            spec: PersistentVolumeSpec(capacity: ["storage": "1Gi"], accessModes: ["ReadWriteOnce"], hostPath: hostPath))
        pv.applyDefaults()
        return pv
    }

    static func claim(storage: String? = "1Gi", modes: [String]? = ["ReadWriteOnce"]) -> PersistentVolumeClaim {
        var pvc = PersistentVolumeClaim(
            metadata: ObjectMeta(name: "data", namespace: "default"),
            spec: PersistentVolumeClaimSpec(
                accessModes: modes,
                resources: VolumeResourceRequirements(requests: storage.map { ["storage": $0] })))
        pvc.applyDefaults()
        return pvc
    }

    @Test func storageClassDefaults_deleteAndImmediate() {
        var sc = StorageClass(metadata: ObjectMeta(name: "fast"), provisioner: "ebs.csi.aws.com")
        sc.applyDefaults()
        #expect(sc.reclaimPolicy == "Delete")
        #expect(sc.volumeBindingMode == "Immediate")
        #expect(sc.validateCreate().isEmpty)
        var kept = StorageClass(metadata: ObjectMeta(name: "slow"), provisioner: "x.io/y")
        kept.volumeBindingMode = "WaitForFirstConsumer"
        kept.reclaimPolicy = "Retain"
        kept.applyDefaults()
        #expect(kept.reclaimPolicy == "Retain" && kept.volumeBindingMode == "WaitForFirstConsumer")
    }

    @Test func storageClassRules() {
        var sc = Self.storageClass("")
        sc.reclaimPolicy = "Recycle"
        sc.volumeBindingMode = "Later"
        #expect(ValidationFixtures.lines(sc.validateCreate()) == [
            "provisioner: Required value",
            "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
            "volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"",
        ])
        #expect(ValidationFixtures.lines(Self.storageClass("no spaces/allowed here").validateCreate()).contains {
            $0.hasPrefix("provisioner: Invalid value: \"no spaces/allowed here\"")
        })
    }

    @Test func storageClassUpdates_parametersProvisionerReclaimPolicyAndBindingModeAreFixed() {
        let old = Self.storageClass()
        var new = Self.storageClass("example.com/other")
        new.parameters = ["a": "c"]
        new.reclaimPolicy = "Retain"
        new.volumeBindingMode = "WaitForFirstConsumer"
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            "parameters: Forbidden: updates to parameters are forbidden.",
            "provisioner: Forbidden: updates to provisioner are forbidden.",
            "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
            "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable",
        ])
        var relabelled = old
        relabelled.metadata.labels = ["tier": "gold"]
        relabelled.allowVolumeExpansion = true
        #expect(relabelled.validateUpdate(old: old).isEmpty)
    }

    @Test func csiDriverDefaults() {
        var driver = CSIDriver(metadata: ObjectMeta(name: "hostpath.csi.k8s.io"))
        driver.applyDefaults()
        #expect(driver.spec.attachRequired == true)
        #expect(driver.spec.podInfoOnMount == false)
        #expect(driver.spec.storageCapacity == false)
        #expect(driver.spec.requiresRepublish == false)
        #expect(driver.spec.seLinuxMount == false)
        #expect(driver.spec.fsGroupPolicy == "ReadWriteOnceWithFSType")
        #expect(driver.spec.volumeLifecycleModes == ["Persistent"])
        #expect(driver.validateCreate().isEmpty)
    }

    @Test func csiDriverRules_andImmutableFields() {
        var driver = CSIDriver(metadata: ObjectMeta(name: "d.example.com"))
        driver.spec.fsGroupPolicy = "Always"
        driver.spec.volumeLifecycleModes = ["Forever"]
        driver.spec.tokenRequests = [CSITokenRequest(audience: "a", expirationSeconds: 60), CSITokenRequest(audience: "a")]
        driver.applyDefaults()
        #expect(ValidationFixtures.lines(driver.validateCreate()) == [
            "spec.fsGroupPolicy: Unsupported value: \"Always\": supported values: \"File\", \"None\", \"ReadWriteOnceWithFSType\"",
            "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
            "spec.tokenRequests[1].audience: Duplicate value: \"a\"",
            "spec.volumeLifecycleModes: Unsupported value: \"Forever\": supported values: \"Persistent\", \"Ephemeral\"",
        ])
        var old = CSIDriver(metadata: ObjectMeta(name: "d.example.com"))
        old.applyDefaults()
        var new = old
        new.spec.attachRequired = false
        new.spec.volumeLifecycleModes = ["Persistent", "Ephemeral"]
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            "spec.attachedRequired: Invalid value: false: field is immutable",
            "spec.volumeLifecycleModes: Invalid value: []storage.VolumeLifecycleMode{\"Persistent\", \"Ephemeral\"}: field is immutable",
        ])
    }

    @Test func persistentVolumeDefaults() {
        let pv = Self.volume()
        #expect(pv.status.phase == "Pending")
        #expect(pv.spec.persistentVolumeReclaimPolicy == "Retain")
        #expect(pv.spec.volumeMode == "Filesystem")
        #expect(pv.spec.hostPath == ["path": "/data/pv1", "type": ""])
        #expect(pv.validateCreate().isEmpty)
    }

    @Test func persistentVolumeRules() {
        var pv = PersistentVolume(metadata: ObjectMeta(name: "pv1"))
        pv.applyDefaults()
        #expect(ValidationFixtures.lines(pv.validateCreate()) == [
            "spec.accessModes: Required value",
            "spec.capacity: Required value",
            "spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\"",
            "spec: Required value: must specify a volume type",
        ])
        var two = Self.volume()
        two.spec.local = ["path": "relative"]
        two.spec.capacity = ["storage": "0"]
        two.spec.accessModes = ["ReadWriteOncePod", "ReadWriteOnce"]
        #expect(ValidationFixtures.lines(two.validateCreate()) == [
            "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
            "spec.capacity[storage]: Invalid value: \"0\": must be greater than zero",
            "spec.local: Forbidden: may not specify more than 1 volume type",
        ])
        var local = Self.volume(hostPath: nil)
        local.spec.local = ["path": "/mnt/disks/a"]
        #expect(ValidationFixtures.lines(local.validateCreate()) == [
            "spec.nodeAffinity: Required value: Local volume requires node affinity",
        ])
    }

    @Test func persistentVolumeSourceIsImmutable() {
        let old = Self.volume()
        let moved = Self.volume(hostPath: ["path": "/data/elsewhere", "type": ""])
        #expect(ValidationFixtures.lines(moved.validateUpdate(old: old)) == [
            "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation",
        ])
        var bound = old
        bound.spec.claimRef = ObjectReference(kind: "PersistentVolumeClaim", namespace: "default", name: "data")
        bound.status.phase = "Bound"
        #expect(bound.validateUpdate(old: old).isEmpty)
    }

    @Test func claimDefaultsAndRules() {
        let pvc = Self.claim()
        #expect(pvc.status.phase == "Pending")
        #expect(pvc.spec.volumeMode == "Filesystem")
        #expect(pvc.validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(Self.claim(storage: nil, modes: nil).validateCreate()) == [
            "spec.accessModes: Required value: at least 1 access mode is required",
            "spec.resources[storage]: Required value",
        ])
        #expect(ValidationFixtures.lines(Self.claim(storage: "-1Gi", modes: ["ReadWriteSome"]).validateCreate()) == [
            "spec.accessModes: Unsupported value: \"ReadWriteSome\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"",
            "spec.resources[storage]: Invalid value: \"-1Gi\": must be greater than zero",
        ])
    }

    @Test func claimSpecIsImmutable_exceptAGrowingRequestOfABoundClaim_andTheFirstVolumeName() {
        let old = Self.claim()
        var grown = old
        grown.spec.resources?.requests = ["storage": "2Gi"]
        #expect(ValidationFixtures.lines(grown.validateUpdate(old: old)) == [
            "spec: Forbidden: spec is immutable after creation except resources.requests for bound claims",
        ])
        var boundOld = old
        boundOld.status.phase = "Bound"
        boundOld.spec.volumeName = "pv1"
        var boundNew = boundOld
        boundNew.spec.resources?.requests = ["storage": "2Gi"]
        #expect(boundNew.validateUpdate(old: boundOld).isEmpty)
        boundNew.spec.resources?.requests = ["storage": "512Mi"]
        #expect(ValidationFixtures.lines(boundNew.validateUpdate(old: boundOld)) == [
            "spec.resources.requests.storage: Forbidden: field can not be less than previous value",
        ])
        var named = old
        named.spec.volumeName = "pv1"
        #expect(named.validateUpdate(old: old).isEmpty)
        var renamed = boundOld
        renamed.spec.volumeName = "pv2"
        #expect(!renamed.validateUpdate(old: boundOld).isEmpty)
        var modes = old
        modes.spec.accessModes = ["ReadWriteMany"]
        #expect(ValidationFixtures.lines(modes.validateUpdate(old: old)).count == 1)
    }

    @Test func quantities() {
        #expect(StorageQuantity.bytes("1Gi") == 1_073_741_824)
        #expect(StorageQuantity.bytes("500M") == 500_000_000)
        #expect(StorageQuantity.bytes("1e3") == 1000)
        #expect(StorageQuantity.bytes("1.5Ki") == 1536)
        #expect(StorageQuantity.bytes("lots") == nil)
        #expect(StorageQuantity.bytes("1Gb") == nil)
        #expect(ValidationFixtures.lines(StorageQuantity.positive("x", field: "f")) == [
            "f: Invalid value: \"x\": " + StorageQuantity.formatMessage,
        ])
    }
}
