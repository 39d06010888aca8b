import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// Object fixtures for the printer tests, timed against ``now`` (2026-11-24T21:45:12Z).
private enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_795_556_712)

    static func meta(_ name: String, created: String, namespace: String? = "default", labels: [String: String] = [:])
        -> JSONValue
    {
        var m: JSONValue = ["name": .string(name), "creationTimestamp": .string(created)]
        if let namespace { m["namespace"] = .string(namespace) }
        if !labels.isEmpty { m["labels"] = .object(labels.mapValues { .string($0) }) }
        return m
    }

    static func runningPod(_ name: String, created: String, ip: String, node: String, labels: [String: String] = [:])
        -> JSONValue
    {
        [
            "kind": "Pod", "apiVersion": "v1", "metadata": meta(name, created: created, labels: labels),
            "spec": ["nodeName": .string(node), "containers": [["name": "filebeat", "image": "elastic/filebeat:7"]]],
            "status": [
                "phase": "Running", "podIP": .string(ip), "podIPs": [["ip": .string(ip)]],
                "conditions": [["type": "Ready", "status": "True"]],
                "containerStatuses": [
                    ["name": "filebeat", "ready": true, "restartCount": 0, "state": ["running": [:]]]
                ],
            ],
        ]
    }

    static let daemonSet: JSONValue = [
        "kind": "DaemonSet", "apiVersion": "apps/v1", "metadata": meta("filebeat-ds", created: "2026-11-22T18:45:12Z"),
        "spec": [
            "selector": ["matchLabels": ["name": "filebeat"]],
            "template": ["spec": ["containers": [["name": "filebeat", "image": "elastic/filebeat:7"]]]],
        ],
        "status": [
            "desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 3, "updatedNumberScheduled": 3,
            "numberAvailable": 3,
        ],
    ]

    static func service(_ name: String, created: String, ip: String, ports: [JSONValue], type: String = "ClusterIP")
        -> JSONValue
    {
        [
            "kind": "Service", "metadata": meta(name, created: created),
            "spec": [
                "type": .string(type), "clusterIP": .string(ip), "clusterIPs": [.string(ip)], "ports": .array(ports),
            ],
        ]
    }

    static func node(_ name: String, ready: String?, unschedulable: Bool = false, labels: [String: String] = [:])
        -> JSONValue
    {
        var conditions: [JSONValue] = [["type": "MemoryPressure", "status": "False"]]
        if let ready { conditions.append(["type": "Ready", "status": .string(ready)]) }
        return [
            "kind": "Node", "metadata": meta(name, created: "2026-11-14T21:45:12Z", namespace: nil, labels: labels),
            "spec": ["unschedulable": .bool(unschedulable)],
            "status": [
                "conditions": .array(conditions), "nodeInfo": ["kubeletVersion": "v1.32.0"],
                "addresses": [["type": "InternalIP", "address": "127.0.1.1"]],
            ],
        ]
    }
}

@Suite("TableWriter")
struct TableWriterTests {
    @Test func columnWidth_isWidestCellPlusPadding_atLeastMinWidth() {
        let text = TableWriter.render(header: ["A", "LONGHEADER", "Z"], rows: [["1", "x", "last"]])
        #expect(text == "A     LONGHEADER   Z\n1     x            last\n")
    }

    @Test func noRows_printsNothing() {
        #expect(TableWriter.render(header: ["NAME", "AGE"], rows: []) == "")
    }

    @Test func emptyLastCell_keepsPaddingOfPreviousCells() {
        // Go's tabwriter pads every tab-terminated cell; only the text after the last tab is unpadded.
        #expect(TableWriter.render(header: ["NAME", "MSG"], rows: [["a", ""]]) == "NAME   MSG\na      \n")
    }

    @Test func widthsCountUnicodeScalars() {
        #expect(TableWriter.render(header: ["N", "X"], rows: [["héllo", "1"]]) == "N       X\nhéllo   1\n")
    }

