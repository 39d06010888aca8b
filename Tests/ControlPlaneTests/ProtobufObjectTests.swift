import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// Kubernetes protobuf bodies (what kubectl 1.32's `create deployment|configmap|secret|service|namespace` send) read
/// as the JSON objects they stand for: zero scalars of non-pointer fields left out, pointer fields' zeros kept,
/// embedded structs inlined, maps, IntOrString, Quantity, Time; the schema table parses whole. Pure.
@Suite struct ProtobufObjectTests {
    /// Protobuf wire encoding as Go's generated marshallers write Kubernetes objects (every non-pointer field).
    enum PB {
        static func varint(_ value: UInt64) -> [UInt8] {
            var value = value
            var bytes: [UInt8] = []
            repeat {
                bytes.append(UInt8(value & 0x7F) | (value > 0x7F ? 0x80 : 0))
                value >>= 7
            } while value > 0
            return bytes
        }
        static func bytes(_ number: Int, _ content: [UInt8]) -> [UInt8] {
            varint(UInt64(number << 3 | 2)) + varint(UInt64(content.count)) + content
        }
        static func string(_ number: Int, _ text: String) -> [UInt8] { bytes(number, Array(text.utf8)) }
        static func number(_ number: Int, _ value: Int64) -> [UInt8] {
            varint(UInt64(number << 3)) + varint(UInt64(bitPattern: value))
        }
        static func entry(_ number: Int, _ key: String, _ value: String) -> [UInt8] {
            bytes(number, string(1, key) + string(2, value))
        }
        /// `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding, contentType}.
        static func object(_ apiVersion: String, _ kind: String, _ raw: [UInt8]) -> [UInt8] {
            ProtobufReader.kubernetesMagic + bytes(1, string(1, apiVersion) + string(2, kind)) + bytes(2, raw)
                + string(3, "") + string(4, "")
        }
        /// ObjectMeta with `name`, `labels` and every other non-pointer field at its zero (creationTimestamp: an
        /// empty Time).
        static func meta(name: String, labels: [String: String] = [:]) -> [UInt8] {
            string(1, name) + string(2, "") + string(3, "") + string(4, "") + string(5, "") + string(6, "")
                + number(7, 0) + bytes(8, []) + labels.sorted { $0.key < $1.key }.flatMap { entry(11, $0.key, $0.value) }
        }
    }

    /// `kubectl create deployment web --image=nginx --port=80 --replicas=0`.
    static let deployment: [UInt8] = {
        let port = PB.string(1, "") + PB.number(2, 0) + PB.number(3, 80) + PB.string(4, "") + PB.string(5, "")
        let container = PB.string(1, "nginx") + PB.string(2, "nginx") + PB.bytes(6, port) + PB.bytes(8, [])
            + PB.string(13, "") + PB.number(16, 0)
        let podSpec = PB.bytes(2, container) + PB.string(3, "")
        let template = PB.bytes(1, PB.meta(name: "", labels: ["app": "web"])) + PB.bytes(2, podSpec)
        let spec = PB.number(1, 0) + PB.bytes(2, PB.entry(1, "app", "web")) + PB.bytes(3, template)
            + PB.bytes(4, []) + PB.number(5, 0) + PB.number(7, 0)
        let deployment = PB.bytes(1, PB.meta(name: "web", labels: ["app": "web"])) + PB.bytes(2, spec) + PB.bytes(3, [])
        return PB.object("apps/v1", "Deployment", deployment)
    }()

