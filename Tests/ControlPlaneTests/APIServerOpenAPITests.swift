import KubeAPI
import Logging
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// `get OpenAPI`: the API server answers Kubernetes' `/openapi/v3` index and per-group-version documents.
@Suite struct APIServerOpenAPITests {
    let user = PeerIdentity(commonName: "jane", organizations: [])

    func makeServer() throws -> APIServer {
        APIServer(store: try ObjectStore(inMemoryWithWatchWindow: 100), logger: Logger.forTests("test"))
    }

    @Test func index_thenTheDocumentItPointsTo() async throws {
        let api = try makeServer()
        let index = try #require(
            try await api.handle(Request(verb: .get, kind: "OpenAPI", name: "v3"), from: user))
        let url = try #require(index["paths"]?["apis/apps/v1"]?["serverRelativeURL"]?.stringValue)
        let name = OpenAPIV3.requestName(forPath: url)
        let document = try #require(try await api.handle(Request(verb: .get, kind: "OpenAPI", name: name), from: user))
        #expect(document["components"]?["schemas"]?["io.k8s.api.apps.v1.DaemonSet"]?["x-kubernetes-group-version-kind"]
            == [["group": "apps", "version": "v1", "kind": "DaemonSet"]])
        let withoutName = try await api.handle(Request(verb: .get, kind: "OpenAPI"), from: user)
        #expect(withoutName == index)
    }

    @Test func unknownDocument_isNotFound_andOtherVerbsAreNotAllowed() async throws {
        let api = try makeServer()
        await #expect(throws: Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")) {
            try await api.handle(Request(verb: .get, kind: "OpenAPI", name: "v3/apis/autoscaling/v2"), from: user)
        }
        do {
            _ = try await api.handle(Request(verb: .list, kind: "OpenAPI"), from: user)
            Issue.record("list OpenAPI answered")
        } catch let status as Status {
            #expect(status.code == 405)
        }
    }
}