    @Test func raggedRows_formSeparateColumnBlocks() {
        var writer = TableWriter()
        let text = writer.format([["a", "b", "c"], ["aaaaaaaa", "b"], ["single"], ["x", "y", "z"]])
        #expect(text == "a          b     c\naaaaaaaa   b\nsingle\nx     y     z\n")
    }

    @Test func rememberedWidths_onlyGrow_acrossWatchFlushes() {
        var writer = TableWriter(remembersWidths: true)
        var out = writer.format([
            ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], ["filebeat-ds-7kq9s", "1/1", "Running", "0", "10m"],
        ])
        out += writer.format([["filebeat-ds-7kq9s", "1/1", "Terminating", "0", "10m"]])
        out += writer.format([["filebeat-ds-xb2wq", "0/1", "Pending", "0", "0s"]])
        out += writer.format([["filebeat-ds-xb2wq", "0/1", "ContainerCreating", "0", "0s"]])
        out += writer.format([["filebeat-ds-xb2wq", "1/1", "Running", "0", "2s"]])
        // The last three lines are §6.5 of the reference, byte for byte.
        #expect(
            out == """
                NAME                READY   STATUS    RESTARTS   AGE
                filebeat-ds-7kq9s   1/1     Running   0          10m
                filebeat-ds-7kq9s   1/1     Terminating   0          10m
                filebeat-ds-xb2wq   0/1     Pending       0          0s
                filebeat-ds-xb2wq   0/1     ContainerCreating   0          0s
                filebeat-ds-xb2wq   1/1     Running             0          2s

                """)
        #expect(writer.rememberedWidths == [20, 8, 20, 11])
    }
}

@Suite("ResourcePrinter")
struct ResourcePrinterTests {
    typealias Options = ResourcePrinter.Options
    let now = Fixture.now

