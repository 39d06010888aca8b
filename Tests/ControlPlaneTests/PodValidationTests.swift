import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Pod spec rules (shared with templates) and the pod update restrictions.
@Suite struct PodValidationTests {
    private static let forbiddenUpdate = "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    private func errors(_ edit: (inout Pod) -> Void) -> [String] {
        ValidationFixtures.lines(ValidationFixtures.pod(edit).validateCreate())
    }

    @Test func validPod() {
        #expect(ValidationFixtures.pod().validateCreate().isEmpty)
    }

    @Test func containersRequired() {
        #expect(errors { $0.spec.containers = [] } == ["spec.containers: Required value"])
    }

    @Test func containerNameAndImage() {
        #expect(errors { $0.spec.containers[0].image = nil } == ["spec.containers[0].image: Required value"])
        #expect(errors { $0.spec.containers[0].name = "" } == ["spec.containers[0].name: Required value"])
        #expect(errors { $0.spec.containers[0].name = "Redis" } == [
            #"spec.containers[0].name: Invalid value: "Redis": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"#,
        ])
        #expect(errors { $0.spec.containers[0].image = " redis" } == [
            #"spec.containers[0].image: Invalid value: " redis": must not have leading or trailing whitespace"#,
        ])
    }

    @Test func duplicateContainerNames() {
        #expect(errors { $0.spec.containers.append(Container(name: "redis", image: "busybox")) } == [
            #"spec.containers[1].name: Duplicate value: "redis""#,
        ])
        #expect(errors {
            $0.spec.initContainers = [Container(name: "redis", image: "busybox")]
        } == [#"spec.initContainers[0].name: Duplicate value: "redis""#])
    }

    @Test func ports() {
        #expect(errors { $0.spec.containers[0].ports = [ContainerPort(containerPort: 70000)] } == [
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        ])
        #expect(errors { $0.spec.containers[0].ports = [ContainerPort(containerPort: 80, protocol: "HTTP")] } == [
            #"spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP""#,
        ])
        #expect(errors { $0.spec.containers[0].ports = [ContainerPort(containerPort: 0)] } == [
            "spec.containers[0].ports[0].containerPort: Required value",
        ])
        #expect(errors { $0.spec.containers[0].ports = [ContainerPort(name: "Redis-Port", containerPort: 80)] } == [
            #"spec.containers[0].ports[0].name: Invalid value: "Redis-Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"#,
        ])
    }

    @Test func hostPortConflict() {
        #expect(errors {
            $0.spec.containers[0].ports = [ContainerPort(containerPort: 80, hostPort: 8080)]
            $0.spec.containers.append(Container(name: "sidecar", image: "busybox",
                                                ports: [ContainerPort(containerPort: 81, hostPort: 8080)]))
        } == [#"spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080""#])
    }

    @Test func envVarName() {
        #expect(errors { $0.spec.containers[0].env = [EnvVar(name: "1BAD", value: "x")] } == [
            #"spec.containers[0].env[0].name: Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"#,
        ])
        #expect(errors { $0.spec.containers[0].env = [EnvVar(name: "..x")] } == [
            #"spec.containers[0].env[0].name: Invalid value: "..x": must not start with '..'"#,
        ])
    }

    @Test func restartAndDNSPolicies() {
        #expect(errors { $0.spec.restartPolicy = "Sometimes" } == [
            #"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#,
        ])
        #expect(errors { $0.spec.dnsPolicy = "Google" } == [
            #"spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None""#,
        ])
    }

    @Test func tolerations() {
        #expect(errors { $0.spec.tolerations = [Toleration(key: "k", operator: "Exists", value: "v")] } == [
            #"spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is 'Exists'"#,
        ])
        #expect(errors {
            $0.spec.tolerations = [Toleration(key: "k", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 5)]
        } == [#"spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when `tolerationSeconds` is set"#])
        #expect(errors { $0.spec.tolerations = [Toleration(key: "k", operator: "Like")] } == [
            #"spec.tolerations[0].operator: Unsupported value: "Like": supported values: "Equal", "Exists""#,
        ])
        #expect(errors { $0.spec.tolerations = [Toleration(key: "k", operator: "Exists", effect: "NoRun")] } == [
            #"spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#,
        ])
        #expect(errors { $0.spec.tolerations = [Toleration(operator: "Equal", value: "v")] }.first
            == #"spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys""#)
        #expect(errors { $0.spec.tolerations = [Toleration(operator: "Exists")] }.isEmpty)
    }

    @Test func requiredNodeAffinity() {
        func affinity(_ requirement: NodeSelectorRequirement) -> Affinity {
            Affinity(nodeAffinity: NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(
                nodeSelectorTerms: [NodeSelectorTerm(matchExpressions: [requirement])])))
        }
        let path = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]"
        #expect(errors { $0.spec.affinity = affinity(NodeSelectorRequirement(key: "zone", operator: "In")) } == [
            "\(path).values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ])
        #expect(errors { $0.spec.affinity = affinity(NodeSelectorRequirement(key: "cpus", operator: "Gt", values: ["1", "2"])) } == [
            "\(path).values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
        ])
        #expect(errors { $0.spec.affinity = affinity(NodeSelectorRequirement(key: "ssd", operator: "Exists", values: ["x"])) } == [
            "\(path).values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ])
        #expect(errors { $0.spec.affinity = affinity(NodeSelectorRequirement(key: "ssd", operator: "Has")) } == [
            #"\#(path).operator: Invalid value: "Has": not a valid selector operator"#,
        ])
        #expect(errors {
            $0.spec.affinity = Affinity(nodeAffinity: NodeAffinity(
                requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [])))
        } == ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"])
    }

    @Test func deadlinesNodeSelectorAndVolumes() {
        #expect(errors { $0.spec.activeDeadlineSeconds = 0 } == [
            "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
        ])
        #expect(errors { $0.spec.nodeSelector = ["disk": "fast ssd"] }.first?.hasPrefix(#"spec.nodeSelector: Invalid value: "fast ssd": a valid label must"#) == true)
        #expect(errors { $0.spec.containers[0].volumeMounts = [VolumeMount(name: "data", mountPath: "/data")] } == [
            #"spec.containers[0].volumeMounts[0].name: Not found: "data""#,
        ])
        #expect(errors {
            $0.spec.volumes = [["name": "data", "hostPath": ["path": "/var/log"]]]
            $0.spec.containers[0].volumeMounts = [VolumeMount(name: "data", mountPath: "/data")]
        }.isEmpty)
        // A volume without a source is defaulted to an emptyDir, as in Kubernetes.
        #expect(errors { $0.spec.volumes = [["name": "data"]] }.isEmpty)
        #expect(errors { $0.spec.volumes = [["name": "Data", "emptyDir": [:]]] }.first?
            .hasPrefix(#"spec.volumes[0].name: Invalid value: "Data": a lowercase RFC 1123 label"#) == true)
    }

    // MARK: Update

    @Test func imageAndMetadataChanges_areAllowed() {
        let old = ValidationFixtures.pod()
        let new = ValidationFixtures.pod {
            $0.spec.containers[0].image = "redis:5"
            $0.metadata.labels = ["app": "redis", "tier": "cache"]
        }
        #expect(new.validateUpdate(old: old).isEmpty)
    }

    @Test func bindingToANode_isAllowedOnce() {
        let old = ValidationFixtures.pod()
        let bound = ValidationFixtures.pod { $0.spec.nodeName = "w1" }
        #expect(bound.validateUpdate(old: old).isEmpty)
        let moved = ValidationFixtures.pod { $0.spec.nodeName = "w2" }
        #expect(ValidationFixtures.lines(moved.validateUpdate(old: bound)) == [Self.forbiddenUpdate])
    }

    @Test func otherSpecChanges_areForbidden() {
        let old = ValidationFixtures.pod()
        let new = ValidationFixtures.pod { $0.spec.containers[0].ports = [ContainerPort(containerPort: 6380)] }
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [Self.forbiddenUpdate])
    }

    @Test func addingAContainer_isForbidden() {
        let old = ValidationFixtures.pod()
        let new = ValidationFixtures.pod { $0.spec.containers.append(Container(name: "sidecar", image: "busybox")) }
        #expect(ValidationFixtures.lines(new.validateUpdate(old: old)) == [
            "spec.containers: Forbidden: pod updates may not add or remove containers",
        ])
    }

    @Test func tolerationsMayOnlyBeAdded() {
        let old = ValidationFixtures.pod { $0.spec.tolerations = [Toleration(key: "a", operator: "Exists")] }
        let added = ValidationFixtures.pod {
            $0.spec.tolerations = [Toleration(key: "a", operator: "Exists"), Toleration(key: "b", operator: "Exists")]
        }
        #expect(added.validateUpdate(old: old).isEmpty)
        let removed = ValidationFixtures.pod { $0.spec.tolerations = [Toleration(key: "b", operator: "Exists")] }
        #expect(ValidationFixtures.lines(removed.validateUpdate(old: old)) == [
            "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
        ])
    }

    @Test func activeDeadlineSeconds_mayOnlyShrink() {
        let old = ValidationFixtures.pod { $0.spec.activeDeadlineSeconds = 60 }
        #expect(ValidationFixtures.pod { $0.spec.activeDeadlineSeconds = 30 }.validateUpdate(old: old).isEmpty)
        #expect(ValidationFixtures.lines(ValidationFixtures.pod { $0.spec.activeDeadlineSeconds = 90 }.validateUpdate(old: old)) == [
            "spec.activeDeadlineSeconds: Invalid value: 90: must be less than or equal to previous value",
        ])
        #expect(ValidationFixtures.lines(ValidationFixtures.pod().validateUpdate(old: old)) == [
            "spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value",
        ])
    }

    @Test func emptyListsEqualMissingOnes() {
        let old = ValidationFixtures.pod()
        let new = ValidationFixtures.pod { $0.spec.containers[0].env = [] }
        #expect(new.validateUpdate(old: old).isEmpty)
    }
}
