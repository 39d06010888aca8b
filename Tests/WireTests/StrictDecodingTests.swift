import Foundation
import KubeAPI
import Testing
import Wire

@Suite struct StrictDecodingTests {
    private func seedDaemonSet() throws -> JSONValue {
        try APIFixtures.seedManifest()[1]
    }

    private func error<R: Codable>(decoding json: JSONValue, as type: R.Type) -> StrictDecodingError? {
        do {
            _ = try StrictDecoding.decode(type, from: json)
            return nil
        } catch let error as StrictDecodingError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func unknownSpecField_givesKubernetesMessage() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["foo"] = "bar"
        let failure = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(failure.description == #"strict decoding error: unknown field "spec.foo""#)
        #expect(failure == .unknownFields(["spec.foo"]))
    }

    @Test func unknownFieldInsideArrayElement_namesTheIndex() throws {
        let manifest = try APIFixtures.document("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: ds}
            spec:
              selector: {matchLabels: {app: a}}
              template:
                metadata: {labels: {app: a}}
                spec:
                  containers:
                  - {name: a, image: a}
                  - name: b
                    image: b
                    imagePullPolicyy: Always
                    ports: [{containerPort: 80, protocl: TCP}]
            """)
        let failure = try #require(error(decoding: manifest, as: DaemonSet.self))
        #expect(failure.description == """
            strict decoding error: unknown field "spec.template.spec.containers[1].imagePullPolicyy", \
            unknown field "spec.template.spec.containers[1].ports[0].protocl"
            """)
    }

    @Test func severalUnknownFields_areSortedAndJoined() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["zeta"] = 1
        ds["metadata"]?["labelz"] = ["a": "b"]
        ds["extra"] = [:]
        let failure = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(failure.description == """
            strict decoding error: unknown field "extra", unknown field "metadata.labelz", unknown field "spec.zeta"
            """)
    }

    @Test func nullValuedUnknownField_isIgnored() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["foo"] = nil as JSONValue
        ds["metadata"]?["creationTimestamp"] = nil as JSONValue
        #expect(throws: Never.self) { try StrictDecoding.decode(DaemonSet.self, from: ds) }
    }

    @Test func fieldsInsideOpaqueSubtrees_areKept() throws {
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
            "spec": [
                "containers": [["name": "c", "image": "i", "livenessProbe": ["anything": ["goes": true]]]],
                "volumes": [["name": "v", "futureVolumeSource": ["x": 1]]],
            ],
        ]
        let decoded = try StrictDecoding.decode(Pod.self, from: pod)
        #expect(decoded.spec.volumes == [["name": "v", "futureVolumeSource": ["x": 1]]])
    }

    @Test func warnMode_returnsValueAndUnknownFields() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["foo"] = 1
        let (value, unknown) = try StrictDecoding.decodeReportingUnknownFields(DaemonSet.self, from: ds)
        #expect(value.name == "filebeat-ds")
        #expect(unknown == ["spec.foo"])
    }

    @Test func unknownFields_comparesArraysIndexByIndex() {
        let input: JSONValue = ["a": [["x": 1], ["x": 1, "y": 2]], "b": ["c": nil]]
        let output: JSONValue = ["a": [["x": 1], ["x": 1]], "b": [:]]
        #expect(StrictDecoding.unknownFields(in: input, keptIn: output) == ["a[1].y"])
    }

    @Test func stringForInteger_namesTheField() throws {
        var deploy = try APIFixtures.seedManifest()[0]
        deploy["spec"]?["replicas"] = "3"
        let failure = try #require(error(decoding: deploy, as: Deployment.self))
        #expect(failure.description == "spec.replicas: expected an integer, got a string")
    }

    @Test func objectForArray_namesTheNestedField() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["template"]?["spec"]?["containers"] = ["name": "x"]
        let failure = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(failure.description == "spec.template.spec.containers: expected an array, got an object")
    }

    @Test func wrongTypeInsideArray_namesTheIndex() throws {
        var ds = try seedDaemonSet()
        ds["spec"]?["template"]?["spec"]?["containers"] = [["name": "x", "ports": [["containerPort": true]]]]
        let failure = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(failure.description
            == "spec.template.spec.containers[0].ports[0].containerPort: expected an integer, got a boolean")
    }

    @Test func outOfRangeInteger_isInvalid() throws {
        var deploy = try APIFixtures.seedManifest()[0]
        deploy["spec"]?["replicas"] = 3_000_000_000
        let failure = try #require(error(decoding: deploy, as: Deployment.self))
        #expect(failure == .invalidValue(field: "spec.replicas", detail: "number 3000000000 is out of range"))

        var ds = try seedDaemonSet()
        ds["spec"]?["template"]?["spec"]?["containers"] = [["name": "x", "ports": [["containerPort": 80.5]]]]
        let fraction = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(fraction.description == "spec.template.spec.containers[0].ports[0].containerPort: number 80.5 is not an integer")
    }

    @Test func largeNumberInInt64Field_isAccepted() throws {
        var ds = try seedDaemonSet()
        ds["metadata"]?["generation"] = 5_000_000_000
        #expect(try StrictDecoding.decode(DaemonSet.self, from: ds).metadata.generation == 5_000_000_000)
    }

    @Test func missingRequiredField_isRequiredValue() throws {
        var ds = try seedDaemonSet()
        ds["metadata"]?["ownerReferences"] = [["apiVersion": "v1", "kind": "X", "name": "x"]]
        let failure = try #require(error(decoding: ds, as: DaemonSet.self))
        #expect(failure.description == "metadata.ownerReferences[0].uid: Required value")
    }

    @Test func decodingFromData_parsesThenDecodesStrictly() throws {
        let good = Data(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev"}}"#.utf8)
        #expect(try StrictDecoding.decode(Namespace.self, from: good).name == "dev")
        let bad = Data(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev","nam":"x"}}"#.utf8)
        #expect(throws: StrictDecodingError.unknownFields(["metadata.nam"])) {
            try StrictDecoding.decode(Namespace.self, from: bad)
        }
    }
}
