import KubeAPI
import Testing
import Wire

@testable import ControlPlane

// MARK: - Fixtures (shared with the other *ValidationTests files)

/// The seed manifest's objects (examples/ds-demo.yaml), typed and defaulted as the API server sees them.
enum ValidationFixtures {
    static let dsLabels = ["app": "filebeat", "release": "stable"]

    /// `daemonset.apps/filebeat-ds` from the seed, defaulted.
    static func filebeat(_ edit: (inout DaemonSet) -> Void = { _ in }) -> DaemonSet {
        let container = Container(name: "filebeat", image: "ikubernetes/filebeat:5.6.5-alpine", env: [
            EnvVar(name: "REDIS_HOST", value: "redis.default.svc.cluster.local"),
            EnvVar(name: "REDIS_LOG_LEVEL", value: "info"),
        ])
        var ds = DaemonSet(
            metadata: ObjectMeta(name: "filebeat-ds", namespace: "default"),
            spec: DaemonSetSpec(
                selector: LabelSelector(matchLabels: dsLabels),
                template: PodTemplateSpec(metadata: ObjectMeta(labels: dsLabels),
                                          spec: PodSpec(containers: [container]))))
        edit(&ds)
        ds.applyDefaults()
        return ds
    }

    /// `deployment.apps/redis` from the seed, defaulted.
    static func redis(_ edit: (inout Deployment) -> Void = { _ in }) -> Deployment {
        let labels = ["app": "redis", "role": "logstor"]
        let container = Container(name: "redis", image: "redis:4.0-alpine",
                                  ports: [ContainerPort(name: "redis", containerPort: 6379)])
        var deploy = Deployment(
            metadata: ObjectMeta(name: "redis", namespace: "default"),
            spec: DeploymentSpec(replicas: 1, selector: LabelSelector(matchLabels: labels),
                                 template: PodTemplateSpec(metadata: ObjectMeta(labels: labels),
                                                           spec: PodSpec(containers: [container]))))
        edit(&deploy)
        deploy.applyDefaults()
        return deploy
    }

    /// A bare pod running redis, defaulted.
    static func pod(_ edit: (inout Pod) -> Void = { _ in }) -> Pod {
        let container = Container(name: "redis", image: "redis:4.0-alpine",
                                  ports: [ContainerPort(name: "redis", containerPort: 6379)])
        var pod = Pod(metadata: ObjectMeta(name: "redis-1", namespace: "default", labels: ["app": "redis"]),
                      spec: PodSpec(containers: [container]))
        edit(&pod)
        pod.applyDefaults()
        return pod
    }

    /// What `kubectl expose deployment redis --port=6379` creates, defaulted.
    static func service(_ edit: (inout ServiceObject) -> Void = { _ in }) -> ServiceObject {
        var service = ServiceObject(
            metadata: ObjectMeta(name: "redis", namespace: "default"),
            spec: ServiceSpec(selector: ["app": "redis", "role": "logstor"],
                              ports: [ServicePort(port: 6379, targetPort: .int(6379))]))
        edit(&service)
        service.applyDefaults()
        return service
    }

    /// The descriptions of `errors`, for whole-list comparisons.
    static func lines(_ errors: [FieldError]) -> [String] {
        errors.map(\.description)
    }
}

// MARK: - DaemonSet

/// Every case of the reference's section 4.2, on the seed DaemonSet: the first error's exact text and the count.
@Suite struct DaemonSetValidationTests {
    private let rollingPath = "spec.updateStrategy.rollingUpdate"

