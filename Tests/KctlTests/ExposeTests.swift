import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// Resources as the API server returns them, for the expose tests.
private enum ExposeFixture {
    /// The seed manifest's redis Deployment (one named container port, 6379).
    static let redis: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": "redis", "namespace": "default"],
        "spec": [
            "replicas": 1,
            "selector": ["matchLabels": ["app": "redis", "role": "logstor"]],
            "template": [
                "metadata": ["labels": ["app": "redis", "role": "logstor"]],
                "spec": ["containers": [[
                    "name": "redis", "image": "redis:4.0-alpine",
                    "ports": [["name": "redis", "containerPort": 6379, "protocol": "TCP"]],
                ]]],
            ],
        ],
    ]

    static func withContainerPorts(_ ports: [JSONValue], _ object: JSONValue = redis) -> JSONValue {
        var object = object
        object[path: ["spec", "template", "spec", "containers"]] = [["name": "c", "ports": .array(ports)]]
        return object
    }

    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "web-0", "labels": ["app": "web", "tier": "front"]],
        "spec": ["containers": [["name": "web", "ports": [["containerPort": 8080]]]]],
    ]

    static let service: JSONValue = [
        "apiVersion": "v1", "kind": "Service",
        "metadata": ["name": "nginx", "labels": ["app": "nginx"]],
        "spec": ["selector": ["app": "nginx"], "ports": [["port": 80, "protocol": "TCP", "targetPort": 8000]]],
    ]

    static func expose(_ object: JSONValue, _ kind: ResourceKind, _ flags: ExposeFlags = ExposeFlags())
        throws(ExposeError) -> ServiceObject
    {
        try ServiceExposer.service(exposing: object, kind: kind, flags: flags)
    }
}

@Suite struct ExposeTests {
    @Test func deployment_withPort_selectsMatchLabels_andTargetsThePort() throws {
        let service = try ExposeFixture.expose(ExposeFixture.redis, .deployment, ExposeFlags(port: "6379"))
        #expect(service.name == "redis")
        #expect(service.kind == "Service" && service.apiVersion == "v1")
        #expect(service.spec.selector == ["app": "redis", "role": "logstor"])
        #expect(service.spec.ports == [ServicePort(protocol: "TCP", port: 6379, targetPort: .int(6379))])
        #expect(service.spec.type == nil && service.spec.clusterIP == nil)
        #expect(service.metadata.labels == nil, "the deployment has no labels to copy")
    }

