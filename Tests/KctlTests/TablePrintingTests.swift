import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// kctl prints the tables the server computes: headers from the column definitions, wide columns by priority, and
/// namespace, labels and kind prefixes from each row's object; `get -w` reads tables from its list and watch.
@Suite struct TablePrintingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func row(_ name: String, namespace: String, labels: JSONValue, cells: [JSONValue]) -> TableRow {
        TableRow(
            cells: cells,
            object: ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                     "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels,
                                  "resourceVersion": "7", "uid": .string("uid-\(name)")]])
    }

    var served: Table {
        Table(
            resourceVersion: "9",
            columnDefinitions: [
                .name(), TableColumnDefinition(name: "Desired", type: "integer", description: "d"),
                TableColumnDefinition(name: "Node Selector", description: "s"),
                TableColumnDefinition(name: "Images", description: "i", priority: 1),
            ],
            rows: [
                row("agent", namespace: "kube-system", labels: ["app": "agent", "tier": "node"],
                    cells: ["agent", 3, "<none>", "busybox:1.36"]),
                row("web", namespace: "default", labels: [:], cells: ["web", 12, "disk=ssd", "nginx\nx"]),
            ])
    }

    @Test func headersFromDefinitions_wideByPriority_integersPrinted() {
        let narrow = ResourcePrinter.table(served, kind: "DaemonSet", options: .init())
        #expect(narrow.header == ["NAME", "DESIRED", "NODE SELECTOR"])
        #expect(narrow.rows == [["agent", "3", "<none>"], ["web", "12", "disk=ssd"]])
        let wide = ResourcePrinter.table(served, kind: "DaemonSet", options: .init(wide: true))
        #expect(wide.header.last == "IMAGES")
        #expect(wide.rows.map { $0.last } == ["busybox:1.36", "nginx..."])
    }

    @Test func namespaceLabelsAndKindPrefix_comeFromTheRowObjects() {
        let options = ResourcePrinter.Options(
            showNamespace: true, showLabels: true, labelColumns: ["tier"], showKindPrefix: true)
        let table = ResourcePrinter.table(served, kind: "DaemonSet", options: options)
        #expect(table.header == ["NAMESPACE", "NAME", "DESIRED", "NODE SELECTOR", "TIER", "LABELS"])
        #expect(table.rows == [
            ["kube-system", "daemonset.apps/agent", "3", "<none>", "node", "app=agent,tier=node"],
            ["default", "daemonset.apps/web", "12", "disk=ssd", "", "<none>"],
        ])
        // Without row objects (includeObject None) kubectl prints those cells blank.
        var bare = served
        bare.rows = bare.rows.map { TableRow(cells: $0.cells, object: nil) }
        #expect(ResourcePrinter.table(bare, kind: "DaemonSet", options: options).rows[0] == [
            "", "daemonset.apps/agent", "3", "<none>", "", "<none>",
        ])
    }

    @Test func aTableThatCrossedTheWire_printsAsTheObjectsDo() throws {
        let pod: JSONValue = [
            "metadata": ["name": "web", "namespace": "default", "creationTimestamp": .string(Timestamp.format(now - 90))],
            "spec": ["containers": [["name": "c"]]], "status": ["phase": "Pending"],
        ]
        let table = TableConvertor.table(kind: "Pod", objects: [pod], now: now)
        let received = try JSONValue(encoding: table).decode(as: Table.self)
        let options = ResourcePrinter.Options(wide: true, showNamespace: true)
        #expect(
            ResourcePrinter.render(received, kind: "Pod", options: options)
                == ResourcePrinter.render(kind: "Pod", objects: [pod], now: now, options: options))
        #expect(ResourcePrinter.render(received, kind: "Pod").hasPrefix("NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Pending   0          90s\n"))
    }

    @Test func getRenderer_rendersServerTables_andSaysWhenThereAreNone() {
        let renderer = GetRenderer(
            format: .table, now: now, allNamespaces: false, showLabels: false, labelColumns: [], noHeaders: true,
            namespace: "default")
        // Without headers, widths are the rows' own, as kubectl 1.32's (checked against it).
        #expect(renderer.renderTables([(.daemonSet, served)]).stdout == "agent   3     <none>\nweb     12    disk=ssd\n")
        let empty = renderer.renderTables([(.daemonSet, Table(columnDefinitions: DaemonSetColumns.columns, rows: []))])
        #expect(empty.stdout == "")
        #expect(empty.stderr == "No resources found in default namespace.")
    }

    @Test func watchTransport_asksForTables_andHandsRowsToTheWatcherAsItems() async throws {
        typealias R = RetryingWatcherTests
        let definitions = served.columnDefinitions
        var later = Table(resourceVersion: "12", columnDefinitions: [], rows: [served.rows[1]])
        later.rows[0].cells[1] = 13
        let server = R.FakeServer(
            .init(
                lists: [.success(served.json)],
                watches: [([WatchEvent(type: .modified, object: later.json)], .stays)]))
        var updates: [WatchUpdate] = []
        let list = Request(verb: .list, kind: "DaemonSet", namespace: "default")
        let clock = R.ManualClock()
        try await RetryingWatcher(list: list, policy: WatchRetry.Policy(window: .seconds(30)), clock: clock.clock)
            .run(TableWatchTransport(base: R.FakeTransport(server: server))) {
                updates.append($0)
                return updates.count == 2
            }
        #expect(server.calls == ["c0 list", "c0 watch from 9"])
        guard case .listed(let items) = updates.first, case .event(let event) = updates.last else {
            Issue.record("unexpected updates \(updates)")
            return
        }
        #expect(items.map { $0[path: ["metadata", "name"]] } == ["agent", "web"])
        #expect(TableRowItem.table(items)?.rows == served.rows)
        #expect(event.type == .modified)
        // The watch event had no column definitions: the list's are used.
        let table = try #require(TableRowItem.table([event.object]))
        #expect(table.columnDefinitions == definitions)
        #expect(ResourcePrinter.table(table, kind: "DaemonSet", options: .init()).rows == [["web", "13", "disk=ssd"]])
    }

    @Test func watchTransport_setsTheTableMembersOnItsRequests() {
        let request = TableWatchTransport<RetryingWatcherTests.FakeTransport>.Connection.asTable(
            Request(verb: .watch, kind: "Pod"))
        #expect(request.as == "Table")
        #expect(request.includeObject == "Metadata")
    }
}