    @Test func pods_wide_matchesKubectlByteForByte() {
        let pod = Fixture.runningPod(
            "filebeat-ds-7kq9s", created: "2026-11-24T21:40:12Z", ip: "10.244.1.4", node: "worker-1")
        let text = ResourcePrinter.render(kind: "Pod", objects: [pod], now: now, options: Options(wide: true))
        #expect(
            text == """
                NAME                READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES
                filebeat-ds-7kq9s   1/1     Running   0          5m    10.244.1.4   worker-1   <none>           <none>

                """)
    }

    @Test func pods_default_andUnscheduled() {
        let pending: JSONValue = [
            "metadata": Fixture.meta("web-0", created: "2026-11-24T21:45:12Z"),
            "spec": ["containers": [["name": "a"], ["name": "b"]]], "status": ["phase": "Pending"],
        ]
        let text = ResourcePrinter.render(kind: "Pod", objects: [pending], now: now, options: Options(wide: true))
        #expect(
            text.hasSuffix("web-0   0/2     Pending   0          0s    <none>   <none>   <none>           <none>\n"))
        #expect(
            ResourcePrinter.render(kind: "Pod", objects: [pending], now: now)
                == "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/2     Pending   0          0s\n")
    }

    @Test func daemonSets_matchesKubectlByteForByte() {
        #expect(
            ResourcePrinter.render(kind: "DaemonSet", objects: [Fixture.daemonSet], now: now) == """
                NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
                filebeat-ds   3         3         3       3            3           <none>          2d3h

                """)
    }

    @Test func daemonSets_wide_containersImagesSelector() {
        var ds = Fixture.daemonSet
        ds["spec"]?["template"]?["spec"]?["nodeSelector"] = ["zone": "a", "disk": "ssd"]
        let table = ResourcePrinter.table(kind: "DaemonSet", objects: [ds], now: now, options: Options(wide: true))
        #expect(table.header.suffix(4) == ["AGE", "CONTAINERS", "IMAGES", "SELECTOR"])
        #expect(
            table.rows[0].suffix(5) == ["disk=ssd,zone=a", "2d3h", "filebeat", "elastic/filebeat:7", "name=filebeat"])
    }

    @Test func services_matchesKubectlByteForByte() {
        let objects = [
            Fixture.service(
                "kubernetes", created: "2026-11-14T21:45:12Z", ip: "10.96.0.1",
                ports: [["port": 443, "protocol": "TCP"]]),
            Fixture.service(
                "redis", created: "2026-11-24T21:45:08Z", ip: "10.104.22.168",
                ports: [["port": 6379, "protocol": "TCP"]]),
        ]
        #expect(
            ResourcePrinter.render(kind: "Service", objects: objects, now: now) == """
                NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)    AGE
                kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP    10d
                redis        ClusterIP   10.104.22.168   <none>        6379/TCP   4s

                """)
    }

    @Test func services_nodePortHeadlessAndLoadBalancer() {
        let nodePort = Fixture.service(
            "web", created: "2026-11-24T21:45:12Z", ip: "10.96.3.3",
            ports: [["port": 80, "nodePort": 30080, "protocol": "TCP"], ["port": 53, "protocol": "UDP"]],
            type: "NodePort")
        let headless = Fixture.service("db", created: "2026-11-24T21:45:12Z", ip: "None", ports: [])
        let lb = Fixture.service(
            "lb", created: "2026-11-24T21:45:12Z", ip: "10.96.4.4", ports: [["port": 80]], type: "LoadBalancer")
        let rows = ResourcePrinter.table(
            kind: "Service", objects: [nodePort, headless, lb], now: now, options: Options()
        ).rows
        #expect(rows[0] == ["web", "NodePort", "10.96.3.3", "<none>", "80:30080/TCP,53/UDP", "0s"])
        #expect(rows[1] == ["db", "ClusterIP", "None", "<none>", "<none>", "0s"])
        #expect(rows[2] == ["lb", "LoadBalancer", "10.96.4.4", "<pending>", "80/TCP", "0s"])
    }

    @Test func nodes_statusRolesVersion() {
        let nodes = [
            Fixture.node("cp", ready: "True", labels: ["node-role.kubernetes.io/control-plane": ""]),
            Fixture.node("w1", ready: "Unknown", unschedulable: true),
            Fixture.node("w2", ready: "False", labels: ["kubernetes.io/role": "worker"]),
            Fixture.node("w3", ready: nil),
        ]
        let text = ResourcePrinter.render(kind: "Node", objects: nodes, now: now, options: Options(showNamespace: true))
        #expect(
            text == """
                NAME   STATUS                        ROLES           AGE   VERSION
                cp     Ready                         control-plane   10d   v1.32.0
                w1     NotReady,SchedulingDisabled   <none>          10d   v1.32.0
                w2     NotReady                      worker          10d   v1.32.0
                w3     Unknown                       <none>          10d   v1.32.0

                """)
        let wide = ResourcePrinter.table(kind: "Node", objects: [nodes[0]], now: now, options: Options(wide: true))
        #expect(wide.rows[0].suffix(5) == ["127.0.1.1", "<none>", "<unknown>", "<unknown>", "<unknown>"])
    }

    @Test func allNamespaces_labels_andLabelColumns() {
        let pod = Fixture.runningPod(
            "p", created: "2026-11-24T21:45:12Z", ip: "10.244.1.4", node: "w1",
            labels: ["app": "web", "app.kubernetes.io/tier": "front"])
        let options = Options(
            showNamespace: true, showLabels: true, labelColumns: ["app.kubernetes.io/tier", "missing"])
        let table = ResourcePrinter.table(kind: "Pod", objects: [pod], now: now, options: options)
        #expect(
            table.header == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "TIER", "MISSING", "LABELS"])
        #expect(
            table.rows[0] == [
                // kubectl sorts the `k=v` strings: `.` sorts before `=`.
                "default", "p", "1/1", "Running", "0", "0s", "front", "", "app.kubernetes.io/tier=front,app=web",
            ])
    }

    @Test func kindPrefix_onNameColumn() {
        let rows = ResourcePrinter.table(
            kind: "DaemonSet", objects: [Fixture.daemonSet], now: now, options: Options(showKindPrefix: true)
        ).rows
        #expect(rows[0][0] == "daemonset.apps/filebeat-ds")
        let pod = Fixture.runningPod("x", created: "2026-11-24T21:45:12Z", ip: "1.2.3.4", node: "n")
        let podRows = ResourcePrinter.table(
            kind: "Pod", objects: [pod], now: now, options: Options(showKindPrefix: true)
        ).rows
        #expect(podRows[0][0] == "pod/x")
    }

    @Test func deploymentsAndReplicaSets() {
        let spec: JSONValue = [
            "replicas": 3,
            "selector": [
                "matchLabels": ["app": "redis"],
                "matchExpressions": [["key": "tier", "operator": "In", "values": ["db", "cache"]]],
            ],
            "template": [
                "spec": ["containers": [["name": "redis", "image": "redis:7"], ["name": "exp", "image": "exporter"]]]
            ],
        ]
        let deploy: JSONValue = [
            "metadata": Fixture.meta("redis", created: "2026-11-24T21:44:12Z"), "spec": spec,
            "status": ["readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2],
        ]
        let rs: JSONValue = [
            "metadata": Fixture.meta("redis-5c9f8d7b6", created: "2026-11-24T21:44:12Z"), "spec": spec,
            "status": ["replicas": 3, "readyReplicas": 2],
        ]
        let d = ResourcePrinter.table(kind: "Deployment", objects: [deploy], now: now, options: Options(wide: true))
        #expect(
            d.rows[0] == [
                "redis", "2/3", "3", "2", "60s", "redis,exp", "redis:7,exporter", "app=redis,tier in (cache,db)",
            ])
        #expect(
            ResourcePrinter.render(kind: "ReplicaSet", objects: [rs], now: now)
                == "NAME              DESIRED   CURRENT   READY   AGE\nredis-5c9f8d7b6   3         3         2       60s\n"
        )
    }

    @Test func endpoints_listsUpToThreeAddresses() {
        let addresses: [JSONValue] = (1...5).map { ["ip": .string("10.244.\($0).4")] }
        let many: JSONValue = [
            "metadata": Fixture.meta("redis", created: "2026-11-24T21:45:12Z"),
            "subsets": [["addresses": .array(addresses), "ports": [["port": 6379]]]],
        ]
        let one: JSONValue = [
            "metadata": Fixture.meta("one", created: "2026-11-24T21:45:12Z"),
            "subsets": [["addresses": [["ip": "10.244.1.4"]], "ports": [["port": 6379]]]],
        ]
        let none: JSONValue = ["metadata": Fixture.meta("none", created: "2026-11-24T21:45:12Z")]
        let rows = ResourcePrinter.table(kind: "Endpoints", objects: [many, one, none], now: now, options: Options())
            .rows
        #expect(
            rows.map { $0[1] } == [
                "10.244.1.4:6379,10.244.2.4:6379,10.244.3.4:6379 + 2 more...", "10.244.1.4:6379", "<none>",
            ])
    }

    @Test func events_namespacesRevisionsAndUnknownKinds() {
        let event: JSONValue = [
            "metadata": Fixture.meta("filebeat-ds.1", created: "2026-11-24T21:44:12Z"), "type": "Normal",
            "reason": "SuccessfulCreate", "message": "Created pod: filebeat-ds-7kq9s\nsecond line",
            "involvedObject": ["kind": "DaemonSet", "name": "filebeat-ds"], "lastTimestamp": "2026-11-24T21:45:02Z",
        ]
        #expect(
            ResourcePrinter.render(kind: "Event", objects: [event], now: now) == """
                LAST SEEN   TYPE     REASON             OBJECT                  MESSAGE
                10s         Normal   SuccessfulCreate   daemonset/filebeat-ds   Created pod: filebeat-ds-7kq9s...

                """)
        let ns: JSONValue = [
            "metadata": Fixture.meta("default", created: "2026-11-14T21:45:12Z", namespace: nil),
            "status": ["phase": "Active"],
        ]
        #expect(
            ResourcePrinter.render(kind: "Namespace", objects: [ns], now: now)
                == "NAME      STATUS   AGE\ndefault   Active   10d\n")
        var cr: JSONValue = [
            "metadata": Fixture.meta("filebeat-ds-6d5f7", created: "2026-11-24T21:45:12Z"), "revision": 2,
        ]
        cr["metadata"]?["ownerReferences"] = [
            ["apiVersion": "apps/v1", "kind": "DaemonSet", "name": "filebeat-ds", "controller": true]
        ]
        #expect(
            ResourcePrinter.table(kind: "ControllerRevision", objects: [cr], now: now, options: Options()).rows[0] == [
                "filebeat-ds-6d5f7", "daemonset.apps/filebeat-ds", "2", "0s",
            ])
        let other: JSONValue = ["metadata": Fixture.meta("thing", created: "2026-11-24T21:45:00Z")]
        #expect(ResourcePrinter.render(kind: "Widget", objects: [other], now: now) == "NAME    AGE\nthing   12s\n")
    }
}