    @Test func portOmitted_isTakenFromTheOnlyContainerPort_elseRefused() throws {
        let service = try ExposeFixture.expose(ExposeFixture.redis, .deployment)
        #expect(service.spec.ports == [ServicePort(protocol: "TCP", port: 6379, targetPort: .int(6379))])

        let portless = ExposeFixture.withContainerPorts([])
        #expect(throws: ExposeError("couldn't find port via --port flag or introspection")) {
            try ExposeFixture.expose(portless, .deployment)
        }
        #expect(ErrorReporting.render(ExposeError("couldn't find port via --port flag or introspection"))
            == "error: couldn't find port via --port flag or introspection")
        // A headless service needs no port.
        let headless = try ExposeFixture.expose(portless, .deployment, ExposeFlags(clusterIP: "None"))
        #expect(headless.spec.ports == [] && headless.spec.clusterIP == "None")
    }

    @Test func severalContainerPorts_becomeNumberedServicePorts_withTheirProtocols() throws {
        let object = ExposeFixture.withContainerPorts([
            ["containerPort": 80], ["containerPort": 9090, "protocol": "UDP"], ["containerPort": 80],
        ])
        let service = try ExposeFixture.expose(object, .deployment)
        #expect(service.spec.ports == [
            ServicePort(name: "port-1", protocol: "TCP", port: 80, targetPort: .int(80)),
            ServicePort(name: "port-2", protocol: "UDP", port: 9090, targetPort: .int(9090)),
        ])
        // One port over two protocols: a service port per protocol.
        let dns = ExposeFixture.withContainerPorts([
            ["containerPort": 53, "protocol": "UDP"], ["containerPort": 53, "protocol": "TCP"],
        ])
        #expect(try ExposeFixture.expose(dns, .deployment).spec.ports == [
            ServicePort(name: "port-1-udp", protocol: "UDP", port: 53, targetPort: .int(53)),
            ServicePort(name: "port-1-tcp", protocol: "TCP", port: 53, targetPort: .int(53)),
        ])
        // --protocol overrides what the resource says.
        #expect(try ExposeFixture.expose(dns, .deployment, ExposeFlags(protocol: "SCTP")).spec.ports
            == [ServicePort(protocol: "SCTP", port: 53, targetPort: .int(53))])
    }

    @Test func flags_setNameTypeTargetPortClusterIPLabelsAndSelector() throws {
        let flags = ExposeFlags(
            port: "80", targetPort: "redis", name: "redis-front", type: "NodePort", selector: "app=redis",
            labels: "team=db,env=prod", clusterIP: "10.96.0.50", externalIP: "192.168.1.10",
            sessionAffinity: "ClientIP")
        let service = try ExposeFixture.expose(ExposeFixture.redis, .deployment, flags)
        #expect(service.name == "redis-front")
        #expect(service.spec.type == "NodePort" && service.spec.clusterIP == "10.96.0.50")
        #expect(service.spec.selector == ["app": "redis"])
        #expect(service.metadata.labels == ["team": "db", "env": "prod"])
        #expect(service.spec.ports == [ServicePort(protocol: "TCP", port: 80, targetPort: .string("redis"))])
        #expect(service.spec.externalIPs == ["192.168.1.10"] && service.spec.sessionAffinity == "ClientIP")
        #expect(try ExposeFixture.expose(ExposeFixture.redis, .deployment, ExposeFlags(port: "80", targetPort: "8080"))
            .spec.ports?.first?.targetPort == .int(8080))
        let balanced = try ExposeFixture.expose(
            ExposeFixture.redis, .deployment, ExposeFlags(type: "LoadBalancer", loadBalancerIP: "1.2.3.4"))
        #expect(balanced.spec.loadBalancerIP == "1.2.3.4")
    }

    @Test func badFlags_useKubectlMessages() {
        let cases: [(ExposeFlags, String)] = [
            (ExposeFlags(port: "http"), "strconv.Atoi: parsing \"http\": invalid syntax"),
            (ExposeFlags(selector: "app"), "unexpected label spec: app"),
            (ExposeFlags(selector: "=x"), "unexpected empty label key"),
            (ExposeFlags(labels: "a=b=c"), "unexpected label spec: a=b=c"),
            (ExposeFlags(sessionAffinity: "Sticky"), "unknown session affinity: Sticky"),
        ]
        for (flags, message) in cases {
            #expect(throws: ExposeError(message)) { try ExposeFixture.expose(ExposeFixture.redis, .deployment, flags) }
        }
    }

    @Test func matchExpressions_orNoMatchLabels_cannotBeExposed() throws {
        var object = ExposeFixture.redis
        object[path: ["spec", "selector", "matchExpressions"]] = [
            ["key": "tier", "operator": "In", "values": ["a", "b"]], ["key": "canary", "operator": "DoesNotExist"],
        ]
        #expect(throws: ExposeError(
            "couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - \"[{Key:tier Operator:In Values:[a b]} {Key:canary Operator:DoesNotExist Values:[]}]\" to map-based selector format"
        )) { try ExposeFixture.expose(object, .deployment) }
        // --selector makes introspection unnecessary.
        #expect(try ExposeFixture.expose(object, .deployment, ExposeFlags(selector: "app=redis")).spec.selector
            == ["app": "redis"])
        object[path: ["spec", "selector", "matchLabels"]] = nil
        #expect(throws: ExposeError(
            "couldn't retrieve selectors via --selector flag or introspection: invalid replicaset: no selectors, therefore cannot be exposed"
        )) { try ExposeFixture.expose(object, .replicaSet) }
    }

    @Test func pod_selectsByItsLabels_andCopiesThem() throws {
        let service = try ExposeFixture.expose(ExposeFixture.pod, .pod)
        #expect(service.name == "web-0")
        #expect(service.spec.selector == ["app": "web", "tier": "front"])
        #expect(service.metadata.labels == ["app": "web", "tier": "front"])
        #expect(service.spec.ports == [ServicePort(protocol: "TCP", port: 8080, targetPort: .int(8080))])
        var bare = ExposeFixture.pod
        bare[path: ["metadata", "labels"]] = nil
        #expect(throws: ExposeError(
            "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed"
        )) { try ExposeFixture.expose(bare, .pod) }
    }

    @Test func service_reusesItsSelectorAndPorts() throws {
        let service = try ExposeFixture.expose(
            ExposeFixture.service, .service, ExposeFlags(port: "443", targetPort: "8443", name: "nginx-https"))
        #expect(service.name == "nginx-https" && service.spec.selector == ["app": "nginx"])
        #expect(service.spec.ports == [ServicePort(protocol: "TCP", port: 443, targetPort: .int(8443))])
        #expect(try ExposeFixture.expose(ExposeFixture.service, .service, ExposeFlags(name: "copy")).spec.ports
            == [ServicePort(protocol: "TCP", port: 80, targetPort: .int(80))])
        var selectorless = ExposeFixture.service
        selectorless[path: ["spec", "selector"]] = nil
        #expect(throws: ExposeError(
            "couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set"
        )) { try ExposeFixture.expose(selectorless, .service) }
    }

    @Test func longNames_areCutTo63Characters() throws {
        var object = ExposeFixture.redis
        object[path: ["metadata", "name"]] = .string(String(repeating: "a", count: 70))
        #expect(try ExposeFixture.expose(object, .deployment).name == String(repeating: "a", count: 63))
    }

    @Test func kindsAndArguments_areCheckedAsKubectlDoes() throws {
        #expect(throws: ExposeError("cannot expose a Node")) { try ServiceExposer.checkExposable(.node) }
        #expect(throws: ExposeError("cannot expose a ControllerRevision.apps")) {
            try ServiceExposer.checkExposable(.controllerRevision)
        }
        #expect(throws: ExposeError("cannot expose a DaemonSet.apps")) { try ServiceExposer.checkExposable(.daemonSet) }
        for kind in [ResourceKind.deployment, .replicaSet, .service, .pod] {
            #expect(throws: Never.self) { try ServiceExposer.checkExposable(kind) }
        }
        #expect(try Expose.parseTargets(["deploy", "redis"]) == [GetQuery(kind: .deployment, names: ["redis"])])
        #expect(try Expose.parseTargets(["svc/a", "svc/b"]) == [GetQuery(kind: .service, names: ["a", "b"])])
        #expect(throws: ExposeError("resource(s) were provided, but no name was specified")) {
            try Expose.parseTargets(["deployment"])
        }
        #expect(throws: (any Error).self) { try Expose.parseTargets([]) }
    }

    @Test func encodedService_isWhatTheServerReceives() throws {
        let service = try ExposeFixture.expose(ExposeFixture.redis, .deployment, ExposeFlags(port: "6379"))
        let object = try JSONValue(encoding: service)
        #expect(object["kind"] == "Service" && object[path: ["metadata", "name"]] == "redis")
        #expect(object[path: ["spec", "ports"]] == [["port": 6379, "protocol": "TCP", "targetPort": 6379]])
        #expect(object[path: ["spec", "selector"]] == ["app": "redis", "role": "logstor"])
    }
}
