import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// The API server answers `as: Table` requests with Kubernetes' `meta.k8s.io/v1 Table`: lists, gets, writes and
/// watches, in process, on an in-memory store and a clock the test moves.
@Suite struct APIServerTablesTests {
    let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])

    /// The server's clock: starts at a fixed time, moves when told.
    final class Clock: Sendable {
        let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { date.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
    }

    func makeServer(_ clock: Clock) async throws -> APIServer {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, now: { clock.now() }, logger: Logger.forTests("test"))
        var namespace = Request(verb: .create, kind: "Namespace")
        namespace.object = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]]
        _ = try await api.handle(namespace, from: admin)
        return api
    }

    func createPod(_ api: APIServer, _ name: String) async throws -> JSONValue {
        var request = Request(verb: .create, kind: "Pod", namespace: "default")
        request.object = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "labels": ["app": "web"]],
            "spec": ["containers": [["name": "c", "image": "busybox:1.36"]]],
        ]
        return try #require(try await api.handle(request, from: admin))
    }

    func tableRequest(_ verb: Verb, name: String? = nil, includeObject: String? = nil) -> Request {
        var request = Request(verb: verb, kind: "Pod", namespace: "default", name: name)
        request.as = "Table"
        request.includeObject = includeObject
        return request
    }

    @Test func list_answersATable_withAgesAsOfTheAnswer_andTheListsVersion() async throws {
        let clock = Clock()
        let api = try await makeServer(clock)
        _ = try await createPod(api, "web-1")
        _ = try await createPod(api, "web-2")
        clock.advance(75)
        let plain = try #require(try await api.handle(Request(verb: .list, kind: "Pod", namespace: "default"), from: admin))
        let answer = try #require(try await api.handle(tableRequest(.list), from: admin))
        #expect(answer["kind"] == "Table")
        #expect(answer["apiVersion"] == "meta.k8s.io/v1")
        #expect(answer[path: ["metadata", "resourceVersion"]] == plain[path: ["metadata", "resourceVersion"]])
        let table = try answer.decode(as: Table.self)
        #expect(table.columnDefinitions == PodColumns.columns)
        #expect(table.rows.map(\.cells) == [
            ["web-1", "0/1", "Pending", "0", "75s", "<none>", "<none>", "<none>", "<none>"],
            ["web-2", "0/1", "Pending", "0", "75s", "<none>", "<none>", "<none>", "<none>"],
        ])
        let object = try #require(table.rows.first?.object)
        #expect(object["kind"] == "PartialObjectMetadata")
        #expect(object[path: ["metadata", "labels"]] == ["app": "web"])
        #expect(object[path: ["metadata", "namespace"]] == "default")
        #expect(object["spec"] == nil)
    }

    @Test func get_andWrites_answerATableOfOneRow() async throws {
        let clock = Clock()
        let api = try await makeServer(clock)
        let pod = try await createPod(api, "web")
        let got = try #require(try await api.handle(tableRequest(.get, name: "web", includeObject: "Object"), from: admin))
        let table = try got.decode(as: Table.self)
        #expect(table.metadata.resourceVersion == pod[path: ["metadata", "resourceVersion"]]?.stringValue)
        #expect(table.rows.count == 1)
        #expect(table.rows.first?.object == pod)

        var patch = tableRequest(.patch, name: "web", includeObject: "None")
        patch.patchType = .merge
        patch.patch = ["metadata": ["labels": ["tier": "front"]]]
        let patched = try #require(try await api.handle(patch, from: admin))
        #expect(patched["rows"]?.arrayValue?.first?["object"] == .null)
        #expect(patched["rows"]?.arrayValue?.first?["cells"]?.arrayValue?.first == "web")
    }

    @Test func unknownConversion_isNotAcceptable_badIncludeObject_isBadRequest_andNothingIsWritten() async throws {
        let api = try await makeServer(Clock())
        var request = Request(verb: .list, kind: "Pod", namespace: "default")
        request.as = "PartialObjectMetadataList"
        do {
            _ = try await api.handle(request, from: admin)
            Issue.record("expected 406")
        } catch let status as Status {
            #expect(status.code == 406)
            #expect(status.reason?.rawValue == "NotAcceptable")
        }
        var create = tableRequest(.create, includeObject: "Everything")
        create.object = ["metadata": ["name": "never"], "spec": ["containers": [["name": "c", "image": "busybox"]]]]
        do {
            _ = try await api.handle(create, from: admin)
            Issue.record("expected 400")
        } catch let status as Status {
            #expect(status.code == 400)
        }
        let list = try #require(try await api.handle(Request(verb: .list, kind: "Pod", namespace: "default"), from: admin))
        #expect(list["items"] == [])
    }

    @Test func watch_sendsOneRowTables_withColumnDefinitionsInTheFirstEventOnly() async throws {
        let clock = Clock()
        let api = try await makeServer(clock)
        _ = try await createPod(api, "a")
        let (events, output) = AsyncStream.makeStream(of: WatchEvent.self)
        let request = tableRequest(.watch)
        let admin = self.admin
        let watch = Task {
            try await api.watch(request, from: admin) { output.yield($0) }
        }
        var iterator = events.makeAsyncIterator()
        let first = try #require(await iterator.next())
        clock.advance(30)
        let created = try await createPod(api, "b")
        let second = try #require(await iterator.next())
        watch.cancel()
        _ = await watch.result

        #expect(first.type == .added)
        #expect(first.object["kind"] == "Table")
        let firstTable = try first.object.decode(as: Table.self)
        #expect(firstTable.columnDefinitions == PodColumns.columns)
        #expect(firstTable.rows.map { $0.cells.first } == ["a"])
        #expect(firstTable.rows.first?.cells[4] == "0s")

        #expect(second.type == .added)
        #expect(second.object["columnDefinitions"] == .null)
        let secondTable = try second.object.decode(as: Table.self)
        #expect(secondTable.rows.map { $0.cells.first } == ["b"])
        #expect(secondTable.metadata.resourceVersion == created[path: ["metadata", "resourceVersion"]]?.stringValue)
        #expect(secondTable.rows.first?.metadata?["name"] == "b")
    }
}
