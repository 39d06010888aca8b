import Foundation
import KubeAPI
import Testing
import Wire

/// The direct JSONValue decoder and encoder agree with the text round trip through Foundation's JSONDecoder and
/// JSONEncoder (what they replace), and their errors carry the coding path that strict decoding reports.
@Suite struct JSONValueCodingTests {
    /// Decodes through JSON text, as `decode(as:)` used to.
    static func viaText<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: try value.jsonData())
    }

    /// Encodes through JSON text, as `JSONValue(encoding:)` used to.
    static func viaText<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValue(jsonData: try JSONEncoder().encode(value))
    }

    @Test func seedManifestObjects_decodeAndEncodeAsThroughText() throws {
        let documents = try APIFixtures.seedManifest()
        let deployment = try documents[0].decode(as: Deployment.self)
        #expect(try JSONValue(encoding: deployment) == Self.viaText(Self.viaText(Deployment.self, documents[0])))
        let daemonSet = try documents[1].decode(as: DaemonSet.self)
        #expect(try JSONValue(encoding: daemonSet) == Self.viaText(Self.viaText(DaemonSet.self, documents[1])))
        #expect(try JSONValue(encoding: daemonSet) == Self.viaText(daemonSet))
    }

    @Test func fullyPopulatedPod_roundTripsLikeText() throws {
        let pod = try APIFixtures.document("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: default
              labels: {app: web}
              annotations: {note: "x"}
              ownerReferences:
              - {apiVersion: apps/v1, kind: DaemonSet, name: ds, uid: u1, controller: true, blockOwnerDeletion: true}
            spec:
              nodeName: n1
              terminationGracePeriodSeconds: 30
              tolerations:
              - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
              containers:
              - name: c
                image: busybox
                command: [sh, -c, "echo hi"]
                env: [{name: A, value: "1"}]
                ports: [{containerPort: 80, protocol: TCP}]
            status:
              phase: Running
              podIP: 10.244.1.2
              containerStatuses:
              - {name: c, ready: true, restartCount: 2, image: busybox, imageID: "", started: true,
                 state: {running: {startedAt: "2026-11-25T00:00:00Z"}}}
            """)
        let decoded = try pod.decode(as: Pod.self)
        #expect(decoded == (try Self.viaText(Pod.self, pod)))
        #expect(try JSONValue(encoding: decoded) == Self.viaText(decoded))
        #expect(decoded.spec.terminationGracePeriodSeconds == 30)
    }

    @Test func scalarsAndContainers_matchFoundation() throws {
        let value: JSONValue = ["i": 3, "d": 2.5, "whole": .double(4), "s": "x", "b": true, "n": .null, "a": [1, "two"]]
        struct Shape: Codable, Equatable {
            var i: Int32
            var d: Double
            var whole: Int
            var s: String
            var b: Bool
            var n: String?
            var missing: Int?
            var a: [JSONValue]
        }
        let decoded = try value.decode(as: Shape.self)
        #expect(decoded == Shape(i: 3, d: 2.5, whole: 4, s: "x", b: true, n: nil, missing: nil, a: [1, "two"]))
        #expect(decoded == (try Self.viaText(Shape.self, value)))
        // Integral doubles encode as integers, as JSON text would parse them; nil optionals leave their key out.
        #expect(try JSONValue(encoding: decoded) == Self.viaText(decoded))
        #expect(try JSONValue(encoding: 3.0 as Double) == .int(3))
        #expect(try JSONValue(encoding: ["k": [Int8(-1)]]) == ["k": [-1]])
    }

    private struct Inner: Codable { var port: Int32 }
    private struct Outer: Codable { var items: [Inner] }

    private static func failure(_ value: JSONValue) -> StrictDecodingError? {
        let outcome = Result { try StrictDecoding.decode(Outer.self, from: value) }
        guard case .failure(let error) = outcome else { return nil }
        return error as? StrictDecodingError
    }

    @Test func errors_carryTheCodingPath() throws {
        #expect(Self.failure(["items": [["port": 1], ["port": "x"]]])?.description
            == "items[1].port: expected an integer, got a string")
        #expect(Self.failure(["items": [["port": .null]]])?.description == "items[0].port: expected an integer, got null")
        #expect(Self.failure(["items": [[:]]])?.description == "items[0].port: Required value")
        #expect(Self.failure(["items": [["port": 5_000_000_000]]])?.description
            == "items[0].port: number 5000000000 is out of range")
        #expect(Self.failure(["items": [["port": 1.5]]])?.description == "items[0].port: number 1.5 is not an integer")
        #expect(Self.failure(["items": "no"])?.description == "items: expected an array, got a string")
    }

    @Test func foundationSpecialTypes_keepJSONEncodersBehaviour() throws {
        struct Stamped: Codable, Equatable {
            var at: Date
            var blob: Data
        }
        let value = Stamped(at: Date(timeIntervalSinceReferenceDate: 12.5), blob: Data([1, 2, 3]))
        let encoded = try JSONValue(encoding: value)
        #expect(encoded == (try Self.viaText(value)))
        #expect(try encoded.decode(as: Stamped.self) == value)
    }
}