@Suite("LabelFormat, NamePrinter, GoFormat")
struct PrinterHelperTests {
    @Test func selector_sortedByKey_allOperators() {
        let selector: JSONValue = [
            "matchLabels": ["name": "filebeat"],
            "matchExpressions": [
                ["key": "zone", "operator": "NotIn", "values": ["b", "a"]], ["key": "gpu", "operator": "DoesNotExist"],
                ["key": "disk", "operator": "Exists"], ["key": "env", "operator": "In", "values": ["prod"]],
            ],
        ]
        // Sorted by key, not by text: `!gpu` sorts as `gpu`.
        #expect(LabelFormat.selector(selector) == "disk,env in (prod),!gpu,name=filebeat,zone notin (a,b)")
        #expect(LabelFormat.selector(nil) == "<none>")
        #expect(LabelFormat.selector([:]) == "<none>")
        #expect(LabelFormat.selector(["matchExpressions": [["key": "k", "operator": "Foo"]]]) == "<error>")
        #expect(LabelFormat.selector(["matchExpressions": [["key": "k", "operator": "In"]]]) == "<error>")
        #expect(LabelFormat.labels([:]) == "<none>")
        #expect(LabelFormat.labels(["b": "2", "a": "1"]) == "a=1,b=2")
        // Go sorts the `k=v` strings: a key that extends another with `-` comes first (`-` < `=`), as kubectl prints
        // a namespace's pod-security labels.
        #expect(
            LabelFormat.labels(["p/warn": "privileged", "p/warn-version": "latest"])
                == "p/warn-version=latest,p/warn=privileged")
    }

    @Test func namePrinter_usesGroupQualifiedKinds() {
        #expect(NamePrinter.qualifiedName(kind: "DaemonSet", name: "filebeat-ds") == "daemonset.apps/filebeat-ds")
        #expect(NamePrinter.qualifiedName(kind: "Pod", name: "x") == "pod/x")
        #expect(
            NamePrinter.qualifiedName(kind: "Widget", name: "w", apiVersion: "example.com/v1") == "widget.example.com/w"
        )
        #expect(NamePrinter.line(kind: "Service", name: "redis", operation: "exposed") == "service/redis exposed")
        let objects: [JSONValue] = [
            ["kind": "Node", "metadata": ["name": "n1"]], ["metadata": ["name": "redis"]],
        ]
        #expect(NamePrinter.render(objects: objects, kind: "Service") == "node/n1\nservice/redis\n")
    }

    @Test func goFormat_matchesFmtAndJSON() {
        #expect(GoNumberFormat.formatG(0.5) == "0.5")
        #expect(GoNumberFormat.formatG(100_000) == "100000")
        #expect(GoNumberFormat.formatG(1_000_000) == "1e+06")
        #expect(GoNumberFormat.formatG(0.00001) == "1e-05")
        #expect(GoNumberFormat.formatJSON(1_000_000) == "1000000")
        #expect(GoNumberFormat.formatJSON(1e-7) == "1e-7")
        #expect(
            GoFormat.json(["b": [1, true, nil], "a": "<x>&"]) == #"{"a":"\u003cx\u003e\u0026","b":[1,true,null]}"#)
        #expect(GoFormat.sprint(["b": [1, "x"], "a": nil]) == "map[a:<nil> b:[1 x]]")
    }
}

