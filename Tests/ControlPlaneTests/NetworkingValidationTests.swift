import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// NetworkPolicy, Ingress and IngressClass defaults and rules, with Kubernetes' messages.
@Suite struct NetworkingValidationTests {
    static func policy(ingress: [NetworkPolicyIngressRule]? = nil, egress: [NetworkPolicyEgressRule]? = nil)
        -> NetworkPolicy
    {
        var policy = NetworkPolicy(
            metadata: ObjectMeta(name: "node-exporter", namespace: "monitoring"),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchLabels: ["app": "x"]), ingress: ingress, egress: egress))
        policy.applyDefaults()
        return policy
    }

    static func ingress(_ paths: [HTTPIngressPath], host: String? = "example.com") -> Ingress {
        Ingress(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: IngressSpec(rules: [IngressRule(host: host, http: HTTPIngressRuleValue(paths: paths))]))
    }

    static func path(_ path: String? = "/", type: String? = "Prefix", port: ServiceBackendPort? = ServiceBackendPort(number: 80))
        -> HTTPIngressPath
    {
        HTTPIngressPath(path: path, pathType: type, backend: IngressBackend(service: IngressServiceBackend(name: "web", port: port)))
    }

    @Test func policyTypes_areDerivedFromTheRules_andPortsDefaultToTCP() {
        let ingressOnly = Self.policy(ingress: [NetworkPolicyIngressRule(ports: [NetworkPolicyPort(port: .int(9100))])])
        #expect(ingressOnly.spec.policyTypes == ["Ingress"])
        #expect(ingressOnly.spec.ingress?.first?.ports?.first?.protocol == "TCP")
        #expect(Self.policy(egress: [NetworkPolicyEgressRule()]).spec.policyTypes == ["Ingress", "Egress"])
        var given = Self.policy(egress: [NetworkPolicyEgressRule()])
        given.spec.policyTypes = ["Egress"]
        given.applyDefaults()
        #expect(given.spec.policyTypes == ["Egress"])
        #expect(ingressOnly.validateCreate().isEmpty)
    }

    @Test func policyRules() {
        var policy = Self.policy(
            ingress: [NetworkPolicyIngressRule(
                ports: [
                    NetworkPolicyPort(protocol: "ICMP", port: .int(70000)), NetworkPolicyPort(port: .string("metrics"), endPort: 90),
                    NetworkPolicyPort(endPort: 90),
                ],
                from: [NetworkPolicyPeer(), NetworkPolicyPeer(podSelector: LabelSelector(), ipBlock: IPBlock(cidr: "10.0.0.0/8"))])],
            egress: [NetworkPolicyEgressRule(to: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.0/8", except: ["192.168.0.0/16", "10.1.0.0/16"]))])])
        policy.spec.policyTypes = ["Ingress", "Sideways"]
        #expect(ValidationFixtures.lines(policy.validateCreate()) == [
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"",
            "spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
            "spec.ingress[0].ports[2].endPort: Invalid value: 90: may not be specified when `port` is not specified",
            "spec.ingress[0].from[0]: Required value: must specify a peer",
            "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
            "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"192.168.0.0/16\": must be a strict subset of `cidr`",
            "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"",
        ])
    }

    @Test func ingressRules_pathTypeRequired_andBackends() {
        #expect(Self.ingress([Self.path()]).validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(Self.ingress([Self.path(type: nil)]).validateCreate()) == [
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
        ])
        #expect(ValidationFixtures.lines(Self.ingress([
            Self.path("api", type: "Exact"), Self.path("/a//b"), Self.path(type: "Regex"), Self.path(port: nil),
        ], host: "10.0.0.1").validateCreate()) == [
            "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
            "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path",
            "spec.rules[0].http.paths[1].path: Invalid value: \"/a//b\": must not contain '//'",
            "spec.rules[0].http.paths[2].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
            "spec.rules[0].http.paths[3].backend: Required value: port name or number is required",
        ])
        let empty = Ingress(metadata: ObjectMeta(name: "web", namespace: "default"))
        #expect(ValidationFixtures.lines(empty.validateCreate()) == [
            "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
        ])
        #expect(IngressHost.wildcardMessages("*.example.com").isEmpty)
        #expect(!IngressHost.wildcardMessages("foo.*.com").isEmpty)
        #expect(Self.ingress([Self.path()], host: "*.example.com").validateCreate().isEmpty)
    }

    @Test func ingressClass_scopeDefault_controllerImmutable() {
        var cls = IngressClass(
            metadata: ObjectMeta(name: "nginx"),
            spec: IngressClassSpec(
                controller: "k8s.io/ingress-nginx",
                parameters: IngressClassParametersReference(apiGroup: "k8s.example.com", kind: "IngressParameters", name: "p")))
        cls.applyDefaults()
        #expect(cls.spec.parameters?.scope == "Cluster")
        #expect(cls.validateCreate().isEmpty)
        var bad = cls
        bad.spec.controller = "nginx"
        #expect(ValidationFixtures.lines(bad.validateCreate()) == [
            "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")",
        ])
        var moved = cls
        moved.spec.controller = "example.com/other"
        #expect(ValidationFixtures.lines(moved.validateUpdate(old: cls)) == [
            "spec.controller: Invalid value: \"example.com/other\": field is immutable",
        ])
        var namespaced = cls
        namespaced.spec.parameters?.scope = "Namespace"
        #expect(ValidationFixtures.lines(namespaced.validateCreate()) == [
            "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
        ])
    }
}
