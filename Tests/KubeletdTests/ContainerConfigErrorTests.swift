import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

/// A container whose environment names a missing ConfigMap or Secret waits in `CreateContainerConfigError` and
/// starts once the object exists; a pod whose volume cannot be set up creates no container.
@Suite struct ContainerConfigErrorTests {
    let pod = Fixture.pod(
        "web", containers: [
            Fixture.container(
                "app", command: ["sleep", "3600"],
                env: [
                    EnvVar(
                        name: "MODE", valueFrom: ["configMapKeyRef": ["name": "cfg", "key": "mode"]])
                ])
        ])

    func objects(_ entry: PodObjects.Entry<ConfigMap>?) -> PodObjects {
        var objects = PodObjects()
        objects.configMaps["default/cfg"] = entry
        return objects
    }

    @Test func missingConfigMap_waitsInCreateContainerConfigError_thenStarts() {
        var driver = LifecycleDriver(pod)
        driver.lifecycle.setObjects(objects(.missing), allocatable: [:])
        var status = driver.advance()
        #expect(driver.started.isEmpty)
        #expect(status.container("app")?.state?.waiting?.reason == "CreateContainerConfigError")
        #expect(status.container("app")?.state?.waiting?.message == "configmap \"cfg\" not found")
        let events = driver.lifecycle.takeEvents().map(\.event)
        #expect(events.contains(ContainerEvent(type: "Warning", reason: "Failed", message: "Error: configmap \"cfg\" not found")))
        #expect(!events.contains { $0.reason == "Created" })

        // Created without the key: another message, recorded again.
        driver.lifecycle.setObjects(
            objects(.present(ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "default"), data: ["x": "1"]))),
            allocatable: [:])
        status = driver.advance(by: 1)
        #expect(status.container("app")?.state?.waiting?.message == "couldn't find key mode in ConfigMap default/cfg")
        #expect(driver.lifecycle.takeEvents().map(\.event.message) == ["Error: couldn't find key mode in ConfigMap default/cfg"])

        driver.lifecycle.setObjects(
            objects(.present(ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "default"), data: ["mode": "fast"]))),
            allocatable: [:])
        status = driver.advance(by: 1)
        #expect(driver.started == ["app"])
        #expect(status.container("app")?.state?.running != nil)
        guard case .start(let launch)? = driver.actions.first else { return }
        #expect(launch.environment["MODE"] == "fast")
    }

    @Test func objectNotReadYet_waitsSilentlyInContainerCreating() {
        var driver = LifecycleDriver(pod)
        driver.lifecycle.setObjects(PodObjects(), allocatable: [:])
        let status = driver.advance()
        #expect(driver.started.isEmpty)
        #expect(status.container("app")?.state?.waiting?.reason == "ContainerCreating")
        #expect(!driver.lifecycle.takeEvents().contains { $0.event.type == "Warning" })
        #expect(driver.lifecycle.nextDeadline() == nil)
    }

    @Test func waitingForVolumes_createsNothing_sandboxNotReady() {
        let plain = Fixture.pod("web", containers: [Fixture.container("app", command: ["sleep", "3600"])])
        var driver = LifecycleDriver(plain)
        driver.lifecycle.isWaitingForVolumes = true
        var status = driver.advance()
        #expect(driver.started.isEmpty)
        #expect(status.container("app")?.state?.waiting?.reason == "ContainerCreating")
        #expect(status.conditions?.first { $0.type == "PodReadyToStartContainers" }?.status == "False")
        #expect(driver.lifecycle.nextDeadline() == nil)
        driver.lifecycle.isWaitingForVolumes = false
        status = driver.advance(by: 1)
        #expect(driver.started == ["app"])
        #expect(status.conditions?.first { $0.type == "PodReadyToStartContainers" }?.status == "True")
    }
}

/// What kubeletd follows for its pods: the ConfigMaps and Secrets they name, and the tokens their projected volumes
/// need.
@Suite struct PodObjectFollowerRulesTests {
    @Test func references_andTokenRequests() {
        var container = Fixture.container("app", env: [EnvVar(name: "A", valueFrom: ["secretKeyRef": ["name": "s", "key": "k"]])])
        container.envFrom = [["configMapRef": ["name": "env"]]]
        var pod = Fixture.pod("web", containers: [container], namespace: "team")
        pod.spec.serviceAccountName = "builder"
        pod.spec.volumes = [
            [
                "name": "api",
                "projected": ["sources": [
                    ["serviceAccountToken": ["path": "token", "expirationSeconds": 3607]],
                    ["serviceAccountToken": ["path": "vault", "audience": "vault"]],
                    ["configMap": ["name": "kube-root-ca.crt"]],
                ]],
            ]
        ]
        #expect(PodObjectFollower.references(of: pod) == [
            .init(kind: .configMap, namespace: "team", name: "env"),
            .init(kind: .configMap, namespace: "team", name: "kube-root-ca.crt"),
            .init(kind: .secret, namespace: "team", name: "s"),
        ])
        let sources = PodObjectFollower.tokenSources(of: pod)
        #expect(sources.map(\.path) == ["token", "vault"])
        #expect(sources.map(\.expirationSeconds) == [3607, 3600])
        #expect(
            PodObjectFollower.tokenRequest(for: pod, audience: "vault", expirationSeconds: 3600) == [
                "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
                "spec": [
                    "expirationSeconds": 3600, "audiences": ["vault"],
                    "boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "web", "uid": "uid-web"],
                ],
            ])
        pod.status.phase = "Succeeded"
        #expect(PodObjectFollower.references(of: pod).isEmpty)
        #expect(PodObjectFollower.tokenSources(of: pod).isEmpty)
    }
}
