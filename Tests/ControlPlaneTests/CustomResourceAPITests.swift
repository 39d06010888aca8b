import Foundation
import KubeAPI
import Logging
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// Custom kinds through the API server, in process on an in-memory store: a definition makes its kind servable
/// (resolved, admitted against its schema, listed in discovery and OpenAPI, tabled with its printer columns), the
/// status subresource and generation behave as Kubernetes', strategic merge is refused, and deleting the definition
/// deletes its objects and the kind.
@Suite struct CustomResourceAPITests {
    let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])

    static let definition: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "kind": "Widget", "shortNames": ["wd"]],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                "additionalPrinterColumns": [
                    ["name": "Size", "type": "integer", "jsonPath": ".spec.size"],
                    ["name": "Ready", "type": "string", "jsonPath": ".status.ready"],
                ],
                "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": [
                        "spec": [
                            "type": "object", "required": ["color"],
                            "properties": ["size": ["type": "integer"], "color": ["type": "string"]],
                        ],
                        "status": ["type": "object", "properties": ["ready": ["type": "string"]]],
                    ],
                ]],
            ]],
        ],
    ]

    func makeServer() async throws -> APIServer {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, logger: Logger.forTests("test"))
        var namespace = Request(verb: .create, kind: "Namespace")
        namespace.object = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "default"]]
        _ = try await api.handle(namespace, from: admin)
        var crd = Request(verb: .create, kind: "CustomResourceDefinition")
        crd.object = Self.definition
        _ = try await api.handle(crd, from: admin)
        return api
    }

    func create(_ api: APIServer, _ name: String, spec: JSONValue, status: JSONValue? = nil) async throws -> JSONValue? {
        var request = Request(verb: .create, kind: "Widget", namespace: "default")
        request.object = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": .string(name)], "spec": spec]
        if let status { request.object?["status"] = status }
        return try await api.handle(request, from: admin)
    }

    @Test func theDefinitionIsEstablished_andItsKindServed() async throws {
        let api = try await makeServer()
        let stored = try #require(try await api.handle(
            Request(verb: .get, kind: "CustomResourceDefinition", name: "widgets.example.com"), from: admin))
        #expect(stored[path: ["status", "conditions"]]?.arrayValue?.map { $0["type"] } == ["NamesAccepted", "Established"])
        #expect(stored[path: ["status", "acceptedNames", "kind"]] == "Widget")
        #expect(stored[path: ["status", "storedVersions"]] == ["v1"])
        let widget = try #require(try await create(api, "w1", spec: ["color": "red", "size": 3], status: ["ready": "x"]))
        #expect(widget["apiVersion"] == "example.com/v1")
        #expect(widget[path: ["metadata", "generation"]] == 1)
        #expect(widget["status"] == nil, "a create does not set the status when the status subresource is served")
        // By short name and plural too, as kubectl's names.
        #expect(try await api.handle(Request(verb: .get, kind: "wd", namespace: "default", name: "w1"), from: admin) != nil)
    }

    @Test func invalidObjects_getKubernetesMessages() async throws {
        let api = try await makeServer()
        await #expect(throws: Status.self) { _ = try await create(api, "w2", spec: ["color": "red", "size": "big"]) }
        do {
            _ = try await create(api, "w2", spec: ["color": "red", "size": "big"])
        } catch let status as Status {
            #expect(status.code == 422)
            #expect(status.message == #"Widget.example.com "w2" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string""#)
            #expect(status.details?.kind == "Widget")
        }
        do {
            _ = try await create(api, "w3", spec: ["size": 2])
        } catch let status as Status {
            #expect(status.message == #"Widget.example.com "w3" is invalid: spec.color: Required value"#)
        }
        do {
            _ = try await create(api, "w4", spec: ["color": "red", "foo": 1])
        } catch let status as Status {
            #expect(status.code == 400)
            #expect(status.message == #"Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.foo""#)
        }
    }

    @Test func statusSubresource_andGeneration() async throws {
        let api = try await makeServer()
        _ = try await create(api, "w1", spec: ["color": "red", "size": 1])
        var status = Request(verb: .patch, kind: "Widget", namespace: "default", name: "w1")
        status.subresource = "status"
        status.patchType = .merge
        status.patch = ["status": ["ready": "yes"], "spec": ["size": 9]]
        let afterStatus = try #require(try await api.handle(status, from: admin))
        #expect(afterStatus[path: ["status", "ready"]] == "yes")
        #expect(afterStatus[path: ["spec", "size"]] == 1, "a status write keeps the rest")
        #expect(afterStatus[path: ["metadata", "generation"]] == 1)
        var main = Request(verb: .patch, kind: "Widget", namespace: "default", name: "w1")
        main.patchType = .merge
        main.patch = ["status": ["ready": "no"], "spec": ["size": 2]]
        let afterMain = try #require(try await api.handle(main, from: admin))
        #expect(afterMain[path: ["status", "ready"]] == "yes", "a write to the object keeps the status")
        #expect(afterMain[path: ["spec", "size"]] == 2)
        #expect(afterMain[path: ["metadata", "generation"]] == 2)
        var labels = Request(verb: .patch, kind: "Widget", namespace: "default", name: "w1")
        labels.patchType = .merge
        labels.patch = ["metadata": ["labels": ["a": "b"]]]
        #expect(try await api.handle(labels, from: admin)?[path: ["metadata", "generation"]] == 2)
        var strategic = Request(verb: .patch, kind: "Widget", namespace: "default", name: "w1")
        strategic.patch = ["spec": ["size": 3]]
        do {
            _ = try await api.handle(strategic, from: admin)
            Issue.record("a strategic merge patch of a custom object was accepted")
        } catch let status as Status {
            #expect(status.code == 415)
        }
    }

    @Test func tablesDiscoveryAndOpenAPI_comeFromTheDefinition() async throws {
        let api = try await makeServer()
        _ = try await create(api, "w1", spec: ["color": "red", "size": 3])
        var list = Request(verb: .list, kind: "Widget", namespace: "default")
        list.as = "Table"
        let table = try #require(try await api.handle(list, from: admin)).decode(as: Table.self)
        #expect(table.columnDefinitions.map(\.name) == ["Name", "Size", "Ready"])
        #expect(table.rows.map(\.cells) == [["w1", 3, .null]])
        let groups = try #require(try await api.handle(
            Request(verb: .get, kind: APIDiscoveryRequest.requestKind, name: APIDiscoveryRequest.groupsName), from: admin))
        let example = try #require(groups["items"]?.arrayValue?.first { $0[path: ["metadata", "name"]] == "example.com" })
        let resource = try #require(example["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first)
        #expect(resource["resource"] == "widgets")
        #expect(resource["shortNames"] == ["wd"])
        #expect(resource["subresources"]?.arrayValue?.first?["subresource"] == "status")
        let document = try #require(try await api.handle(
            Request(verb: .get, kind: OpenAPIV3.requestKind, name: "v3/apis/example.com/v1"), from: admin))
        let schema = try #require(document[path: ["components", "schemas", "com.example.v1.Widget"]])
        #expect(schema[path: ["properties", "spec", "required"]] == ["color"])
        #expect(schema["x-kubernetes-group-version-kind"] == [["group": "example.com", "version": "v1", "kind": "Widget"]])
        let index = try #require(try await api.handle(Request(verb: .get, kind: OpenAPIV3.requestKind, name: "v3"), from: admin))
        #expect(index[path: ["paths", "apis/example.com/v1"]] != nil)
    }

    @Test func deletingTheDefinition_deletesItsObjectsAndTheKind() async throws {
        let api = try await makeServer()
        _ = try await create(api, "w1", spec: ["color": "red"])
        _ = try await api.handle(
            Request(verb: .delete, kind: "CustomResourceDefinition", name: "widgets.example.com"), from: admin)
        #expect(try api.store.list(kind: "Widget", namespace: nil).items.isEmpty)
        do {
            _ = try await api.handle(Request(verb: .list, kind: "Widget", namespace: "default"), from: admin)
            Issue.record("the kind is still served")
        } catch let status as Status {
            #expect(status.message == #"the server doesn't have a resource type "Widget""#)
        }
        let groups = try #require(try await api.handle(
            Request(verb: .get, kind: APIDiscoveryRequest.requestKind, name: APIDiscoveryRequest.groupsName), from: admin))
        #expect(groups["items"]?.arrayValue?.contains { $0[path: ["metadata", "name"]] == "example.com" } == false)
    }

    @Test func theKindIsServedAgainAfterARestart_fromTheStoredDefinition() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        var crd = Request(verb: .create, kind: "CustomResourceDefinition")
        crd.object = Self.definition
        _ = try await APIServer(store: store, logger: Logger.forTests("test")).handle(crd, from: admin)
        let restarted = APIServer(store: store, logger: Logger.forTests("test"))
        #expect(try restarted.resolve("widgets") == restarted.customResources.types.first?.kind)
    }
}
