import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Deployment and ReplicaSet rules, on the seed Deployment.
@Suite struct WorkloadValidationTests {
    private func replicaSet(_ edit: (inout ReplicaSet) -> Void = { _ in }) -> ReplicaSet {
        let deploy = ValidationFixtures.redis()
        var rs = ReplicaSet(metadata: ObjectMeta(name: "redis-5d7c9d4f8b", namespace: "default"),
                            spec: ReplicaSetSpec(replicas: 1, selector: deploy.spec.selector,
                                                 template: deploy.spec.template))
        edit(&rs)
        rs.applyDefaults()
        return rs
    }

    @Test func seedDeployment_isValid() {
        #expect(ValidationFixtures.redis().validateCreate().isEmpty)
        #expect(ValidationFixtures.redis().validateUpdate(old: ValidationFixtures.redis()).isEmpty)
    }

    @Test func missingSelector_isRequiredAndMismatched() {
        let errors = ValidationFixtures.redis { $0.spec.selector = nil }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.selector: Required value",
            #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"redis", "role":"logstor"}: `selector` does not match template `labels`"#,
        ])
    }

    @Test func emptySelector_isInvalidForDeployment() {
        let errors = ValidationFixtures.redis { $0.spec.selector = LabelSelector(matchLabels: [:]) }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
        ])
    }

    @Test func mismatchedTemplateLabels() {
        let errors = ValidationFixtures.redis { $0.spec.template.metadata.labels = ["app": "redis"] }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"redis"}: `selector` does not match template `labels`"#,
        ])
    }

    @Test func bothRollingParametersZero() {
        let errors = ValidationFixtures.redis {
            $0.spec.strategy = DeploymentStrategy(
                type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: .int(0), maxSurge: .int(0)))
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
        ])
    }

    @Test func maxUnavailableAbove100Percent() {
        let errors = ValidationFixtures.redis {
            $0.spec.strategy = DeploymentStrategy(
                type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: .string("150%")))
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%"#,
        ])
    }

    @Test func recreateWithRollingUpdate_isForbidden() {
        let errors = ValidationFixtures.redis {
            $0.spec.strategy = DeploymentStrategy(type: "Recreate", rollingUpdate: RollingUpdateDeployment())
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
        ])
        #expect(ValidationFixtures.redis { $0.spec.strategy = DeploymentStrategy(type: "Recreate") }
            .validateCreate().isEmpty)
    }

    @Test func unknownStrategyType() {
        let errors = ValidationFixtures.redis { $0.spec.strategy = DeploymentStrategy(type: "BlueGreen") }
            .validateCreate()
        #expect(errors.count == 1)
        #expect(errors.first?.field == "spec.strategy")
        #expect(errors.first?.detail == #"supported values: "Recreate", "RollingUpdate""#)
    }

    @Test func negativeReplicas() {
        let errors = ValidationFixtures.redis { $0.spec.replicas = -1 }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"])
    }

    @Test func progressDeadlineMustExceedMinReadySeconds() {
        let errors = ValidationFixtures.redis {
            $0.spec.minReadySeconds = 10
            $0.spec.progressDeadlineSeconds = 10
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds",
        ])
    }

    @Test func templateRestartPolicyAndDeadline() {
        let errors = ValidationFixtures.redis {
            $0.spec.template.spec.restartPolicy = "Never"
            $0.spec.template.spec.activeDeadlineSeconds = 10
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#,
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
        ])
    }

    @Test func invalidSelectorKey_reportsTheKeyAndTheConversion() {
        let errors = ValidationFixtures.redis { $0.spec.selector = LabelSelector(matchLabels: ["bad key": "x"]) }
            .validateCreate()
        #expect(errors.map(\.field) == ["spec.selector.matchLabels", "spec.selector"])
        #expect(errors.last?.detail == "invalid label selector")
    }

    @Test func selectorChangeOnUpdate_isImmutable() {
        let old = ValidationFixtures.redis()
        let new = ValidationFixtures.redis { $0.spec.selector = LabelSelector(matchLabels: ["app": "redis"]) }
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            #"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"redis"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#,
        ])
    }

    @Test func scalingOnUpdate_isAllowed() {
        let new = ValidationFixtures.redis { $0.spec.replicas = 3 }
        #expect(new.validateUpdate(old: ValidationFixtures.redis()).isEmpty)
    }

    // MARK: ReplicaSet

    @Test func replicaSet_validAndSelectorRules() {
        #expect(replicaSet().validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(replicaSet { $0.spec.selector = LabelSelector() }.validateCreate()) == [
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
        ])
        #expect(replicaSet { $0.spec.selector = nil }.validateCreate().map(\.field)
            == ["spec.selector", "spec.template.metadata.labels"])
    }

    @Test func replicaSet_negativeCountsAndImmutableSelector() {
        let errors = replicaSet {
            $0.spec.replicas = -2
            $0.spec.minReadySeconds = -1
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
        ])
        let moved = replicaSet { $0.spec.selector?.matchLabels?["tier"] = "cache" }
        #expect(moved.validateUpdate(old: replicaSet()).map(\.field) == ["spec.template.metadata.labels", "spec.selector"])
    }
}
