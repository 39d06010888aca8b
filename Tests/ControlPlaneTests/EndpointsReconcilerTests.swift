import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Objects for the endpoints controller tests.
private enum EPFixture {
    static let selector = ["app": "redis"]

    static func service(
        name: String = "redis", selector: [String: String]? = EPFixture.selector,
        ports: [ServicePort] = [ServicePort(protocol: "TCP", port: 6379, targetPort: .int(6379))],
        clusterIP: String = "10.96.0.20", labels: [String: String]? = nil, publishNotReady: Bool? = nil
    ) -> ServiceObject {
        var service = ServiceObject(
            metadata: ObjectMeta(name: name, namespace: "default", labels: labels),
            spec: ServiceSpec(type: "ClusterIP", selector: selector, ports: ports, clusterIP: clusterIP))
        service.spec.publishNotReadyAddresses = publishNotReady
        return service
    }

    /// A pod with IP `10.244.1.<n>` on node n1; `ready` sets its Ready condition.
    static func pod(
        _ name: String, ip: Int?, ready: Bool = true, phase: String = "Running", labels: [String: String] = selector,
        ports: [ContainerPort] = [ContainerPort(name: "redis", containerPort: 6379, protocol: "TCP")],
        namespace: String = "default", deleting: Bool = false
    ) -> Pod {
        var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
        meta.uid = "uid-\(name)"
        if deleting { meta.deletionTimestamp = "2026-01-01T00:00:00Z" }
        var spec = PodSpec(containers: [Container(name: "redis", image: "redis:4.0-alpine", ports: ports)])
        spec.nodeName = "n1"
        var status = PodStatus(phase: phase, conditions: [PodCondition(type: "Ready", status: ready ? "True" : "False")])
        status.podIP = ip.map { "10.244.1.\($0)" }
        return Pod(metadata: meta, spec: spec, status: status)
    }

    static func address(_ pod: String, ip: Int) -> EndpointAddress {
        EndpointAddress(
            ip: "10.244.1.\(ip)", nodeName: "n1",
            targetRef: ObjectReference(kind: "Pod", namespace: "default", name: pod, uid: "uid-\(pod)"))
    }
}

