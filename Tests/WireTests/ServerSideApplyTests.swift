import Foundation
import KubeAPI
import Testing

/// Field ownership and server-side apply (``FieldOwnership``), with no I/O: the time is a parameter.
@Suite("Server-side apply and managedFields")
struct ServerSideApplyTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
    static let t1 = t0.addingTimeInterval(60)

    static func json(_ text: String) throws -> JSONValue { try JSONValue(jsonData: Data(text.utf8)) }

    static func writer(_ manager: String, at now: Date = t0, subresource: String? = nil) -> FieldOwnership.Writer {
        FieldOwnership.Writer(manager: manager, subresource: subresource, kind: "Deployment", apiVersion: "apps/v1", now: now)
    }

    /// The redis Deployment as a manifest (what kubectl applies).
    static func deployment(replicas: Int64 = 1, image: String = "redis:7", extraContainer: Bool = false) -> JSONValue {
        var containers: [JSONValue] = [[
            "name": "redis", "image": .string(image), "ports": [["containerPort": 6379]],
        ]]
        if extraContainer { containers.append(["name": "sidecar", "image": "busybox"]) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "redis", "namespace": "default", "labels": ["app": "redis"]],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": "redis"]],
                "template": [
                    "metadata": ["labels": ["app": "redis"]],
                    "spec": ["containers": .array(containers)],
                ],
            ],
        ]
    }

    static func entry(_ object: JSONValue, _ manager: String) -> ManagedFieldsEntry? {
        FieldOwnership.entries(of: object).first { $0.manager == manager }
    }

    static let replicas: [FieldPathElement] = [.field("spec"), .field("replicas")]

    // MARK: - FieldsV1

    @Test func fieldsV1_roundTripsKubernetesText_andPrintsPathsAsKubernetesDoes() throws {
        let text = #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"#
            + #""f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"redis\"}":{".":{},"f:image":{},"f:name":{}}}}}},"#
            + #""f:finalizers":{"v:\"a\"":{}}}"#
        let value = try Self.json(text)
        let set = try FieldSet(fieldsV1: value)
        #expect(set.fieldsV1 == value)
        #expect(set.contains([.field("metadata"), .field("labels")]))
        #expect(!set.contains([.field("metadata")]))
        #expect(set.contains([.field("spec"), .field("template"), .field("spec"), .field("containers"), .key(["name": "redis"])]))
        #expect(set.paths.map(FieldPathElement.text(of:)) == [
            #".finalizers[="a"]"#, ".metadata.labels", ".metadata.labels.app",
            ".spec.replicas", ".spec.selector", #".spec.template.spec.containers[name="redis"]"#,
            #".spec.template.spec.containers[name="redis"].image"#, #".spec.template.spec.containers[name="redis"].name"#,
        ])
        #expect(throws: PatchError.self) { try FieldSet(fieldsV1: Self.json(#"{"x:y":{}}"#)) }
    }

    @Test func setAlgebra_keepsNoEmptyNodes() {
        let a = FieldSet(paths: [Self.replicas, [.field("spec"), .field("paused")]])
        let b = FieldSet(paths: [Self.replicas])
        #expect(a.subtracting(b) == FieldSet(paths: [[.field("spec"), .field("paused")]]))
        #expect(a.intersection(b) == b)
        #expect(b.subtracting(a).isEmpty)
        #expect(a.union(b) == a)
        #expect(a.hasMember(atOrUnder: [.field("spec")]))
        #expect(!a.hasMember(atOrUnder: [.field("metadata")]))
        #expect(a.count == 2)
    }

    // MARK: - Apply

    @Test func applyCreating_ownsExactlyTheFieldsTheConfigurationNames() throws {
        let created = try FieldOwnership.apply(Self.deployment(), to: nil, writer: Self.writer("kubectl"), force: false)
        let entries = FieldOwnership.entries(of: created)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.manager == "kubectl" && entry.operation == .apply && entry.apiVersion == "apps/v1")
        #expect(entry.time == "2027-01-15T08:00:00Z" && entry.subresource == nil)
        let expected = try Self.json(
            #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"#
                + #""f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"redis\"}":{".":{},"#
                + #""f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":6379,\"protocol\":\"TCP\"}":{".":{},"#
                + #""f:containerPort":{}}}}}}}}}"#)
        #expect(entry.fields.fieldsV1 == expected)
        #expect(created["spec"] == Self.deployment()["spec"])
        let json = entry.json
        #expect(json["fieldsType"] == "FieldsV1" && json["operation"] == "Apply" && json["manager"] == "kubectl")
    }

    @Test func updateByAnotherManager_conflictsWithAnApplyChangingItsField_unlessForced() throws {
        let created = FieldOwnership.recordUpdate(
            old: nil, new: Self.deployment(replicas: 1), writer: Self.writer("kubectl-client-side-apply"))
        let csa = try #require(Self.entry(created, "kubectl-client-side-apply"))
        #expect(csa.operation == .update)
        #expect(csa.fields.contains([.field("metadata"), .field("labels")]), "an update owns the labels map it made")
        #expect(csa.fields.contains(Self.replicas))

        #expect {
            try FieldOwnership.apply(Self.deployment(replicas: 2), to: created, writer: Self.writer("kubectl"), force: false)
        } throws: { error in
            guard let conflicts = error as? ApplyConflicts else { return false }
            let status = conflicts.status
            return conflicts.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#
                && status.code == 409 && status.reason == .conflict
                && status.details?.causes == [StatusCause(
                    reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using apps/v1"#,
                    field: ".spec.replicas")]
        }

        // The same value is no conflict: both own it.
        let shared = try FieldOwnership.apply(Self.deployment(replicas: 1), to: created, writer: Self.writer("kubectl"), force: false)
        #expect(Self.entry(shared, "kubectl")?.fields.contains(Self.replicas) == true)
        #expect(Self.entry(shared, "kubectl-client-side-apply")?.fields.contains(Self.replicas) == true)

        // Forced: the applier takes it.
        let forced = try FieldOwnership.apply(Self.deployment(replicas: 2), to: created, writer: Self.writer("kubectl"), force: true)
        #expect(forced[path: ["spec", "replicas"]] == 2)
        #expect(Self.entry(forced, "kubectl")?.fields.contains(Self.replicas) == true)
        #expect(Self.entry(forced, "kubectl-client-side-apply")?.fields.contains(Self.replicas) == false)
        #expect(Self.entry(forced, "kubectl-client-side-apply")?.fields.contains([.field("spec"), .field("selector")]) == true)
    }

    @Test func twoAppliers_conflictByName_andSeveralConflictsAreListedPerManager() throws {
        let a = try FieldOwnership.apply(Self.deployment(replicas: 1), to: nil, writer: Self.writer("a"), force: false)
        #expect {
            try FieldOwnership.apply(Self.deployment(replicas: 3), to: a, writer: Self.writer("b"), force: false)
        } throws: { error in
            (error as? ApplyConflicts)?.message == #"Apply failed with 1 conflict: conflict with "a": .spec.replicas"#
        }
        #expect {
            try FieldOwnership.apply(Self.deployment(replicas: 3, image: "redis:8"), to: a, writer: Self.writer("b"), force: false)
        } throws: { error in
            (error as? ApplyConflicts)?.message == """
                Apply failed with 2 conflicts: conflicts with "a":
                - .spec.replicas
                - .spec.template.spec.containers[name="redis"].image
                """
        }
    }

    @Test func applyingAgainWithoutAField_removesItUnlessSomeoneElseOwnsIt() throws {
        let first = try FieldOwnership.apply(
            Self.deployment(extraContainer: true), to: nil, writer: Self.writer("kubectl"), force: false)
        #expect(first[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 2)
        var config = Self.deployment()
        config[path: ["spec", "replicas"]] = nil
        let second = try FieldOwnership.apply(config, to: first, writer: Self.writer("kubectl", at: Self.t1), force: false)
        #expect(second[path: ["spec", "replicas"]] == nil)
        #expect(second[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["redis"])
        #expect(Self.entry(second, "kubectl")?.time == "2027-01-15T08:01:00Z")

        // Someone else set replicas in between: dropping it from the configuration leaves it, theirs.
        let scaled = FieldOwnership.recordUpdate(
            old: first, new: { var o = first; o[path: ["spec", "replicas"]] = 5; return o }(),
            writer: Self.writer("kubectl-scale", at: Self.t1))
        #expect(Self.entry(scaled, "kubectl-scale")?.fields == FieldSet(paths: [Self.replicas]))
        #expect(Self.entry(scaled, "kubectl")?.fields.contains(Self.replicas) == false)
        let kept = try FieldOwnership.apply(config, to: scaled, writer: Self.writer("kubectl", at: Self.t1), force: false)
        #expect(kept[path: ["spec", "replicas"]] == 5)
        // And applying it again with another value now conflicts with the updater.
        #expect {
            try FieldOwnership.apply(Self.deployment(replicas: 2), to: scaled, writer: Self.writer("kubectl"), force: false)
        } throws: { error in
            (error as? ApplyConflicts)?.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas"#
        }
    }

    @Test func aNoOpApply_leavesTheObjectExactlyAsItWas() throws {
        var live = try FieldOwnership.apply(Self.deployment(), to: nil, writer: Self.writer("kubectl"), force: false)
        live[path: ["metadata", "resourceVersion"]] = "7"
        live["status"] = ["replicas": 1]
        let again = try FieldOwnership.apply(Self.deployment(), to: live, writer: Self.writer("kubectl", at: Self.t1), force: false)
        #expect(again == live)
    }

    @Test func applyToAnObjectNobodyOwned_givesItsFieldsToBeforeFirstApply() throws {
        let live = Self.deployment(replicas: 4)
        #expect {
            try FieldOwnership.apply(Self.deployment(replicas: 2), to: live, writer: Self.writer("kubectl"), force: false)
        } throws: { error in
            (error as? ApplyConflicts)?.message
                == #"Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas"#
        }
    }

    @Test func applyIgnoresServerMetadataAndStatus() throws {
        var config = Self.deployment()
        config[path: ["metadata", "uid"]] = "x"
        config["status"] = ["replicas": 9]
        let created = try FieldOwnership.apply(config, to: nil, writer: Self.writer("kubectl"), force: false)
        #expect(created["status"] == nil)
        let fields = try #require(Self.entry(created, "kubectl")).fields
        #expect(!fields.hasMember(atOrUnder: [.field("status")]))
        #expect(!fields.hasMember(atOrUnder: [.field("metadata"), .field("uid")]))
        #expect(!fields.hasMember(atOrUnder: [.field("metadata"), .field("name")]))
    }

    // MARK: - Update

    @Test func updateThatChangesNothing_keepsManagedFieldsAsTheyWere() throws {
        let created = FieldOwnership.recordUpdate(old: nil, new: Self.deployment(), writer: Self.writer("kubectl-create"))
        var sent = created
        sent[path: ["metadata", "managedFields"]] = nil  // a client that drops them does not erase them
        let same = FieldOwnership.recordUpdate(old: created, new: sent, writer: Self.writer("kubectl-edit", at: Self.t1))
        #expect(same == created)
    }

    @Test func statusWrites_areRecordedUnderTheirSubresource_andOnlyCoverStatus() throws {
        let created = FieldOwnership.recordUpdate(old: nil, new: Self.deployment(), writer: Self.writer("kubectl-create"))
        #expect(Self.entry(created, "kubectl-create")?.fields.hasMember(atOrUnder: [.field("status")]) == false)
        var withStatus = created
        withStatus["status"] = ["replicas": 1, "conditions": [["type": "Available", "status": "True"]]]
        let updated = FieldOwnership.recordUpdate(
            old: created, new: withStatus, writer: Self.writer("kube-controller-manager", at: Self.t1, subresource: "status"))
        let entry = try #require(Self.entry(updated, "kube-controller-manager"))
        #expect(entry.subresource == "status" && entry.operation == .update && entry.time == "2027-01-15T08:01:00Z")
        #expect(entry.fields.contains([.field("status"), .field("conditions"), .key(["type": "Available"])]))
        #expect(!entry.fields.hasMember(atOrUnder: [.field("spec")]))
        #expect(entry.conflictName == #""kube-controller-manager" with subresource "status" using apps/v1"#)
        // Entries come appliers first, then by time.
        #expect(FieldOwnership.entries(of: updated).map(\.manager) == ["kubectl-create", "kube-controller-manager"])
    }

    @Test func aManagerRewritingItsOwnFields_onlyMovesItsTime_andLeavesOtherEntriesAsStored() throws {
        let created = FieldOwnership.recordUpdate(old: nil, new: Self.deployment(), writer: Self.writer("kubectl-create"))
        var first = created
        first["status"] = ["replicas": 1]
        let w1 = Self.writer("kube-controller-manager", at: Self.t0, subresource: "status")
        let once = FieldOwnership.recordUpdate(old: created, new: first, writer: w1)
        var second = once
        second["status"] = ["replicas": 2]
        let twice = FieldOwnership.recordUpdate(
            old: once, new: second, writer: Self.writer("kube-controller-manager", at: Self.t1, subresource: "status"))
        let before = try #require(Self.entry(once, "kube-controller-manager"))
        let after = try #require(Self.entry(twice, "kube-controller-manager"))
        #expect(after.fields == before.fields && after.time == "2027-01-15T08:01:00Z")
        func stored(_ object: JSONValue, _ manager: String) -> JSONValue? {
            object[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"]?.stringValue == manager }
        }
        #expect(stored(twice, "kubectl-create") == stored(once, "kubectl-create"), "kubectl-create's entry as stored")
        #expect(FieldOwnership.entries(of: twice).map(\.manager) == ["kubectl-create", "kube-controller-manager"])
        // Removing the field it owned leaves it nothing: its entry goes.
        var gone = twice
        gone["status"] = nil
        let emptied = FieldOwnership.recordUpdate(
            old: twice, new: gone, writer: Self.writer("kube-controller-manager", at: Self.t1, subresource: "status"))
        #expect(FieldOwnership.entries(of: emptied).map(\.manager) == ["kubectl-create"])
    }

    @Test func clientsMayRewriteOrClearManagedFields() throws {
        let created = FieldOwnership.recordUpdate(old: nil, new: Self.deployment(), writer: Self.writer("kubectl-create"))
        var migrated = created
        let rewritten = ManagedFieldsEntry(
            manager: "kubectl", operation: .apply, apiVersion: "apps/v1", time: "2027-01-15T08:00:00Z",
            fields: FieldSet(paths: [Self.replicas]))
        migrated[path: ["metadata", "managedFields"]] = [rewritten.json]
        let taken = FieldOwnership.recordUpdate(old: created, new: migrated, writer: Self.writer("kubectl", at: Self.t1))
        #expect(FieldOwnership.entries(of: taken) == [rewritten])

        var cleared = created
        cleared[path: ["metadata", "managedFields"]] = []
        #expect(FieldOwnership.recordUpdate(old: created, new: cleared, writer: Self.writer("x"))[path: ["metadata", "managedFields"]] == nil)
    }

    @Test func removingAListItem_takesItFromEveryOwner() throws {
        let created = FieldOwnership.recordUpdate(
            old: nil, new: Self.deployment(extraContainer: true), writer: Self.writer("kubectl-create"))
        let sidecar: [FieldPathElement] = [
            .field("spec"), .field("template"), .field("spec"), .field("containers"), .key(["name": "sidecar"]),
        ]
        #expect(Self.entry(created, "kubectl-create")?.fields.contains(sidecar) == true)
        let edited = FieldOwnership.recordUpdate(old: created, new: Self.deployment(), writer: Self.writer("kubectl-edit"))
        #expect(Self.entry(edited, "kubectl-create")?.fields.hasMember(atOrUnder: sidecar) == false)
        #expect(Self.entry(edited, "kubectl-edit") == nil, "removing fields owns nothing")
    }
}

