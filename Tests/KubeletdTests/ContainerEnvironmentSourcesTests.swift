import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite struct ContainerEnvironmentSourcesTests {
    var objects: PodObjects {
        var objects = PodObjects()
        objects.configMaps["default/cfg"] = .present(
            ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "default"), data: ["MODE": "fast", "1st": "one"]))
        objects.configMaps["default/gone"] = .missing
        objects.secrets["default/creds"] = .present(
            Secret(metadata: ObjectMeta(name: "creds", namespace: "default"), data: ["password": "czNjcjN0"]))
        objects.secrets["default/locked"] = .failed(
            "secrets \"locked\" is forbidden: User \"system:node:n1\" cannot get resource \"secrets\"")
        return objects
    }

    func context(_ objects: PodObjects? = nil) -> PodEnvironmentContext {
        PodEnvironmentContext(
            hostIP: "172.18.0.2", podIP: "10.244.1.2", serviceEnvironment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1"],
            objects: objects ?? self.objects, allocatable: ["cpu": "2", "memory": "8145260Ki"])
    }

    func resolve(_ container: Container, _ objects: PodObjects? = nil)
        -> (environment: [String: String], notes: [String], problem: ConfigProblem?)
    {
        let pod = Fixture.pod("web", containers: [container])
        return ContainerEnvironment.resolve(pod: pod, container: container, context: context(objects))
    }

    static func keyRef(_ kind: String, _ name: String, _ key: String, optional: Bool? = nil) -> JSONValue {
        var selector: JSONValue = ["name": .string(name), "key": .string(key)]
        if let optional { selector[path: ["optional"]] = .bool(optional) }
        return .object([kind: selector])
    }

    @Test func envFrom_prefixesKeys_andEnvOverridesIt() {
        var container = Container(name: "app", env: [
            EnvVar(name: "MODE", value: "slow"), EnvVar(name: "COPY", value: "$(CFG_MODE)-$(MODE)"),
        ])
        container.envFrom = [
            ["configMapRef": ["name": "cfg"], "prefix": "CFG_"], ["secretRef": ["name": "creds"]],
            ["configMapRef": ["name": "cfg"]],
        ]
        let resolved = resolve(container)
        #expect(resolved.problem == nil)
        #expect(resolved.environment["CFG_MODE"] == "fast")
        #expect(resolved.environment["CFG_1st"] == "one")
        #expect(resolved.environment["1st"] == "one")
        #expect(resolved.environment["password"] == "s3cr3t")
        #expect(resolved.environment["MODE"] == "slow")
        #expect(resolved.environment["COPY"] == "fast-slow")
        #expect(resolved.environment["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
    }

    @Test func keyRefs_resolve_andOptionalAbsencesLeaveTheVariableUnset() {
        let container = Container(name: "app", env: [
            EnvVar(name: "MODE", valueFrom: Self.keyRef("configMapKeyRef", "cfg", "MODE")),
            EnvVar(name: "PASSWORD", valueFrom: Self.keyRef("secretKeyRef", "creds", "password")),
            EnvVar(name: "NOKEY", valueFrom: Self.keyRef("configMapKeyRef", "cfg", "nope", optional: true)),
            EnvVar(name: "NOMAP", valueFrom: Self.keyRef("configMapKeyRef", "gone", "x", optional: true)),
        ])
        let resolved = resolve(container)
        #expect(resolved.problem == nil)
        #expect(resolved.environment["MODE"] == "fast")
        #expect(resolved.environment["PASSWORD"] == "s3cr3t")
        #expect(resolved.environment["NOKEY"] == nil)
        #expect(resolved.environment["NOMAP"] == nil)
    }

    @Test func missingObjectsAndKeys_areKubernetesErrors_inTheOrderTheKubeletMeetsThem() {
        func problem(_ env: [EnvVar], envFrom: [JSONValue]? = nil) -> ConfigProblem? {
            var container = Container(name: "app", env: env)
            container.envFrom = envFrom
            return resolve(container).problem
        }
        #expect(problem([EnvVar(name: "A", valueFrom: Self.keyRef("configMapKeyRef", "gone", "x"))])
            == .error("configmap \"gone\" not found"))
        #expect(problem([EnvVar(name: "A", valueFrom: Self.keyRef("configMapKeyRef", "cfg", "x"))])
            == .error("couldn't find key x in ConfigMap default/cfg"))
        #expect(problem([EnvVar(name: "A", valueFrom: Self.keyRef("secretKeyRef", "creds", "user"))])
            == .error("couldn't find key user in Secret default/creds"))
        #expect(problem([EnvVar(name: "A", valueFrom: Self.keyRef("secretKeyRef", "nosuch", "user"))])
            == .notYetRead)
        #expect(problem([EnvVar(name: "A", valueFrom: Self.keyRef("secretKeyRef", "locked", "k"))])
            == .error("secrets \"locked\" is forbidden: User \"system:node:n1\" cannot get resource \"secrets\""))
        // envFrom comes first.
        #expect(
            problem(
                [EnvVar(name: "A", valueFrom: Self.keyRef("configMapKeyRef", "cfg", "x"))],
                envFrom: [["secretRef": ["name": "absent"]]]) == .notYetRead)
        var missingSecret = objects
        missingSecret.secrets["default/absent"] = .missing
        var container = Container(name: "app")
        container.envFrom = [["secretRef": ["name": "absent"]]]
        #expect(resolve(container, missingSecret).problem == .error("secret \"absent\" not found"))
        container.envFrom = [["secretRef": ["name": "absent", "optional": true]]]
        #expect(resolve(container, missingSecret).problem == nil)
    }

    @Test func problem_isOnlyComputedForContainersNamingObjects() {
        let pod = Fixture.pod("web", containers: [])
        let plain = Container(name: "app", env: [EnvVar(name: "A", value: "1")])
        #expect(ContainerEnvironment.problem(pod: pod, container: plain, context: context(PodObjects())) == nil)
        let naming = Container(name: "app", env: [EnvVar(name: "A", valueFrom: Self.keyRef("configMapKeyRef", "x", "k"))])
        #expect(ContainerEnvironment.problem(pod: pod, container: naming, context: context(PodObjects())) == .notYetRead)
    }

    @Test func resourceFieldRef_dividesAndRoundsUp_limitsDefaultToAllocatable() {
        func value(_ resource: String, divisor: String? = nil, resources: JSONValue? = nil) -> String? {
            var selector: JSONValue = ["resource": .string(resource)]
            if let divisor { selector[path: ["divisor"]] = .string(divisor) }
            let container = Container(
                name: "app", env: [EnvVar(name: "V", valueFrom: ["resourceFieldRef": selector])], resources: resources)
            return resolve(container).environment["V"]
        }
        let resources: JSONValue = ["limits": ["cpu": "500m", "memory": "100Mi"], "requests": ["cpu": "250m"]]
        #expect(value("limits.cpu", resources: resources) == "1")
        #expect(value("limits.cpu", divisor: "1m", resources: resources) == "500")
        #expect(value("requests.cpu", divisor: "1m", resources: resources) == "250")
        #expect(value("limits.memory", divisor: "1Mi", resources: resources) == "100")
        #expect(value("limits.memory", resources: resources) == "104857600")
        #expect(value("requests.memory", resources: resources) == "0")
        #expect(value("limits.cpu") == "2")
        #expect(value("limits.memory", divisor: "1Mi") == "7955")
        #expect(value("limits.memory", divisor: "1Gi") == "8")
    }

    @Test func quantities() {
        #expect(ResourceFieldValue.quantity("100m") == Decimal(string: "0.1"))
        #expect(ResourceFieldValue.quantity("1.5Gi") == Decimal(1_610_612_736))
        #expect(ResourceFieldValue.quantity("1e3") == Decimal(1000))
        #expect(ResourceFieldValue.quantity("2k") == Decimal(2000))
        #expect(ResourceFieldValue.quantity("12Q") == nil)
    }
}
