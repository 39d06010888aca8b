import Foundation
import KubeAPI
import Logging
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// Deleting a batch/v1 Job without a propagation policy keeps its pods (released, with Kubernetes' warning), as
/// upstream's default for that version; with `Background` they go with it.
@Suite struct JobDeletionTests {
    static let admin = PeerIdentity(commonName: "admin", organizations: ["system:masters"])

    func makeServer(_ store: ObjectStore) throws -> APIServer {
        let api = APIServer(store: store, logger: Logger.forTests("job-delete"))
        try api.ensureBuiltIns()
        try store.create(ObjectKey(kind: "Job", namespace: "default", name: "pi"),
                         object: ["metadata": ["name": "pi", "namespace": "default", "uid": "job-uid"]])
        try store.create(ObjectKey(kind: "Pod", namespace: "default", name: "pi-x"), object: [
            "metadata": [
                "name": "pi-x", "namespace": "default", "uid": "pod-uid",
                "ownerReferences": [["kind": "Job", "name": "pi", "uid": "job-uid", "controller": true]],
            ],
        ])
        return api
    }

    @Test func withoutAPolicy_thePodsStay_andTheClientIsWarned() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = try makeServer(store)
        let sink = WireWarnings.Sink()
        try await WireWarnings.$sink.withValue(sink) {
            _ = try await api.handle(Request(verb: .delete, kind: "Job", namespace: "default", name: "pi"), from: Self.admin)
        }
        #expect(sink.texts == [APIServer.jobOrphanWarning])
        #expect(try store.get(ObjectKey(kind: "Job", namespace: "default", name: "pi")) == nil)
        let pod = try store.get(ObjectKey(kind: "Pod", namespace: "default", name: "pi-x"))
        #expect(pod != nil && pod?[path: ["metadata", "ownerReferences"]] == nil)
    }

    @Test func otherKindsAndExplicitPolicies_areUnchanged() {
        #expect(APIServer.defaultPropagationPolicy(for: .cronJob) == "Background")
        #expect(APIServer.defaultPropagationPolicy(for: .replicaSet) == "Background")
        #expect(APIServer.defaultPropagationPolicy(for: .job) == "Orphan")
    }
}
