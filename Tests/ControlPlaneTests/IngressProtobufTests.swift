import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The protobuf body `kubectl create ingress` sends (kubectl 1.32's typed client) decodes into the Ingress it means.
@Suite struct IngressProtobufTests {
    typealias PB = ProtobufObjectTests.PB

    @Test func ingress_asKubectlCreateIngressSendsIt() throws {
        // kubectl create ingress simple --rule=foo.com/bar=svc1:8080 --class=nginx: every non-pointer field is written,
        // empty ones included, as Go's generated marshaller does.
        let port = PB.string(1, "") + PB.number(2, 8080)
        let backend = PB.bytes(4, PB.string(1, "svc1") + PB.bytes(2, port))
        let path = PB.string(1, "/bar") + PB.bytes(2, backend) + PB.string(3, "Exact")
        let rule = PB.string(1, "foo.com") + PB.bytes(2, PB.bytes(1, PB.bytes(1, path)))
        let spec = PB.bytes(3, rule) + PB.string(4, "nginx")
        let status = PB.bytes(1, [])
        let body = PB.object("networking.k8s.io/v1", "Ingress", PB.bytes(1, PB.meta(name: "simple")) + PB.bytes(2, spec)
            + PB.bytes(3, status))
        let object = try ProtobufObject.json(body)
        #expect(object["apiVersion"] == "networking.k8s.io/v1" && object["kind"] == "Ingress")
        #expect(object[path: ["spec", "ingressClassName"]] == "nginx")
        #expect(object[path: ["spec", "rules"]] == [[
            "host": "foo.com",
            "http": ["paths": [["path": "/bar", "pathType": "Exact", "backend": ["service": ["name": "svc1", "port": ["number": 8080]]]]]],
        ]])
        #expect(object["status"] == ["loadBalancer": .object([:])])
        var ingress = try StrictDecoding.decode(Ingress.self, from: object)
        ingress.metadata.namespace = "default"
        #expect(ingress.validateCreate().isEmpty)
    }
}
