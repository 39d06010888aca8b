import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite("Runtime rules: backoff, image pulls, environment")
struct RuntimeRulesTests {
    @Test("backoff starts at 10s, doubles to 300s, and expires after 2 × max without failures")
    func backoff() {
        var backoff = RestartBackoff(scale: 1)
        let t0 = Fixture.t0
        #expect(!backoff.isInBackOff(since: t0, now: t0))
        backoff.next(eventTime: t0, now: t0)
        #expect(backoff.nominalDescription == "10s")
        #expect(backoff.isInBackOff(since: t0, now: t0 + 9))
        #expect(!backoff.isInBackOff(since: t0, now: t0 + 10))
        var delays: [String] = []
        for step in 1...6 {
            backoff.next(eventTime: t0 + Double(step), now: t0 + Double(step))
            delays.append(backoff.nominalDescription)
        }
        #expect(delays == ["20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"])
        #expect(!backoff.isInBackOff(since: t0 + 700, now: t0 + 700))
        backoff.next(eventTime: t0 + 700, now: t0 + 700)
        #expect(backoff.nominalDescription == "10s")
    }

    @Test("scaled backoff compares scaled time but keeps nominal wording")
    func scaledBackoff() {
        var backoff = RestartBackoff(scale: 0.01)
        backoff.next(eventTime: Fixture.t0, now: Fixture.t0)
        #expect(abs(backoff.scaledDelay - 0.1) < 1e-9)
        #expect(backoff.isInBackOff(since: Fixture.t0, now: Fixture.t0 + 0.05))
        #expect(!backoff.isInBackOff(since: Fixture.t0, now: Fixture.t0 + 0.2))
        #expect(backoff.nominalDescription == "10s")
    }

    @Test(
        "Go duration formatting",
        arguments: [(5.0, "5s"), (60, "1m0s"), (80, "1m20s"), (300, "5m0s"), (3725, "1h2m5s")])
    func goDuration(seconds: Double, text: String) {
        #expect(GoDuration.format(seconds: seconds) == text)
    }

    @Test(
        "unpullable images by the documented rule",
        arguments: ["nginx:non-existent", "example.com/does-not-exist/app:1.0", "invalid-image", "repo/app:invalid"])
    func unpullable(image: String) {
        #expect(ImagePullRule.failure(for: image)?.reason == "ErrImagePull")
        #expect(ImagePullRule.failure(for: image)?.retries == true)
    }

    @Test("pullable images", arguments: ["nginx", "redis:4.0-alpine", "ikubernetes/filebeat:5.6.5-alpine"])
    func pullable(image: String) {
        #expect(ImagePullRule.failure(for: image) == nil)
    }

    @Test("image names are normalised as containerd reports them")
    func normalisedNames() {
        #expect(ImagePullRule.normalizedName("nginx") == "docker.io/library/nginx:latest")
        #expect(ImagePullRule.normalizedName("redis:4.0-alpine") == "docker.io/library/redis:4.0-alpine")
        #expect(
            ImagePullRule.normalizedName("ikubernetes/filebeat:5.6.5-alpine")
                == "docker.io/ikubernetes/filebeat:5.6.5-alpine")
        #expect(ImagePullRule.normalizedName("registry.local:5000/team/app:1") == "registry.local:5000/team/app:1")
        #expect(ImagePullRule.failure(for: "Nginx")?.reason == "InvalidImageName")
        let id = ImagePullRule.imageID(for: "nginx:1.14")
        #expect(id.hasPrefix("docker.io/library/nginx@sha256:"))
        #expect(id.count == "docker.io/library/nginx@sha256:".count + 64)
        #expect(id == ImagePullRule.imageID(for: "nginx:1.14"))
        #expect(id != ImagePullRule.imageID(for: "nginx:1.16"))
    }

    @Test("environment: HOSTNAME, the kubernetes service, $(VAR) expansion, fieldRef; a Secret not read yet noted")
    func environment() {
        var pod = Fixture.pod("env-pod", containers: [])
        pod.metadata.labels = ["app": "web"]
        let container = Fixture.container(
            "c",
            env: [
                EnvVar(name: "A", value: "one"),
                EnvVar(name: "B", value: "$(A)-two-$$(A)-$(MISSING)-$x"),
                EnvVar(
                    name: "NODE", valueFrom: .object(["fieldRef": .object(["fieldPath": .string("spec.nodeName")])])),
                EnvVar(name: "IP", valueFrom: .object(["fieldRef": .object(["fieldPath": .string("status.podIP")])])),
                EnvVar(
                    name: "APP",
                    valueFrom: .object(["fieldRef": .object(["fieldPath": .string("metadata.labels['app']")])])),
                EnvVar(name: "SECRET", valueFrom: .object(["secretKeyRef": .object(["name": .string("s")])])),
            ])
        var context = PodEnvironmentContext(hostIP: "172.18.0.2", podIP: "10.244.1.5")
        context.serviceEnvironment = ServiceLinks.environment(
            services: [Fixture.service("kubernetes", ip: "10.96.0.1", port: 443, portName: "https")],
            namespace: "default", enableServiceLinks: true)
        let (env, notes) = ContainerEnvironment.build(pod: pod, container: container, context: context)
        #expect(env["HOSTNAME"] == "env-pod")
        #expect(env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
        #expect(env["KUBERNETES_SERVICE_PORT"] == "443")
        #expect(env["B"] == "one-two-$(A)-$(MISSING)-$x")
        #expect(env["NODE"] == "node-1")
        #expect(env["IP"] == "10.244.1.5")
        #expect(env["APP"] == "web")
        #expect(env["SECRET"] == nil)
        #expect(notes.count == 1)
        #expect(notes.first == "environment incomplete: a ConfigMap or Secret has not been read yet")
    }
}