@Suite("Client-side to server-side apply ownership")
struct ClientSideApplyUpgradeTests {
    @Test func theClientSideManagersFieldsBecomeTheAppliers_soALaterApplyCanRemoveThem() throws {
        let csa = FieldOwnership.recordUpdate(
            old: nil, new: ServerSideApplyTests.deployment(extraContainer: true),
            writer: ServerSideApplyTests.writer("kctl"))
        #expect(FieldOwnership.upgradingClientSideApply(csa, from: ["kubectl-client-side-apply"], to: "kctl") == nil)
        let upgraded = try #require(FieldOwnership.upgradingClientSideApply(csa, from: ["kctl"], to: "kctl"))
        var migrated = csa
        migrated[path: ["metadata", "managedFields"]] = upgraded
        let entries = FieldOwnership.entries(of: migrated)
        #expect(entries.map { "\($0.manager)/\($0.operation.rawValue)" } == ["kctl/Apply"])
        // Now applying without the sidecar removes it: nobody else owns it.
        let applied = try FieldOwnership.apply(
            ServerSideApplyTests.deployment(), to: migrated, writer: ServerSideApplyTests.writer("kctl"), force: false)
        #expect(applied[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 1)
        // Without the upgrade the Update entry keeps it.
        let kept = try FieldOwnership.apply(
            ServerSideApplyTests.deployment(), to: csa, writer: ServerSideApplyTests.writer("kctl"), force: false)
        #expect(kept[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 2)
    }
}

