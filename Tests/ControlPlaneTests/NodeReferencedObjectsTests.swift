import Foundation
import KubeAPI
import Logging
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// The node authorizer's graph, in process: a node reads the ConfigMaps and Secrets its own pods refer to (get, or
/// list/watch by `metadata.name`), and nothing else, with Kubernetes' Forbidden message.
@Suite struct NodeReferencedObjectsTests {
    static let admin = PeerIdentity(commonName: "admin", organizations: ["system:masters"])
    static let node = PeerIdentity(commonName: "system:node:n1", organizations: ["system:nodes"])

    func makeServer() async throws -> APIServer {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, logger: Logger.forTests("node-references"))
        try api.ensureBuiltIns()
        for name in ["mine", "env", "theirs", "unused"] {
            _ = try await api.handle(
                Self.request(.create, "ConfigMap", object: ["metadata": ["name": .string(name)], "data": ["k": "v"]]),
                from: Self.admin)
        }
        _ = try await api.handle(
            Self.request(.create, "Secret", object: ["metadata": ["name": "creds"], "data": ["k": "dg=="]]),
            from: Self.admin)
        try store.create(
            ObjectKey(kind: "Pod", namespace: "default", name: "on-n1"),
            object: [
                "metadata": ["name": "on-n1", "namespace": "default"],
                "spec": [
                    "nodeName": "n1",
                    "volumes": [["name": "c", "configMap": ["name": "mine"]]],
                    "containers": [[
                        "name": "app",
                        "env": [["name": "P", "valueFrom": ["secretKeyRef": ["name": "creds", "key": "k"]]]],
                        "envFrom": [["configMapRef": ["name": "env"]]],
                    ]],
                ],
            ])
        try store.create(
            ObjectKey(kind: "Pod", namespace: "default", name: "on-n2"),
            object: [
                "metadata": ["name": "on-n2", "namespace": "default"],
                "spec": ["nodeName": "n2", "volumes": [["name": "c", "configMap": ["name": "theirs"]]]],
            ])
        return api
    }

    static func request(_ verb: Verb, _ kind: String, name: String? = nil, object: JSONValue) -> Request {
        var request = Request(verb: verb, kind: kind, namespace: "default", name: name)
        request.object = object
        return request
    }

    func forbiddenMessage(_ api: APIServer, _ request: Request) async -> String? {
        do {
            _ = try await api.handle(request, from: Self.node)
            return nil
        } catch let status as Status {
            return status.code == 403 ? status.message : "code \(status.code)"
        } catch {
            return "\(error)"
        }
    }

    @Test func node_getsWhatItsPodsReferTo() async throws {
        let api = try await makeServer()
        for (kind, name) in [("ConfigMap", "mine"), ("ConfigMap", "env"), ("Secret", "creds")] {
            let object = try await api.handle(
                Request(verb: .get, kind: kind, namespace: "default", name: name), from: Self.node)
            #expect(object?[path: ["metadata", "name"]]?.stringValue == name)
        }
        var byName = Request(verb: .list, kind: "ConfigMap", namespace: "default")
        byName.fieldSelector = "metadata.name=mine"
        let list = try await api.handle(byName, from: Self.node)
        #expect(list?["items"]?.arrayValue?.count == 1)
    }

    @Test func node_isRefusedOtherObjects_withTheRelationshipReason() async throws {
        let api = try await makeServer()
        #expect(
            await forbiddenMessage(api, Request(verb: .get, kind: "ConfigMap", namespace: "default", name: "theirs"))
                == "configmaps \"theirs\" is forbidden: User \"system:node:n1\" cannot get resource \"configmaps\" in "
                + "API group \"\" in the namespace \"default\": no relationship found between node 'n1' and this object")
        #expect(
            await forbiddenMessage(api, Request(verb: .get, kind: "ConfigMap", namespace: "default", name: "unused"))
                != nil)
        #expect(
            await forbiddenMessage(api, Request(verb: .get, kind: "ConfigMap", namespace: "other", name: "mine"))
                != nil)
        // Only one object at a time, and only reads.
        #expect(await forbiddenMessage(api, Request(verb: .list, kind: "ConfigMap", namespace: "default")) != nil)
        var theirs = Request(verb: .watch, kind: "ConfigMap", namespace: "default")
        theirs.fieldSelector = "metadata.name=theirs"
        await #expect(throws: Status.self) { try await api.watch(theirs, from: Self.node) { _ in } }
        #expect(
            await forbiddenMessage(
                api,
                Self.request(.update, "ConfigMap", name: "mine", object: ["metadata": ["name": "mine"]])) != nil)
    }
}
