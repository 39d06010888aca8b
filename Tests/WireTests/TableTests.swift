import Foundation
import KubeAPI
import Testing

/// The `meta.k8s.io/v1 Table` type as Kubernetes serialises it, and the per-kind table builders.
@Suite struct TableTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func created(_ secondsAgo: TimeInterval) -> JSONValue {
        .string(Timestamp.format(now.addingTimeInterval(-secondsAgo)))
    }

    func pod(_ name: String, phase: String = "Running", age: TimeInterval = 75) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(name), "namespace": "default", "labels": ["app": "web"], "resourceVersion": "42",
                "uid": "u-1", "creationTimestamp": created(age),
            ],
            "spec": ["nodeName": "n1", "containers": [["name": "c", "image": "busybox"]]],
            "status": [
                "phase": .string(phase), "podIP": "10.244.1.5",
                "containerStatuses": [
                    ["name": "c", "ready": true, "restartCount": 0, "state": ["running": ["startedAt": created(70)]]]
                ],
            ],
        ]
    }

    // MARK: - JSON shape

    @Test func table_serialisesMemberForMemberAsKubernetes() throws {
        let table = TableConvertor.table(kind: "Pod", objects: [pod("web")], now: now, resourceVersion: "117")
        let json = try JSONValue(encoding: table)
        #expect(Set(json.objectValue?.keys.map { $0 } ?? []) == ["kind", "apiVersion", "metadata", "columnDefinitions", "rows"])
        #expect(json["kind"] == "Table")
        #expect(json["apiVersion"] == "meta.k8s.io/v1")
        #expect(json["metadata"] == ["resourceVersion": "117"])
        let name = try #require(json["columnDefinitions"]?.arrayValue?.first)
        #expect(name == ["name": "Name", "type": "string", "format": "name", "description": name["description"]!, "priority": 0])
        let row = try #require(json["rows"]?.arrayValue?.first)
        #expect(Set(row.objectValue?.keys.map { $0 } ?? []) == ["cells", "object"])
        #expect(row["cells"] == ["web", "1/1", "Running", "0", "75s", "10.244.1.5", "n1", "<none>", "<none>"])
        #expect(row["object"]?["kind"] == "PartialObjectMetadata")
        #expect(row["object"]?["apiVersion"] == "meta.k8s.io/v1")
        #expect(row["object"]?["metadata"] == pod("web")["metadata"])
        // The hand-built JSON is the encoder's, member for member; decoding gives the table back.
        #expect(table.json == json)
        #expect(try json.decode(as: Table.self) == table)
    }

    @Test func watchTablesWithoutHeaders_sendNullDefinitions_andRowsWithoutObjectSendNull() throws {
        let table = TableConvertor.table(
            kind: "Pod", objects: [pod("web")], now: now, options: TableOptions(includeObject: .none), headers: false)
        let json = try JSONValue(encoding: table)
        #expect(json["columnDefinitions"] == .null)
        #expect(json["metadata"] == [:])
        #expect(json["rows"]?.arrayValue?.first?["object"] == .null)
        #expect(table.json == json)
        let decoded = try json.decode(as: Table.self)
        #expect(decoded.columnDefinitions.isEmpty)
        #expect(decoded.rows.first?.object == nil)
    }

    @Test func includeObject_object_carriesTheWholeObject() {
        let table = TableConvertor.table(kind: "Pod", objects: [pod("web")], now: now, options: TableOptions(includeObject: .object))
        #expect(table.rows.first?.object == pod("web"))
        #expect(table.rows.first?.metadata?["name"] == "web")
    }

    @Test func answerTables_takeTheListsVersion_orTheObjectsOwn() {
        let list: JSONValue = ["kind": "PodList", "metadata": ["resourceVersion": "90"], "items": [pod("a"), pod("b")]]
        let fromList = TableConvertor.table(kind: "Pod", answer: list, now: now)
        #expect(fromList.metadata.resourceVersion == "90")
        #expect(fromList.rows.map { $0.cells.first } == ["a", "b"])
        let fromObject = TableConvertor.table(kind: "Pod", answer: pod("a"), now: now)
        #expect(fromObject.metadata.resourceVersion == "42")
        #expect(fromObject.rows.count == 1)
        let empty = TableConvertor.table(kind: "Pod", answer: ["kind": "PodList", "items": []], now: now)
        #expect(empty.rows.isEmpty && empty.columnDefinitions.count == 9)
    }

    @Test func finishedPods_areMarkedCompleted() {
        let rows = TableConvertor.table(
            kind: "Pod", objects: [pod("ok", phase: "Succeeded"), pod("bad", phase: "Failed"), pod("up")], now: now
        ).rows
        #expect(rows[0].conditions == [TableRowCondition(type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully.")])
        #expect(rows[1].conditions.first?.reason == "Failed")
        #expect(rows[2].conditions.isEmpty)
        #expect(rows[0].json["conditions"]?.arrayValue?.count == 1)
        #expect(rows[2].json["conditions"] == nil)
    }

    // MARK: - Options

    @Test func options_fromTheRequest() throws {
        #expect(try TableOptions.requested(as: nil, includeObject: "Object") == nil)
        #expect(try TableOptions.requested(as: "Table", includeObject: nil) == TableOptions(includeObject: .metadata))
        #expect(try TableOptions.requested(as: "Table", includeObject: "") == TableOptions(includeObject: .metadata))
        #expect(try TableOptions.requested(as: "Table", includeObject: "None") == TableOptions(includeObject: .none))
        #expect(try TableOptions.requested(as: "Table", includeObject: "Object") == TableOptions(includeObject: .object))
    }

    @Test func options_unknownConversion_isNotAcceptable_badPolicyIsBadRequest() {
        do {
            _ = try TableOptions.requested(as: "PartialObjectMetadata", includeObject: nil)
            Issue.record("expected 406")
        } catch {
            #expect(error.code == 406)
            #expect(error.reason == .notAcceptable)
        }
        do {
            _ = try TableOptions.requested(as: "Table", includeObject: "All")
            Issue.record("expected 400")
        } catch {
            #expect(error.code == 400)
            #expect(
                error.message
                    == "Unable to convert to Table as requested: includeObject: Invalid value: \"All\": must be 'Metadata', 'Object', 'None', or empty")
        }
    }

    // MARK: - Builders

    @Test func columns_haveKubernetesNamesTypesAndPriorities() {
        let pods = PodColumns.columns
        #expect(pods.map(\.name) == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
        #expect(pods.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(pods.filter { $0.format == "name" }.map(\.name) == ["Name"])
        #expect(DaemonSetColumns.columns.map(\.name) == [
            "Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector",
        ])
        #expect(DaemonSetColumns.columns[1...5].allSatisfy { $0.type == "integer" })
        #expect(DeploymentColumns.columns.map(\.type) == ["string", "string", "integer", "integer", "string", "string", "string", "string"])
        #expect(ServiceColumns.columns.map(\.name) == ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"])
        #expect(NodeColumns.columns.filter { $0.priority == 1 }.map(\.name) == [
            "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime",
        ])
        #expect(EventColumns.columns.last == TableColumnDefinition(name: "Name", format: "name", description: EventColumns.columns.last!.description, priority: 1))
        // Every builder gives one cell per column, even for an empty object.
        for kind in ResourceKind.all.map(\.kind) + ["Widget"] {
            let provider = TableConvertor.columns(forKind: kind)
            #expect(provider.cells(for: [:], now: now).count == provider.columns.count, "\(kind)")
            #expect(provider.columns.allSatisfy { !$0.description.isEmpty }, "\(kind)")
        }
    }

    @Test func workloadCounts_areIntegers() {
        let ds: JSONValue = [
            "metadata": ["name": "agent", "creationTimestamp": created(3 * 3600)],
            "spec": [
                "selector": ["matchLabels": ["app": "agent"]],
                "template": ["spec": ["nodeSelector": ["disk": "ssd"], "containers": [["name": "a", "image": "busybox:1.36"]]]],
            ],
            "status": ["desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2, "updatedNumberScheduled": 3],
        ]
        #expect(DaemonSetColumns.cells(for: ds, now: now) == ["agent", 3, 3, 2, 3, 0, "disk=ssd", "3h", "a", "busybox:1.36", "app=agent"])
        let deploy: JSONValue = ["metadata": ["name": "web"], "spec": ["replicas": 2], "status": ["readyReplicas": 1, "updatedReplicas": 2]]
        #expect(DeploymentColumns.cells(for: deploy, now: now) == ["web", "1/2", 2, 0, "<unknown>", "", "", ""])
        let rs: JSONValue = ["metadata": ["name": "web-1"], "status": ["replicas": 1]]
        #expect(ReplicaSetColumns.cells(for: rs, now: now).prefix(4) == ["web-1", 1, 1, 0])
        let event: JSONValue = [
            "metadata": ["name": "e1"], "type": "Normal", "reason": "Pulled", "message": "done\n",
            "involvedObject": ["kind": "Pod", "name": "web"], "source": ["component": "kubelet", "host": "n1"],
            "lastTimestamp": created(5), "firstTimestamp": created(65), "count": 2,
        ]
        #expect(EventColumns.cells(for: event, now: now) == ["5s", "Normal", "Pulled", "pod/web", "", "kubelet, n1", "done", "65s", 2, "e1"])
        let cm: JSONValue = ["metadata": ["name": "cfg"], "data": ["a": "1"], "binaryData": ["b": "AA=="]]
        #expect(ConfigMapColumns.cells(for: cm, now: now) == ["cfg", 2, "<unknown>"])
    }
}