    private func rolling(_ unavailable: IntOrString, _ surge: IntOrString) -> DaemonSet {
        ValidationFixtures.filebeat {
            $0.spec.updateStrategy = DaemonSetUpdateStrategy(
                type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: unavailable, maxSurge: surge))
        }
    }

    @Test func seedDaemonSet_isValid() {
        #expect(ValidationFixtures.filebeat().validateCreate().isEmpty)
        #expect(ValidationFixtures.filebeat().validateUpdate(old: ValidationFixtures.filebeat()).isEmpty)
    }

    @Test func selectorNotMatchingTemplateLabels() throws {
        let errors = ValidationFixtures.filebeat { $0.spec.template.metadata.labels = ["app": "other"] }.validateCreate()
        #expect(errors.count == 1)
        let first = try #require(errors.first)
        #expect(first.description == #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`"#)
    }

    @Test func missingSelector_isTheMismatchError() {
        let errors = ValidationFixtures.filebeat { $0.spec.selector = nil }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"filebeat", "release":"stable"}: `selector` does not match template `labels`"#,
        ])
    }

    @Test func emptySelector_isInvalidForDaemonSet() {
        let errors = ValidationFixtures.filebeat { $0.spec.selector = LabelSelector() }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset",
        ])
        #expect(errors.first?.field == "spec.selector")
        #expect(errors.first?.detail == "empty selector is invalid for daemonset")
    }

    @Test(arguments: ["OnFailure", "Never"])
    func restartPolicyMustBeAlways(policy: String) {
        let errors = ValidationFixtures.filebeat { $0.spec.template.spec.restartPolicy = policy }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.template.spec.restartPolicy: Unsupported value: \"\(policy)\": supported values: \"Always\"",
        ])
    }

    @Test func activeDeadlineSecondsIsForbidden() {
        let errors = ValidationFixtures.filebeat { $0.spec.template.spec.activeDeadlineSeconds = 30 }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
        ])
    }

    @Test func missingTemplate_mismatchAndContainersRequired() {
        let errors = ValidationFixtures.filebeat { $0.spec.template = PodTemplateSpec() }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`",
            "spec.template.spec.containers: Required value",
        ])
    }

    @Test func negativeMinReadySecondsAndRevisionHistoryLimit() {
        let errors = ValidationFixtures.filebeat {
            $0.spec.minReadySeconds = -1
            $0.spec.revisionHistoryLimit = -1
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
            "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
        ])
    }

    @Test func unknownUpdateStrategyType() {
        let errors = ValidationFixtures.filebeat { $0.spec.updateStrategy.type = "Foo" }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            #"spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Foo", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete""#,
        ])
    }

    @Test func onDelete_isValid() {
        let ds = ValidationFixtures.filebeat { $0.spec.updateStrategy = DaemonSetUpdateStrategy(type: "OnDelete") }
        #expect(ds.validateCreate().isEmpty)
    }

    @Test func bothMaxUnavailableAndMaxSurgeNonZero() {
        #expect(ValidationFixtures.lines(rolling(.int(1), .int(1)).validateCreate()) == [
            "\(rollingPath).maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
        ])
        #expect(ValidationFixtures.lines(rolling(.string("10%"), .string("20%")).validateCreate()) == [
            "\(rollingPath).maxSurge: Invalid value: \"20%\": may not be set when maxUnavailable is non-zero",
        ])
    }

    @Test func bothZero() {
        #expect(ValidationFixtures.lines(rolling(.int(0), .string("0%")).validateCreate()) == [
            "\(rollingPath).maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
        ])
    }

    @Test func surgeOnly_isValid() {
        #expect(rolling(.int(0), .string("25%")).validateCreate().isEmpty)
    }

    @Test func percentAbove100() {
        #expect(ValidationFixtures.lines(rolling(.string("110%"), .int(0)).validateCreate()) == [
            "\(rollingPath).maxUnavailable: Invalid value: \"110%\": must not be greater than 100%",
        ])
    }

    @Test func badPercentString() {
        let errors = rolling(.string("abc"), .int(0)).validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "\(rollingPath).maxUnavailable: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            "\(rollingPath).maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
        ])
    }

    @Test func negativeInt() {
        #expect(ValidationFixtures.lines(rolling(.int(-1), .int(0)).validateCreate()) == [
            "\(rollingPath).maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
        ])
    }

    @Test func selectorExpressionWithoutValues_isReportedOnce() {
        let errors = ValidationFixtures.filebeat {
            $0.spec.selector = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "In")])
        }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == [
            "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ])
    }

    @Test func matchExpressionsSelectingTheTemplate_isValid() {
        let ds = ValidationFixtures.filebeat {
            $0.spec.selector = LabelSelector(matchExpressions: [
                LabelSelectorRequirement(key: "app", operator: "In", values: ["filebeat", "metricbeat"]),
                LabelSelectorRequirement(key: "tier", operator: "DoesNotExist"),
            ])
        }
        #expect(ds.validateCreate().isEmpty)
    }

    @Test func invalidName() {
        let errors = ValidationFixtures.filebeat { $0.metadata.name = "Filebeat_DS" }.validateCreate()
        #expect(errors.count == 1)
        #expect(errors.first?.description == #"metadata.name: Invalid value: "Filebeat_DS": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#)
    }

    @Test func missingName() {
        let errors = ValidationFixtures.filebeat { $0.metadata.name = nil }.validateCreate()
        #expect(ValidationFixtures.lines(errors) == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func invalidTemplateLabel_isReportedOnTemplateLabels() {
        let errors = ValidationFixtures.filebeat { $0.spec.template.metadata.labels?["tier"] = "bad value!" }
            .validateCreate()
        #expect(errors.count == 1)
        #expect(errors.first?.field == "spec.template.labels")
        #expect(errors.first?.renderedValue == #""bad value!""#)
    }

    @Test func selectorChangeOnUpdate_isImmutable() {
        let old = ValidationFixtures.filebeat()
        let new = ValidationFixtures.filebeat {
            $0.spec.selector = LabelSelector(matchLabels: ["app": "filebeat"])
        }
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            #"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"filebeat"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#,
        ])
    }

    @Test func selectorAndLabelsChangedOnUpdate_givesBothErrors() {
        let old = ValidationFixtures.filebeat()
        let new = ValidationFixtures.filebeat {
            $0.spec.selector = LabelSelector(matchLabels: ["app": "beats"])
        }
        let errors = new.validateUpdate(old: old)
        #expect(errors.map(\.field) == ["spec.template.metadata.labels", "spec.selector"])
        #expect(errors.map(\.detail) == ["`selector` does not match template `labels`", "field is immutable"])
    }

    @Test func sameSelectorWrittenDifferently_isNotAChange() {
        let old = ValidationFixtures.filebeat()
        let new = ValidationFixtures.filebeat { $0.spec.selector?.matchExpressions = [] }
        #expect(new.validateUpdate(old: old).isEmpty)
    }

    @Test func templateChangeOnUpdate_isAllowed() {
        let old = ValidationFixtures.filebeat()
        let new = ValidationFixtures.filebeat { $0.spec.template.spec.containers[0].image = "ikubernetes/filebeat:5.6.6-alpine" }
        #expect(new.validateUpdate(old: old).isEmpty)
    }

    @Test func renamedOnUpdate_isImmutable() {
        let old = ValidationFixtures.filebeat()
        let new = ValidationFixtures.filebeat { $0.metadata.name = "filebeat-ds2" }
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            #"metadata.name: Invalid value: "filebeat-ds2": field is immutable"#,
        ])
    }
}
