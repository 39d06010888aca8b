import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// StatefulSet defaults and rules, with Kubernetes' messages.
@Suite struct StatefulSetValidationTests {
    private func set(_ edit: (inout StatefulSet) -> Void = { _ in }) -> StatefulSet {
        let labels = ["app": "nginx"]
        var set = StatefulSet(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: StatefulSetSpec(
                selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(
                    metadata: ObjectMeta(labels: labels),
                    spec: PodSpec(containers: [Container(name: "nginx", image: "nginx:1.27")])),
                serviceName: "nginx"))
        edit(&set)
        set.applyDefaults()
        return set
    }

    @Test func defaults_areKubernetes() {
        let spec = set().spec
        #expect(spec.replicas == 1)
        #expect(spec.podManagementPolicy == "OrderedReady")
        #expect(spec.updateStrategy == StatefulSetUpdateStrategy(
            type: "RollingUpdate", rollingUpdate: RollingUpdateStatefulSetStrategy(partition: 0)))
        #expect(spec.revisionHistoryLimit == 10)
        #expect(spec.persistentVolumeClaimRetentionPolicy == StatefulSetPersistentVolumeClaimRetentionPolicy(
            whenDeleted: "Retain", whenScaled: "Retain"))
        #expect(spec.template.spec.restartPolicy == "Always")
        // An explicit RollingUpdate type without parameters stays without them.
        let explicit = set { $0.spec.updateStrategy = StatefulSetUpdateStrategy(type: "RollingUpdate") }
        #expect(explicit.spec.updateStrategy.rollingUpdate == nil)
    }

    @Test func claimTemplates_getThePersistentVolumeClaimDefaults() throws {
        let template: JSONValue = ["metadata": ["name": "www"], "spec": ["accessModes": ["ReadWriteOnce"]]]
        let claim = try template.decode(as: PersistentVolumeClaim.self)
        let defaulted = set { $0.spec.volumeClaimTemplates = [claim] }
        #expect(try JSONValue(encoding: defaulted.spec.volumeClaimTemplates) == [
            [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "www"],
                "spec": ["accessModes": ["ReadWriteOnce"], "volumeMode": "Filesystem"], "status": ["phase": "Pending"],
            ]
        ])
    }

    @Test func aValidSet_hasNoErrors() {
        #expect(set().validateCreate().isEmpty)
        #expect(set().validateUpdate(old: set()).isEmpty)
    }

    @Test func selectorMustMatchTheTemplateLabels() {
        let errors = set { $0.spec.template.metadata.labels = ["app": "other"] }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`"#,
        ])
    }

    @Test func selector_requiredAndNotEmpty() {
        #expect(ValidationFixtures.lines(set { $0.spec.selector = nil }.validateCreate()) == [
            "spec.selector: Required value",
            #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`"#,
        ])
        #expect(ValidationFixtures.lines(set { $0.spec.selector = LabelSelector(matchLabels: [:]) }.validateCreate()) == [
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset",
        ])
    }

    @Test func policiesStrategyAndCounts() {
        let errors = set {
            $0.spec.podManagementPolicy = "Burst"
            $0.spec.updateStrategy = StatefulSetUpdateStrategy(
                type: "RollingUpdate", rollingUpdate: RollingUpdateStatefulSetStrategy(partition: -1))
            $0.spec.persistentVolumeClaimRetentionPolicy = StatefulSetPersistentVolumeClaimRetentionPolicy(
                whenDeleted: "Keep", whenScaled: "Delete")
            $0.spec.replicas = -1
            $0.spec.ordinals = StatefulSetOrdinals(start: -2)
            $0.spec.template.spec.restartPolicy = "Never"
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.podManagementPolicy: Invalid value: "Burst": must be 'OrderedReady' or 'Parallel'"#,
            "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0",
            #"spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete""#,
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.ordinals.start: Invalid value: -2: must be greater than or equal to 0",
            #"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#,
        ])
    }

    @Test func updateStrategyTypes() {
        #expect(ValidationFixtures.lines(set {
            $0.spec.updateStrategy = StatefulSetUpdateStrategy(type: "Recreate")
        }.validateCreate()) == [
            #"spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'"#,
        ])
        #expect(ValidationFixtures.lines(set {
            $0.spec.updateStrategy = StatefulSetUpdateStrategy(
                type: "OnDelete", rollingUpdate: RollingUpdateStatefulSetStrategy(partition: 1))
        }.validateCreate()) == [
            "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
        ])
        #expect(ValidationFixtures.lines(set {
            $0.spec.updateStrategy.rollingUpdate = RollingUpdateStatefulSetStrategy(partition: 0, maxUnavailable: .int(0))
        }.validateCreate()) == [
            "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0",
        ])
    }

    @Test func theNameMustBeADNSLabel() {
        let errors = set { $0.metadata.name = "web.v1" }.validateCreate()
        #expect(ValidationFixtures.lines(errors).first?.hasPrefix(#"metadata.name: Invalid value: "web.v1": a lowercase RFC 1123 label"#) == true)
    }

    @Test func onlySomeSpecFieldsMayChange() {
        let old = set()
        let allowed = set {
            $0.spec.replicas = 5
            $0.spec.template.spec.containers[0].image = "nginx:1.28"
            $0.spec.updateStrategy = StatefulSetUpdateStrategy(type: "OnDelete")
            $0.spec.minReadySeconds = 3
            $0.spec.ordinals = StatefulSetOrdinals(start: 1)
            $0.spec.persistentVolumeClaimRetentionPolicy = StatefulSetPersistentVolumeClaimRetentionPolicy(
                whenDeleted: "Delete", whenScaled: "Delete")
        }
        #expect(allowed.validateUpdate(old: old).isEmpty)
        for edit: (inout StatefulSet) -> Void in [
            { $0.spec.serviceName = "other" }, { $0.spec.podManagementPolicy = "Parallel" },
            { $0.spec.revisionHistoryLimit = 3 },
            { $0.spec.volumeClaimTemplates = [PersistentVolumeClaim(metadata: ObjectMeta(name: "www"))] },
        ] {
            #expect(ValidationFixtures.lines(set(edit).validateUpdate(old: old)) == [
                "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            ])
        }
    }
}