    @Test func deployment_asKubectlCreateSendsIt() throws {
        let object = try ProtobufObject.json(Self.deployment)
        #expect(object["apiVersion"] == "apps/v1" && object["kind"] == "Deployment")
        #expect(object["metadata"] == ["name": "web", "labels": ["app": "web"]])
        // replicas is a pointer: its 0 was set and stays; minReadySeconds and paused are not and go.
        #expect(object[path: ["spec", "replicas"]] == 0)
        #expect(object[path: ["spec", "minReadySeconds"]] == nil && object[path: ["spec", "paused"]] == nil)
        #expect(object[path: ["spec", "selector"]] == ["matchLabels": ["app": "web"]])
        #expect(object[path: ["spec", "strategy"]] == .object([:]) && object["status"] == .object([:]))
        #expect(object[path: ["spec", "template", "metadata"]] == ["labels": ["app": "web"]])
        let containers = object[path: ["spec", "template", "spec", "containers"]]
        #expect(containers == [["name": "nginx", "image": "nginx", "ports": [["containerPort": 80]], "resources": .object([:])]])
        // Repeated messages accumulate: two containers fields are two elements.
        let twice = PB.object("v1", "Pod", PB.bytes(2, PB.bytes(2, PB.string(1, "a")) + PB.bytes(2, PB.string(1, "b"))))
        #expect(try ProtobufObject.json(twice)[path: ["spec", "containers"]] == [["name": "a"], ["name": "b"]])
    }

