import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

@Suite struct DefaultingTests {
    private func seed() throws -> (Deployment, DaemonSet) {
        let docs = try seedManifest()
        return (try StrictDecoding.decode(Deployment.self, from: docs[0]),
                try StrictDecoding.decode(DaemonSet.self, from: docs[1]))
    }

    @Test(arguments: [
        ("redis:4.0-alpine", "IfNotPresent"),
        ("ikubernetes/filebeat:5.6.5-alpine", "IfNotPresent"),
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("docker.io/library/nginx", "Always"),
        ("localhost:5000/team/app", "Always"),
        ("localhost:5000/team/app:v2", "IfNotPresent"),
        ("nginx@sha256:0123456789abcdef", "IfNotPresent"),
        ("nginx:latest@sha256:0123456789abcdef", "Always"),
        ("Nginx", "IfNotPresent"),
        ("", "IfNotPresent"),
    ])
    func imagePullPolicy_followsTheTag(image: String, expected: String) {
        #expect(ImageReference.defaultPullPolicy(for: image) == expected)
    }

    @Test func seedDaemonSet_getsKubernetesDefaults() throws {
        var (_, ds) = try seed()
        ds.applyDefaults()
        #expect(ds.spec.updateStrategy == DaemonSetUpdateStrategy(
            type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: .int(1), maxSurge: .int(0))))
        #expect(ds.spec.revisionHistoryLimit == 10)
        let spec = ds.spec.template.spec
        #expect(spec.restartPolicy == "Always")
        #expect(spec.dnsPolicy == "ClusterFirst")
        #expect(spec.terminationGracePeriodSeconds == 30)
        #expect(spec.schedulerName == "default-scheduler")
        #expect(spec.securityContext == [:])
        // Kubernetes defaults enableServiceLinks on pods only, not on templates.
        #expect(spec.enableServiceLinks == nil)
        let container = try #require(spec.containers.first)
        #expect(container.imagePullPolicy == "IfNotPresent")
        #expect(container.terminationMessagePath == "/dev/termination-log")
        #expect(container.terminationMessagePolicy == "File")
        #expect(container.resources == [:])
    }

    @Test func seedDeployment_getsKubernetesDefaults() throws {
        var (deploy, _) = try seed()
        deploy.spec.replicas = nil
        deploy.applyDefaults()
        #expect(deploy.spec.replicas == 1)
        #expect(deploy.spec.strategy == DeploymentStrategy(
            type: "RollingUpdate",
            rollingUpdate: RollingUpdateDeployment(maxUnavailable: .string("25%"), maxSurge: .string("25%"))))
        #expect(deploy.spec.revisionHistoryLimit == 10)
        #expect(deploy.spec.progressDeadlineSeconds == 600)
        let container = try #require(deploy.spec.template.spec.containers.first)
        #expect(container.imagePullPolicy == "IfNotPresent")
        #expect(container.ports?.first?.protocol == "TCP")
    }

    @Test func explicitValues_areKept_andNoRollingUpdateForOtherStrategies() throws {
        var (deploy, ds) = try seed()
        ds.spec.updateStrategy = DaemonSetUpdateStrategy(type: "OnDelete")
        ds.spec.revisionHistoryLimit = 3
        ds.spec.template.spec.restartPolicy = "Never"
        ds.applyDefaults()
        #expect(ds.spec.updateStrategy == DaemonSetUpdateStrategy(type: "OnDelete"))
        #expect(ds.spec.revisionHistoryLimit == 3)
        #expect(ds.spec.template.spec.restartPolicy == "Never")

        deploy.spec.replicas = 0
        deploy.spec.strategy = DeploymentStrategy(type: "Recreate")
        deploy.applyDefaults()
        #expect(deploy.spec.replicas == 0)
        #expect(deploy.spec.strategy.rollingUpdate == nil)

        var partial = DaemonSet()
        partial.spec.updateStrategy = DaemonSetUpdateStrategy(
            type: nil, rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: .string("20%")))
        partial.applyDefaults()
        #expect(partial.spec.updateStrategy.rollingUpdate == RollingUpdateDaemonSet(
            maxUnavailable: .string("20%"), maxSurge: .int(0)))
    }

    @Test func replicaSet_defaultsReplicasToOne() {
        var rs = ReplicaSet()
        rs.applyDefaults()
        #expect(rs.spec.replicas == 1)
    }

    @Test func pod_getsPodOnlyDefaultsAndCreateStatus() throws {
        var pod = Pod(metadata: ObjectMeta(name: "p"), spec: PodSpec(containers: [
            Container(name: "a", image: "nginx", ports: [ContainerPort(containerPort: 80)]),
        ], hostNetwork: true))
        pod.applyDefaults()
        #expect(pod.spec.enableServiceLinks == true)
        #expect(pod.spec.containers[0].imagePullPolicy == "Always")
        #expect(pod.spec.containers[0].ports == [ContainerPort(containerPort: 80, hostPort: 80, protocol: "TCP")])
        #expect(pod.status.phase == "Pending")
        #expect(pod.status.qosClass == "BestEffort")

        var running = pod
        running.status.phase = "Running"
        running.applyDefaults()
        #expect(running.status.phase == "Running")
    }

    @Test func pod_requestsDefaultToLimits_andQOSFollows() {
        var guaranteed = Pod(spec: PodSpec(containers: [
            Container(name: "a", image: "a:1", resources: ["limits": ["cpu": "1", "memory": "1Gi"]]),
        ]))
        guaranteed.applyDefaults()
        #expect(guaranteed.spec.containers[0].resources
            == ["limits": ["cpu": "1", "memory": "1Gi"], "requests": ["cpu": "1", "memory": "1Gi"]])
        #expect(guaranteed.status.qosClass == "Guaranteed")

        var burstable = Pod(spec: PodSpec(containers: [
            Container(name: "a", image: "a:1", resources: ["requests": ["cpu": "100m"], "limits": ["memory": "1Gi"]]),
        ]))
        burstable.applyDefaults()
        #expect(burstable.spec.containers[0].resources?["requests"] == ["cpu": "100m", "memory": "1Gi"])
        #expect(burstable.status.qosClass == "Burstable")

        // Templates never get requests from limits.
        var template = PodTemplateSpec(metadata: ObjectMeta(), spec: guaranteed.spec)
        template.spec.containers[0].resources = ["limits": ["cpu": "1"]]
        template.applyDefaults()
        #expect(template.spec.containers[0].resources == ["limits": ["cpu": "1"]])
    }

    @Test func probesVolumesAndFieldRefs_getTheirDefaults() throws {
        var spec = PodSpec(containers: [Container(name: "a", image: "a:1")], volumes: [
            ["name": "scratch"],
            ["name": "cfg", "configMap": ["name": "c"]],
            ["name": "logs", "hostPath": ["path": "/var/log"]],
            ["name": "sec", "secret": ["secretName": "s", "defaultMode": 256]],
        ])
        spec.containers[0].livenessProbe = ["httpGet": ["port": 80], "periodSeconds": 5, "timeoutSeconds": 0]
        spec.containers[0].lifecycle = ["preStop": ["httpGet": ["port": 80, "path": "/stop"]]]
        spec.containers[0].env = [EnvVar(name: "NODE", valueFrom: ["fieldRef": ["fieldPath": "spec.nodeName"]])]
        spec.applyDefaults()
        #expect(spec.volumes == [
            ["name": "scratch", "emptyDir": [:]],
            ["name": "cfg", "configMap": ["name": "c", "defaultMode": 420]],
            ["name": "logs", "hostPath": ["path": "/var/log", "type": ""]],
            ["name": "sec", "secret": ["secretName": "s", "defaultMode": 256]],
        ])
        #expect(spec.containers[0].livenessProbe == [
            "httpGet": ["port": 80, "path": "/", "scheme": "HTTP"],
            "periodSeconds": 5, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3,
        ])
        #expect(spec.containers[0].lifecycle == ["preStop": ["httpGet": ["port": 80, "path": "/stop", "scheme": "HTTP"]]])
        #expect(spec.containers[0].env?.first?.valueFrom == ["fieldRef": ["fieldPath": "spec.nodeName", "apiVersion": "v1"]])
    }

    @Test func service_getsKubernetesDefaults() {
        var svc = ServiceObject(spec: ServiceSpec(selector: ["app": "redis"], ports: [
            ServicePort(name: "redis", port: 6379), ServicePort(port: 80, targetPort: .string("http")),
        ]))
        svc.applyDefaults()
        #expect(svc.spec.type == "ClusterIP")
        #expect(svc.spec.sessionAffinity == "None")
        #expect(svc.spec.ports == [
            ServicePort(name: "redis", protocol: "TCP", port: 6379, targetPort: .int(6379)),
            ServicePort(protocol: "TCP", port: 80, targetPort: .string("http")),
        ])
        #expect(svc.spec.ipFamilyPolicy == "SingleStack")
        #expect(svc.spec.ipFamilies == ["IPv4"])
        #expect(svc.spec.internalTrafficPolicy == "Cluster")
        #expect(svc.spec.externalTrafficPolicy == nil)

        var nodePort = ServiceObject(spec: ServiceSpec(type: "NodePort", selector: ["a": "b"], ports: []))
        nodePort.applyDefaults()
        #expect(nodePort.spec.externalTrafficPolicy == "Cluster")

        var headless = ServiceObject(spec: ServiceSpec(selector: nil, ports: nil, clusterIP: "None"))
        headless.applyDefaults()
        #expect(headless.spec.ipFamilyPolicy == "RequireDualStack")

        var external = ServiceObject(spec: ServiceSpec(type: "ExternalName", selector: nil, ports: nil))
        external.applyDefaults()
        #expect(external.spec.ipFamilies == nil && external.spec.ipFamilyPolicy == nil)
        #expect(external.spec.internalTrafficPolicy == nil)

        var sticky = ServiceObject(spec: ServiceSpec(selector: ["a": "b"], ports: nil))
        sticky.spec.sessionAffinity = "ClientIP"
        sticky.applyDefaults()
        #expect(sticky.spec.sessionAffinityConfig == ["clientIP": ["timeoutSeconds": 10800]])
    }

    @Test func namespaceNodeAndEndpoints_getTheirDefaults() {
        var ns = Namespace(metadata: ObjectMeta(name: "dev", labels: ["team": "a"]))
        ns.applyDefaults()
        #expect(ns.status.phase == "Active")
        #expect(ns.metadata.labels == ["team": "a", "kubernetes.io/metadata.name": "dev"])

        var node = Node(status: NodeStatus(capacity: ["cpu": "2", "pods": "110"]))
        node.applyDefaults()
        #expect(node.status.allocatable == ["cpu": "2", "pods": "110"])

        var ep = Endpoints(subsets: [EndpointSubset(ports: [EndpointPort(port: 6379)])])
        ep.applyDefaults()
        #expect(ep.subsets?.first?.ports?.first?.protocol == "TCP")
    }

    @Test func applyingDefaultsTwice_changesNothing() throws {
        var (deploy, ds) = try seed()
        ds.applyDefaults()
        var again = ds
        again.applyDefaults()
        #expect(again == ds)
        deploy.applyDefaults()
        var deployAgain = deploy
        deployAgain.applyDefaults()
        #expect(deployAgain == deploy)
    }

    @Test func defaultingUntypedObjects_matchesTypedDefaulting() throws {
        let json = try seedManifest()[1]
        let defaulted = try Defaulting.defaulted(json, as: .daemonSet)
        #expect(defaulted[path: ["spec", "updateStrategy"]]
            == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
        #expect(defaulted[path: ["spec", "template", "spec", "restartPolicy"]] == "Always")
        var (_, ds) = try seed()
        ds.applyDefaults()
        #expect(try defaulted.decode(as: DaemonSet.self) == ds)
    }
}

/// The seed tutorial's manifest (examples/ds-demo.yaml): a redis Deployment and a filebeat DaemonSet.
private func seedManifest() throws -> [JSONValue] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let text = try String(contentsOf: root.appending(path: "examples/ds-demo.yaml"), encoding: .utf8)
    return try YAMLManifest.documents(from: text)
}