@Suite("JSONPath and custom columns")
struct JSONPathTests {
    static let list: JSONValue = [
        "kind": "List",
        "items": [
            Fixture.runningPod(
                "a", created: "2026-11-24T21:45:12Z", ip: "10.244.1.4", node: "w1", labels: ["app": "web"]),
            Fixture.runningPod("b", created: "2026-11-24T21:45:12Z", ip: "10.244.2.4", node: "w2"),
        ],
    ]

    @Test(arguments: [
        ("{.items[*].metadata.name}", "a b"),
        ("{.items[0].metadata.name}", "a"),
        ("{.items[-1].spec.nodeName}", "w2"),
        ("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.podIP}{\"\\n\"}{end}", "a\t10.244.1.4\nb\t10.244.2.4\n"),
        ("names: {.items[*].metadata.name}!", "names: a b!"),
        ("{.items[0].status.conditions[?(@.type==\"Ready\")].status}", "True"),
        ("{.items[?(@.spec.nodeName!=\"w1\")].metadata.name}", "b"),
        ("{.items[?(@.metadata.labels.app)].metadata.name}", "a"),
        ("{.items[0].metadata.labels}", #"{"app":"web"}"#),
        ("{.items[0].missing.field}", ""),
        ("{.items[*].metadata['name']}", "a b"),
        ("{.items[0,1].spec.nodeName}", "w1 w2"),
        ("{.items[0:1].metadata.name}", "a"),
        ("{..podIP}", "10.244.1.4 10.244.2.4"),
        ("{.kind}{range .items[*]} {.metadata.name}{end}.", "List a b."),
        (".metadata.name", ".metadata.name"),
    ])
    func evaluate(template: String, expected: String) throws {
        #expect(try JSONPath.evaluate(template: template, on: Self.list) == expected)
    }

    @Test func errors_parseAndExecution() {
        #expect(throws: JSONPathError.parse("unclosed action")) { try JSONPath.evaluate(template: "{.a", on: [:]) }
        #expect(throws: JSONPathError.execution("array index out of bounds: index 5, length 2")) {
            try JSONPath.evaluate(template: "{.items[5]}", on: Self.list)
        }
        #expect(throws: JSONPathError.execution("missing is not found")) {
            try JSONPath("{.missing}", allowMissingKeys: false).render(on: Self.list)
        }
    }

    @Test func customColumns_headersAsGiven_missingIsNone() throws {
        let printer = try CustomColumnsPrinter(
            spec: "NAME:.metadata.name,NODE:spec.nodeName,GATES:{.spec.readinessGates}")
        let items = Self.list["items"]?.arrayValue ?? []
        #expect(
            try printer.render(objects: items) == "NAME   NODE   GATES\na      w1     <none>\nb      w2     <none>\n")
        #expect(throws: JSONPathError.self) { try CustomColumnsPrinter(spec: "NAME") }
        let multi = try CustomColumnsPrinter(spec: "IPS:.status.podIPs[*].ip")
        #expect(try multi.cells(for: ["status": ["podIPs": [["ip": "a"], ["ip": "b"]]]]) == ["a,b"])
        let sliced = try CustomColumnsPrinter(spec: "FIRST:.items[0:1].metadata.name")
        #expect(try sliced.cells(for: Self.list) == ["a"])
    }
}