@Suite struct EndpointsReconcilerTests {
    @Test func readyAndNotReadyPods_splitIntoAddressesAndNotReadyAddresses_inOneSubset() throws {
        let pods = [
            EPFixture.pod("b", ip: 12), EPFixture.pod("a", ip: 3, ready: false), EPFixture.pod("c", ip: 11),
            EPFixture.pod("other", ip: 40, labels: ["app": "web"]),
            EPFixture.pod("elsewhere", ip: 41, namespace: "kube-system"),
        ]
        let endpoints = try #require(EndpointsReconciler.desired(service: EPFixture.service(), pods: pods))
        #expect(endpoints.metadata.name == "redis" && endpoints.metadata.namespace == "default")
        #expect(endpoints.metadata.ownerReferences == nil)
        #expect(endpoints.subsets == [EndpointSubset(
            addresses: [EPFixture.address("c", ip: 11), EPFixture.address("b", ip: 12)],
            notReadyAddresses: [EPFixture.address("a", ip: 3)],
            ports: [EndpointPort(port: 6379, protocol: "TCP")])])
    }

    @Test func noMatchingPods_orPodsWithoutIP_omitSubsets() throws {
        let none = try #require(EndpointsReconciler.desired(service: EPFixture.service(), pods: []))
        #expect(none.subsets == nil)
        let pending = try #require(
            EndpointsReconciler.desired(service: EPFixture.service(), pods: [EPFixture.pod("p", ip: nil, ready: false)]))
        #expect(pending.subsets == nil)
    }

    @Test func terminalAndTerminatingPods_areExcluded_unlessPublishingNotReadyForTerminating() throws {
        let pods = [
            EPFixture.pod("done", ip: 5, ready: false, phase: "Succeeded"),
            EPFixture.pod("failed", ip: 6, ready: false, phase: "Failed"),
            EPFixture.pod("going", ip: 7, deleting: true),
            EPFixture.pod("live", ip: 8),
        ]
        let endpoints = try #require(EndpointsReconciler.desired(service: EPFixture.service(), pods: pods))
        #expect(endpoints.subsets?.first?.addresses == [EPFixture.address("live", ip: 8)])
        #expect(endpoints.subsets?.first?.notReadyAddresses == nil)

        // publishNotReadyAddresses: terminating and unready pods count as ready; terminal ones still do not.
        let publishing = try #require(EndpointsReconciler.desired(
            service: EPFixture.service(publishNotReady: true), pods: pods + [EPFixture.pod("cold", ip: 9, ready: false)]))
        #expect(publishing.subsets?.first?.addresses?.map(\.ip) == ["10.244.1.7", "10.244.1.8", "10.244.1.9"])
        #expect(publishing.subsets?.first?.notReadyAddresses == nil)
    }

    @Test func namedTargetPort_resolvesPerPod_andSplitsSubsetsWhenPodsDiffer() throws {
        let service = EPFixture.service(ports: [ServicePort(name: "db", protocol: "TCP", port: 6379,
                                                            targetPort: .string("redis"))])
        let pods = [
            EPFixture.pod("a", ip: 1),
            EPFixture.pod("b", ip: 2, ports: [ContainerPort(name: "redis", containerPort: 7000, protocol: "TCP")]),
            EPFixture.pod("udp", ip: 3, ports: [ContainerPort(name: "redis", containerPort: 6379, protocol: "UDP")]),
            EPFixture.pod("unnamed", ip: 4, ports: [ContainerPort(containerPort: 6379)]),
        ]
        let endpoints = try #require(EndpointsReconciler.desired(service: service, pods: pods))
        #expect(endpoints.subsets == [
            EndpointSubset(addresses: [EPFixture.address("a", ip: 1)],
                           ports: [EndpointPort(name: "db", port: 6379, protocol: "TCP")]),
            EndpointSubset(addresses: [EPFixture.address("b", ip: 2)],
                           ports: [EndpointPort(name: "db", port: 7000, protocol: "TCP")]),
        ])
    }

    @Test func multiplePorts_copyNamesAndProtocols_andShareOneSubset() throws {
        let service = EPFixture.service(ports: [
            ServicePort(name: "redis", protocol: "TCP", port: 6379, targetPort: .string("redis")),
            ServicePort(name: "metrics", protocol: "TCP", port: 80, targetPort: .int(9121)),
            ServicePort(name: "gossip", protocol: "UDP", port: 7946, targetPort: .int(7946)),
        ])
        let endpoints = try #require(
            EndpointsReconciler.desired(service: service, pods: [EPFixture.pod("a", ip: 1), EPFixture.pod("b", ip: 2)]))
        #expect(endpoints.subsets?.count == 1)
        #expect(endpoints.subsets?.first?.addresses?.map(\.ip) == ["10.244.1.1", "10.244.1.2"])
        #expect(endpoints.subsets?.first?.ports == [
            EndpointPort(name: "redis", port: 6379, protocol: "TCP"),
            EndpointPort(name: "metrics", port: 9121, protocol: "TCP"),
            EndpointPort(name: "gossip", port: 7946, protocol: "UDP"),
        ])
    }

    @Test func selectorlessService_isLeftAlone_butHeadlessServiceGetsItsLabel() throws {
        #expect(EndpointsReconciler.desired(service: EPFixture.service(selector: nil), pods: [EPFixture.pod("a", ip: 1)])
            == nil)
        let headless = EPFixture.service(ports: [], clusterIP: "None", labels: ["tier": "db"])
        let endpoints = try #require(EndpointsReconciler.desired(service: headless, pods: [EPFixture.pod("a", ip: 1)]))
        #expect(endpoints.metadata.labels == ["tier": "db", "service.kubernetes.io/headless": ""])
        #expect(endpoints.subsets == [EndpointSubset(addresses: [EPFixture.address("a", ip: 1)])])
        // Without ports, a service with a cluster IP lists no address.
        let portless = EPFixture.service(ports: [])
        #expect(try #require(EndpointsReconciler.desired(service: portless, pods: [EPFixture.pod("a", ip: 1)])).subsets
            == nil)
    }

    @Test func action_createsUpdatesOnlyOnChange_andDeletesWithTheService() throws {
        let service = EPFixture.service()
        let pods = [EPFixture.pod("a", ip: 1)]
        let created = EndpointsReconciler.action(
            namespace: "default", name: "redis", service: service, current: nil, pods: pods)
        guard case .create(let desired)? = created else {
            Issue.record("expected a create, got \(String(describing: created))")
            return
        }
        // As stored: with server metadata; unchanged content means no write.
        var stored = desired
        stored.metadata.resourceVersion = "42"
        stored.metadata.uid = "ep-uid"
        #expect(EndpointsReconciler.action(
            namespace: "default", name: "redis", service: service, current: stored, pods: pods) == nil)

        // The pod becomes unready: an update of the stored object, keeping its metadata.
        let unready = [EPFixture.pod("a", ip: 1, ready: false)]
        guard case .update(let updated)? = EndpointsReconciler.action(
            namespace: "default", name: "redis", service: service, current: stored, pods: unready)
        else {
            Issue.record("expected an update")
            return
        }
        #expect(updated.metadata.resourceVersion == "42")
        #expect(updated.subsets?.first?.notReadyAddresses?.map(\.ip) == ["10.244.1.1"])

        // Label changes on the service are copied.
        var relabelled = service
        relabelled.metadata.labels = ["app": "redis"]
        guard case .update(let labelled)? = EndpointsReconciler.action(
            namespace: "default", name: "redis", service: relabelled, current: stored, pods: pods)
        else {
            Issue.record("expected an update for labels")
            return
        }
        #expect(labelled.metadata.labels == ["app": "redis"])

        #expect(EndpointsReconciler.action(namespace: "default", name: "redis", service: nil, current: stored, pods: [])
            == .delete(namespace: "default", name: "redis"))
        #expect(EndpointsReconciler.action(namespace: "default", name: "redis", service: nil, current: nil, pods: [])
            == nil)
        // A selectorless service's hand-written endpoints are kept.
        #expect(EndpointsReconciler.action(
            namespace: "default", name: "redis", service: EPFixture.service(selector: nil), current: stored,
            pods: pods) == nil)
    }

    @Test func storedDefaults_doNotCauseAnUpdate() throws {
        let service = EPFixture.service(ports: [ServicePort(port: 6379, targetPort: .int(6379))])
        let pods = [EPFixture.pod("a", ip: 1)]
        let desired = try #require(EndpointsReconciler.desired(service: service, pods: pods))
        #expect(desired.subsets?.first?.ports == [EndpointPort(port: 6379, protocol: "TCP")])
        var stored = desired
        stored.subsets = stored.subsets?.map { subset in
            var subset = subset
            subset.notReadyAddresses = []
            return subset
        }
        #expect(EndpointsReconciler.action(
            namespace: "default", name: "redis", service: service, current: stored, pods: pods) == nil)
    }

    @Test func apiServerEndpoints_pointAtTheAPIServer() {
        let endpoints = EndpointsReconciler.apiServerEndpoints(host: "127.0.0.1", port: 6443)
        #expect(endpoints.metadata.name == "kubernetes" && endpoints.metadata.namespace == "default")
        #expect(endpoints.subsets == [EndpointSubset(
            addresses: [EndpointAddress(ip: "127.0.0.1")],
            ports: [EndpointPort(name: "https", port: 6443, protocol: "TCP")])])
    }

    @Test func hostnameAndSubdomain_setTheAddressHostname() throws {
        var pod = EPFixture.pod("a", ip: 1)
        pod.spec.hostname = "redis-0"
        pod.spec.subdomain = "redis"
        let endpoints = try #require(EndpointsReconciler.desired(service: EPFixture.service(), pods: [pod]))
        #expect(endpoints.subsets?.first?.addresses?.first?.hostname == "redis-0")
        pod.spec.subdomain = "other"
        let other = try #require(EndpointsReconciler.desired(service: EPFixture.service(), pods: [pod]))
        #expect(other.subsets?.first?.addresses?.first?.hostname == nil)
    }
}
