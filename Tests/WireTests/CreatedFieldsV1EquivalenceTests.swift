import Foundation
@testable import KubeAPI
import TestSupport
import Testing

/// A create's managedFields written straight in `FieldsV1` form (``FieldSets/fieldsV1(ofObject:kind:style:)``, one
/// pass over the object) against the computation it replaced: the ``FieldSet`` of the object
/// (``FieldSets/fields(ofObject:kind:style:)``) and its ``FieldSet/fieldsV1``, and the entry ``ManagedFieldsEntry``
/// writes for it. On hand-made objects of the built-in kinds and on many generated ones whose field names hit every
/// shape the schema knows.
@Suite("A create's FieldsV1 in one pass")
struct CreatedFieldsV1EquivalenceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func writer(_ kind: String, _ apiVersion: String = "v1", manager: String = "kctl", subresource: String? = nil)
        -> FieldOwnership.Writer
    {
        FieldOwnership.Writer(manager: manager, subresource: subresource, kind: kind, apiVersion: apiVersion, now: now)
    }

    /// The one-pass FieldsV1 must be the old set's, in both styles, and a create must record exactly the entry the old
    /// computation made (none for an object without tracked fields); answers the recorded object.
    @discardableResult
    static func expectSame(_ object: JSONValue, _ writer: FieldOwnership.Writer, sourceLocation: SourceLocation = #_sourceLocation)
        -> JSONValue
    {
        let tracked = ApplySchema.trackedPart(of: object, subresource: writer.subresource)
        for style in [FieldSets.Style.created, .applied] {
            let set = FieldSets.fields(ofObject: tracked, kind: writer.kind, style: style)
            let onePass = FieldSets.fieldsV1(ofObject: tracked, kind: writer.kind, style: style)
            #expect(onePass == set.fieldsV1, "\(style): \(object.jsonString())", sourceLocation: sourceLocation)
        }
        let recorded = FieldOwnership.recordUpdate(old: nil, new: object, writer: writer)
        guard object[path: ["metadata", "managedFields"]] == nil else { return recorded }
        let set = FieldSets.fields(ofObject: tracked, kind: writer.kind, style: .created)
        var expected = object
        if !set.isEmpty {
            let entry = ManagedFieldsEntry(
                manager: writer.manager, operation: .update, apiVersion: writer.apiVersion,
                time: ManagedFieldsEntry.timeText(writer.now), fields: set, subresource: writer.subresource)
            expected[path: ["metadata", "managedFields"]] = [entry.json]
        }
        #expect(recorded == expected, "\(object.jsonString())", sourceLocation: sourceLocation)
        return recorded
    }

    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
            "name": "web-0", "namespace": "default", "uid": "u", "resourceVersion": "5", "creationTimestamp": "t",
            "generateName": "web-", "labels": ["app": "web", "pod-template-hash": "abc"], "annotations": [:],
            "finalizers": ["a", "b"],
            "ownerReferences": [[
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web", "uid": "rs", "controller": true,
            ]],
        ],
        "spec": [
            "containers": [
                [
                    "name": "app", "image": "nginx", "args": ["-g", "daemon off;"], "resources": [:],
                    "ports": [["containerPort": 80], ["containerPort": 53, "protocol": "UDP", "name": "dns"]],
                    "env": [["name": "A", "value": "1"], ["name": "B", "valueFrom": ["fieldRef": ["fieldPath": "x"]]]],
                    "volumeMounts": [["name": "data", "mountPath": "/data"]],
                    "resources2": ["limits": ["cpu": "1"], "requests": [:]],
                ],
                ["name": "sidecar", "image": "busybox", "ports": [["name": "no-port"]]],
            ],
            "volumes": [["name": "data", "emptyDir": [:]]],
            "tolerations": [["key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]],
            "nodeSelector": ["disk": "ssd"], "restartPolicy": "Always", "terminationGracePeriodSeconds": 30,
            "affinity": ["podAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [[
                "labelSelector": ["matchLabels": ["app": "db"]], "topologyKey": "zone",
            ]]]],
        ],
        "status": ["phase": "Pending", "conditions": [["type": "PodScheduled", "status": "True"]]],
    ]

    @Test func aPod_isRecordedAsTheDiffAgainstNothingRecordsIt() throws {
        let recorded = Self.expectSame(Self.pod, Self.writer("Pod"))
        let entries = FieldOwnership.entries(of: recorded)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.manager == "kctl" && entry.operation == .update && entry.apiVersion == "v1")
        #expect(entry.time == "2027-01-15T08:00:00Z")
        #expect(entry.fields.contains([.field("metadata"), .field("labels")]))
        #expect(entry.fields.contains([.field("spec"), .field("containers"), .key(["name": "app"]), .field("ports"),
                                       .key(["containerPort": 53, "protocol": "UDP"]), .field("name")]))
        #expect(entry.fields.contains([.field("metadata"), .field("finalizers"), .value("b")]))
        #expect(!entry.fields.hasMember(atOrUnder: [.field("status")]))
        #expect(!entry.fields.hasMember(atOrUnder: [.field("metadata"), .field("uid")]))
    }

    @Test func otherKinds_statusWrites_andObjectsWithNothingTracked() throws {
        let service: JSONValue = [
            "metadata": ["name": "s"],
            "spec": ["selector": ["app": "web"], "ports": [["port": 80], ["port": 80, "protocol": "UDP"], ["name": "x"]]],
        ]
        Self.expectSame(service, Self.writer("Service"))
        let deployment: JSONValue = [
            "metadata": ["name": "d", "labels": ["a": "b"]],
            "spec": ["replicas": 2, "selector": ["matchLabels": ["a": "b"]], "template": [
                "metadata": ["labels": ["a": "b"]], "spec": ["containers": [["name": "c", "image": "i"]]],
            ]],
        ]
        Self.expectSame(deployment, Self.writer("Deployment", "apps/v1"))
        Self.expectSame(["metadata": ["name": "c"], "data": ["k": "v"], "binaryData": [:]], Self.writer("ConfigMap"))
        let status = Self.expectSame(Self.pod, Self.writer("Pod", manager: "kubelet", subresource: "status"))
        #expect(FieldOwnership.entries(of: status).first?.subresource == "status")
        // Only what the server keeps: no entry at all, and the object as it was.
        let bare: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "n", "uid": "u"]]
        #expect(Self.expectSame(bare, Self.writer("Namespace")) == bare)
        #expect(Self.expectSame(.string("not an object"), Self.writer("Pod")) == .string("not an object"))
    }

    @Test func managedFieldsTheClientSet_areClearedOrKept() throws {
        var cleared = Self.pod
        cleared[path: ["metadata", "managedFields"]] = []
        #expect(Self.expectSame(cleared, Self.writer("Pod"))[path: ["metadata", "managedFields"]] == nil)
        var own = Self.pod
        own[path: ["metadata", "managedFields"]] = [[
            "manager": "other", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1",
            "fieldsV1": ["f:spec": ["f:hostname": [:], "f:restartPolicy": [:]]],
        ]]
        let recorded = Self.expectSame(own, Self.writer("Pod"))
        #expect(FieldOwnership.entries(of: recorded).map(\.manager) == ["other", "kctl"])
    }

    // MARK: - Generated objects

    typealias Generator = SeededGenerator

    /// Names that select every shape: keyed lists (and their key fields), set lists, atomic and free-form maps.
    static let names = [
        "containers", "initContainers", "ports", "env", "volumes", "volumeMounts", "finalizers", "ownerReferences",
        "conditions", "tolerations", "args", "labels", "annotations", "selector", "matchLabels", "labelSelector",
        "nodeSelector", "data", "limits", "requests", "name", "uid", "type", "containerPort", "port", "protocol",
        "mountPath", "image", "spec", "template", "metadata", "status", "x", "y", "namespace", "managedFieldsX",
    ]

    static func value(_ random: inout Generator, depth: Int) -> JSONValue {
        let shape = depth >= 4 ? random.below(4) : random.below(8)
        switch shape {
        case 0: return .string(random.pick(["a", "b", "TCP", "UDP", ""]))
        case 1: return .int(Int64(random.pick([0, 1, 80, 53])))
        case 2: return .bool(random.below(2) == 0)
        case 3: return random.below(3) == 0 ? .null : .double(1.5)
        case 4, 5: return object(&random, depth: depth + 1)
        default:
            let count = random.below(4)
            return .array((0..<count).map { _ in
                random.below(3) == 0 ? value(&random, depth: depth + 1) : object(&random, depth: depth + 1)
            })
        }
    }

    static func object(_ random: inout Generator, depth: Int) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for _ in 0..<random.below(5) { members[random.pick(names)] = value(&random, depth: depth) }
        return .object(members)
    }

    @Test func generatedObjects_ofEveryKind_recordTheSameEntries() throws {
        var random = Generator(seed: 9)
        var nonEmpty = 0
        for round in 0..<600 {
            let kind = random.pick(["Pod", "Service", "Deployment", "DaemonSet", "ConfigMap", "Node", "ReplicationController"])
            var object: [String: JSONValue] = [:]
            for top in ["metadata", "spec", "status", "data"] where random.below(3) != 0 {
                object[top] = Self.object(&random, depth: 1)
            }
            if random.below(2) == 0 {
                object["spec"] = ["template": ["spec": ["containers": Self.value(&random, depth: 2)]]]
            }
            let recorded = Self.expectSame(
                .object(object), Self.writer(kind, manager: "m\(round % 3)", subresource: round % 5 == 0 ? "status" : nil))
            if recorded[path: ["metadata", "managedFields"]] != nil { nonEmpty += 1 }
        }
        // The generator makes objects with fields (and some with none).
        #expect(nonEmpty > 300 && nonEmpty < 600)
    }
}
