import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

/// The service environment variables, exactly as the kubelet builds them (`envvars.FromServices`).
@Suite struct ServiceLinksTests {
    static let kubernetes = Fixture.service("kubernetes", ip: "10.96.0.1", port: 443, portName: "https")

    @Test func kubernetesService_givesTheEightVariablesOfARealCluster() {
        let environment = ServiceLinks.environment(
            services: [Self.kubernetes], namespace: "default", enableServiceLinks: true)
        #expect(
            environment == [
                "KUBERNETES_SERVICE_HOST": "10.96.0.1",
                "KUBERNETES_SERVICE_PORT": "443",
                "KUBERNETES_SERVICE_PORT_HTTPS": "443",
                "KUBERNETES_PORT": "tcp://10.96.0.1:443",
                "KUBERNETES_PORT_443_TCP": "tcp://10.96.0.1:443",
                "KUBERNETES_PORT_443_TCP_PROTO": "tcp",
                "KUBERNETES_PORT_443_TCP_PORT": "443",
                "KUBERNETES_PORT_443_TCP_ADDR": "10.96.0.1",
            ])
    }

    @Test func namesAreUpperCasedWithUnderscores_andEveryPortIsLinked_inKubernetesOrder() {
        var service = Fixture.service("my-cache", ip: "10.96.3.4", port: 6379)
        service.spec.ports?.append(ServicePort(name: "metrics-http", protocol: "UDP", port: 9121))
        let variables = ServiceLinks.variables(for: service)
        #expect(variables.map(\.name) == [
            "MY_CACHE_SERVICE_HOST", "MY_CACHE_SERVICE_PORT", "MY_CACHE_SERVICE_PORT_METRICS_HTTP",
            "MY_CACHE_PORT", "MY_CACHE_PORT_6379_TCP", "MY_CACHE_PORT_6379_TCP_PROTO", "MY_CACHE_PORT_6379_TCP_PORT",
            "MY_CACHE_PORT_6379_TCP_ADDR", "MY_CACHE_PORT_9121_UDP", "MY_CACHE_PORT_9121_UDP_PROTO",
            "MY_CACHE_PORT_9121_UDP_PORT", "MY_CACHE_PORT_9121_UDP_ADDR",
        ])
        #expect(variables.first { $0.name == "MY_CACHE_PORT_9121_UDP" }?.value == "udp://10.96.3.4:9121")
        #expect(variables.first { $0.name == "MY_CACHE_PORT" }?.value == "tcp://10.96.3.4:6379")
    }

    @Test func onlyThePodsNamespace_andOnlyWithServiceLinks_butAlwaysTheKubernetesService() {
        let services = [
            Self.kubernetes, Fixture.service("redis", ip: "10.96.0.20", port: 6379),
            Fixture.service("other", namespace: "team", ip: "10.96.0.30", port: 80),
        ]
        let inDefault = ServiceLinks.environment(services: services, namespace: "default", enableServiceLinks: true)
        #expect(inDefault["REDIS_SERVICE_HOST"] == "10.96.0.20")
        #expect(inDefault["OTHER_SERVICE_HOST"] == nil)
        let inTeam = ServiceLinks.environment(services: services, namespace: "team", enableServiceLinks: true)
        #expect(inTeam["OTHER_SERVICE_HOST"] == "10.96.0.30")
        #expect(inTeam["REDIS_SERVICE_HOST"] == nil)
        #expect(inTeam["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
        let disabled = ServiceLinks.environment(services: services, namespace: "default", enableServiceLinks: false)
        #expect(disabled["REDIS_SERVICE_HOST"] == nil)
        #expect(disabled["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
    }

    @Test func headlessAndExternalNameServices_areSkipped() {
        var headless = Fixture.service("db", ip: "None", port: 5432)
        headless.spec.clusterIP = "None"
        var external = Fixture.service("ext", ip: "", port: 80)
        external.spec.type = "ExternalName"
        let environment = ServiceLinks.environment(
            services: [headless, external], namespace: "default", enableServiceLinks: true)
        #expect(environment.isEmpty)
    }

    @Test func containerVariablesWinOverServiceVariables_andMayReferToThem() {
        let pod = Fixture.pod("p", containers: [])
        let container = Fixture.container(
            "c",
            env: [
                EnvVar(name: "REDIS_SERVICE_PORT", value: "1234"),
                EnvVar(name: "ADDRESS", value: "$(REDIS_SERVICE_HOST):$(REDIS_SERVICE_PORT)"),
            ])
        var context = PodEnvironmentContext(hostIP: "172.18.0.2", podIP: "10.244.1.5")
        context.serviceEnvironment = ServiceLinks.environment(
            services: [Fixture.service("redis", ip: "10.96.0.20", port: 6379)], namespace: "default",
            enableServiceLinks: true)
        let (environment, _) = ContainerEnvironment.build(pod: pod, container: container, context: context)
        #expect(environment["REDIS_SERVICE_PORT"] == "1234")
        #expect(environment["ADDRESS"] == "10.96.0.20:1234")
        #expect(environment["REDIS_PORT"] == "tcp://10.96.0.20:6379")
    }
}