    @Test func configMapsSecretsAndServices_mapsBytesIntOrStringAndInlinedStructs() throws {
        let configMap = PB.bytes(1, PB.meta(name: "c")) + PB.entry(2, "k", "v") + PB.entry(2, "e", "")
            + PB.bytes(3, PB.string(1, "bin") + PB.bytes(2, [0, 1, 2]))
        let decoded = try ProtobufObject.json(PB.object("v1", "ConfigMap", configMap))
        #expect(decoded == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"],
                            "data": ["k": "v", "e": ""], "binaryData": ["bin": "AAEC"]])

        let secret = PB.bytes(1, PB.meta(name: "s")) + PB.bytes(2, PB.string(1, "p") + PB.bytes(2, Array("q".utf8)))
            + PB.string(3, "Opaque")
        #expect(try ProtobufObject.json(PB.object("v1", "Secret", secret))["data"] == ["p": "cQ=="])

        let numbered = PB.number(1, 0) + PB.number(2, 8080)
        let named = PB.number(1, 1) + PB.number(2, 0) + PB.string(3, "http")
        let ports = PB.bytes(1, PB.string(1, "a") + PB.string(2, "TCP") + PB.number(3, 80) + PB.bytes(4, numbered))
            + PB.bytes(1, PB.string(1, "b") + PB.string(2, "TCP") + PB.number(3, 81) + PB.bytes(4, named))
        let service = PB.bytes(1, PB.meta(name: "svc")) + PB.bytes(2, ports + PB.string(3, "") + PB.string(4, "NodePort"))
        let svc = try ProtobufObject.json(PB.object("v1", "Service", service))
        #expect(svc[path: ["spec", "ports"]] == [["name": "a", "protocol": "TCP", "port": 80, "targetPort": 8080],
                                                 ["name": "b", "protocol": "TCP", "port": 81, "targetPort": "http"]])
        #expect(svc[path: ["spec", "type"]] == "NodePort" && svc[path: ["spec", "clusterIP"]] == nil)

        // An env var from a ConfigMap key: LocalObjectReference is embedded, so its name sits beside key.
        let keyRef = PB.bytes(1, PB.string(1, "cfg")) + PB.string(2, "k")
        let env = PB.string(1, "E") + PB.string(2, "") + PB.bytes(3, PB.bytes(3, keyRef))
        let limits = PB.bytes(1, PB.string(1, "cpu") + PB.bytes(2, PB.string(1, "500m")))
        let created = PB.bytes(8, PB.number(1, 1_700_000_000) + PB.number(2, 0))
        let pod = PB.bytes(1, PB.meta(name: "p") + created)
            + PB.bytes(2, PB.bytes(2, PB.string(1, "c") + PB.bytes(7, env) + PB.bytes(8, limits)))
        let decodedPod = try ProtobufObject.json(PB.object("v1", "Pod", pod))
        let container = decodedPod[path: ["spec", "containers"]]?.arrayValue?.first
        #expect(container?["env"] == [["name": "E", "valueFrom": ["configMapKeyRef": ["name": "cfg", "key": "k"]]]])
        #expect(container?["resources"] == ["limits": ["cpu": "500m"]])
        #expect(decodedPod[path: ["metadata", "creationTimestamp"]] == "2023-11-14T22:13:20Z")
    }

    @Test func unknownKinds_unknownFields_andBrokenBodies_areRefused() {
        func failure(_ body: [UInt8]) -> ProtobufObject.Undecodable? {
            do { _ = try ProtobufObject.json(body); return nil } catch { return error as? ProtobufObject.Undecodable }
        }
        #expect(failure(PB.object("autoscaling/v2", "HorizontalPodAutoscaler", []))?.unknownKind == "HorizontalPodAutoscaler")
        #expect(failure(PB.object("v1", "ObjectMeta", []))?.unknownKind == "ObjectMeta")
        #expect(failure(Array("{}".utf8))?.unknownKind == "")
        let unknownField = failure(PB.object("v1", "ConfigMap", PB.string(99, "x")))
        #expect(unknownField?.unknownKind == nil && unknownField?.description == "field 99 of ConfigMap is not known to this server")
        #expect(failure(PB.object("v1", "ConfigMap", [])) == nil)
        let typeMeta = PB.bytes(1, PB.string(1, "v1") + PB.string(2, "ConfigMap"))
        let truncated = ProtobufReader.kubernetesMagic + typeMeta + PB.bytes(2, PB.bytes(1, PB.meta(name: "c"))).dropLast(2)
        #expect(failure(truncated)?.description == "truncated protobuf message")
        let wrongType = failure(PB.object("v1", "ConfigMap", PB.number(1, 5)))
        #expect(wrongType?.description.hasPrefix("a field of ConfigMap has the wrong wire type") == true)
    }

    @Test func translator_createsFromProtobuf_andAnswers415ForWhatItCannotRead() throws {
        let target = RESTTarget(kind: .deployment, namespace: "default", name: nil, subresource: nil)
        let operation = try RESTTranslator.operation(
            method: "POST", target: target, query: RESTQuery(parsing: "fieldManager=kubectl-create&fieldValidation=Strict"),
            contentType: "application/vnd.kubernetes.protobuf", body: Self.deployment)
        guard case .call(let request) = operation else { Issue.record("not a call: \(operation)"); return }
        #expect(request.verb == .create && request.object?[path: ["metadata", "name"]] == "web")
        #expect(throws: RESTErrors.unsupportedMediaType()) {
            try RESTTranslator.operation(
                method: "POST", target: target, query: RESTQuery(parsing: ""),
                contentType: "application/vnd.kubernetes.protobuf",
                body: PB.object("autoscaling/v2", "HorizontalPodAutoscaler", []))
        }
        #expect(throws: Status.self) {
            try RESTTranslator.operation(
                method: "POST", target: target, query: RESTQuery(parsing: ""),
                contentType: "application/vnd.kubernetes.protobuf", body: PB.object("v1", "ConfigMap", PB.string(99, "x")))
        }
    }

    @Test func schemaTable_parsesWhole_andEveryMessageItNamesIsDescribed() {
        let messages = ProtobufSchema.messages
        let table = ProtobufSchema.table + "\n" + ProtobufSchema.networkingTable + "\n" + ProtobufSchema.rbacTable + "\n" + ProtobufSchema.batchTable
        #expect(messages.count == table.split(separator: "\n").filter { !$0.hasPrefix(" ") }.count)
        let specs = table.split(separator: "\n")
            .map { $0.hasPrefix(" ") ? Substring($0) : $0.drop { $0 != ":" }.dropFirst() }
            .flatMap { $0.split(separator: ";") }
        #expect(messages.values.map(\.count).reduce(0, +) == specs.count)
        for (name, fields) in messages {
            for field in fields.values {
                if case .message(let inner) = field.type { #expect(messages[inner] != nil, "\(name).\(field.name) → \(inner)") }
            }
        }
        #expect(ProtobufSchema.objectKinds.allSatisfy { messages[$0] != nil })
        #expect(messages["DeploymentSpec"]?[1] == ProtobufSchema.Field(name: "replicas", type: .int32, shape: .single, keepsZero: true))
        #expect(messages["Volume"]?[2]?.shape == .inline)
    }
}