@Suite("managedFields of a create")
struct CreateOwnershipTests {
    /// A create is recorded straight in FieldsV1 form (``FieldOwnership/recordCreate(_:writer:)``); it must say
    /// what the general path says.
    @Test func theCreatesEntry_isTheGeneralPathsEntry() throws {
        let other = ManagedFieldsEntry(
            manager: "someone", operation: .apply, apiVersion: "apps/v1", time: "2027-01-15T08:00:00Z",
            fields: FieldSet(paths: [[.field("spec"), .field("paused")]]))
        var objects = [ServerSideApplyTests.deployment(extraContainer: true)]
        var withEverything = ServerSideApplyTests.deployment()
        withEverything[path: ["metadata", "finalizers"]] = ["a", "b"]
        withEverything[path: ["metadata", "annotations"]] = ["x": "1"]
        withEverything[path: ["spec", "template", "spec", "containers"]] = [[
            "name": "c", "image": "i", "args": ["a"], "env": [["name": "A", "value": "1"]], "resources": [:],
            "ports": [["containerPort": 80], ["containerPort": 53, "protocol": "UDP"]],
        ]]
        withEverything[path: ["spec", "template", "spec", "tolerations"]] = [["key": "k", "operator": "Exists"]]
        objects.append(withEverything)
        for object in objects {
            let writer = ServerSideApplyTests.writer("kctl")
            let fast = try #require(ServerSideApplyTests.entry(FieldOwnership.recordCreate(object, writer: writer), "kctl"))
            var sent = object
            sent[path: ["metadata", "managedFields"]] = [other.json]
            let general = try #require(ServerSideApplyTests.entry(FieldOwnership.recordUpdate(old: nil, new: sent, writer: writer), "kctl"))
            #expect(fast == general)
            if object == withEverything {
                #expect(fast.fields.contains([.field("metadata"), .field("annotations")]))
                #expect(fast.fields.contains([.field("metadata"), .field("finalizers"), .value("b")]))
            }
        }
        let noFields = FieldOwnership.recordCreate(
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "x"]], writer: ServerSideApplyTests.writer("kctl"))
        #expect(noFields[path: ["metadata", "managedFields"]] == nil)
    }
}
