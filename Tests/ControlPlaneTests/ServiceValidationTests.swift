import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Service rules, on what `kubectl expose deployment redis --port=6379` creates.
@Suite struct ServiceValidationTests {
    private func errors(_ edit: (inout ServiceObject) -> Void) -> [String] {
        ValidationFixtures.lines(ValidationFixtures.service(edit).validateCreate())
    }

    @Test func exposedRedis_isValid() {
        #expect(ValidationFixtures.service().validateCreate().isEmpty)
        #expect(ValidationFixtures.service { $0.spec.clusterIP = "10.96.0.10" }.validateCreate().isEmpty)
    }

    @Test func portsRequiredUnlessHeadlessOrExternalName() {
        #expect(errors { $0.spec.ports = nil } == ["spec.ports: Required value"])
        #expect(errors {
            $0.spec.ports = nil
            $0.spec.clusterIP = "None"
        }.isEmpty)
        #expect(errors {
            $0.spec.ports = nil
            $0.spec.type = "ExternalName"
            $0.spec.externalName = "redis.example.com."
        }.isEmpty)
        #expect(errors {
            $0.spec.ports = nil
            $0.spec.type = "ExternalName"
        } == ["spec.externalName: Required value"])
    }

    @Test func portRules() {
        #expect(errors { $0.spec.ports = [ServicePort(port: 70000, targetPort: .int(6379))] } == [
            "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
        ])
        #expect(errors {
            $0.spec.ports = [ServicePort(name: "redis", port: 6379), ServicePort(name: "redis", port: 6380)]
        } == [#"spec.ports[1].name: Duplicate value: "redis""#])
        #expect(errors { $0.spec.ports = [ServicePort(port: 6379), ServicePort(name: "b", port: 6380)] } == [
            "spec.ports[0].name: Required value",
        ])
        #expect(errors { $0.spec.ports = [ServicePort(name: "Redis", port: 6379)] }.first?
            .hasPrefix(#"spec.ports[0].name: Invalid value: "Redis": a lowercase RFC 1123 label"#) == true)
        #expect(errors { $0.spec.ports = [ServicePort(protocol: "ICMP", port: 6379)] } == [
            #"spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP""#,
        ])
        #expect(errors { $0.spec.ports = [ServicePort(port: 6379, targetPort: .string("redis--port"))] } == [
            #"spec.ports[0].targetPort: Invalid value: "redis--port": must not contain consecutive hyphens"#,
        ])
        #expect(errors { $0.spec.ports = [ServicePort(port: 6379, targetPort: .string("redis"))] }.isEmpty)
        #expect(errors { $0.spec.ports = [ServicePort(port: 6379), ServicePort(name: "b", port: 6379)] }
            .contains { $0.hasPrefix(#"spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP""#) })
    }

    @Test func nodePorts() {
        #expect(errors { $0.spec.ports = [ServicePort(port: 6379, nodePort: 30080)] } == [
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
        ])
        #expect(errors {
            $0.spec.type = "NodePort"
            $0.spec.ports = [ServicePort(port: 6379, nodePort: 80)]
        } == ["spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"])
        #expect(errors {
            $0.spec.type = "NodePort"
            $0.spec.ports = [ServicePort(port: 6379, nodePort: 30080)]
        }.isEmpty)
    }

    @Test func nameTypeAndClusterIP() {
        #expect(errors { $0.metadata.name = "1redis" } == [
            #"metadata.name: Invalid value: "1redis": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
        ])
        #expect(errors { $0.spec.type = "Bogus" } == [
            #"spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#,
        ])
        #expect(errors { $0.spec.clusterIP = "abc" } == [
            #"spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
        ])
        #expect(errors {
            $0.spec.type = "NodePort"
            $0.spec.clusterIP = "None"
        } == [#"spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services"#])
        #expect(errors { $0.spec.selector = ["app": "redis server"] }.first?
            .hasPrefix(#"spec.selector: Invalid value: "redis server": a valid label must"#) == true)
    }

    @Test func clusterIPIsImmutable() {
        let old = ValidationFixtures.service { $0.spec.clusterIP = "10.96.0.5" }
        let moved = ValidationFixtures.service { $0.spec.clusterIP = "10.96.0.6" }
        #expect(ValidationFixtures.lines(moved.validateUpdate(old: old)) == [
            #"spec.clusterIP: Invalid value: "10.96.0.6": field is immutable"#,
        ])
        #expect(ValidationFixtures.service().validateUpdate(old: old).isEmpty)
        let retargeted = ValidationFixtures.service {
            $0.spec.clusterIP = "10.96.0.5"
            $0.spec.ports = [ServicePort(port: 6379, targetPort: .string("redis"))]
        }
        #expect(retargeted.validateUpdate(old: old).isEmpty)
    }
}
