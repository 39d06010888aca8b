import Foundation
import KubeAPI
import Logging
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// Server-side apply through the API server (the verb every front door uses), and managedFields on its other writes.
@Suite struct APIServerApplyTests {
    let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])

    func makeServer() throws -> APIServer {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, logger: Logger.forTests("test"))
        try api.ensureBuiltIns()
        return api
    }

    static func deployment(replicas: Int64) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "redis", "labels": ["app": "redis"]],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": ["app": "redis"]],
                "template": [
                    "metadata": ["labels": ["app": "redis"]],
                    "spec": ["containers": [["name": "redis", "image": "redis:7"]]],
                ],
            ],
        ]
    }

    func apply(_ api: APIServer, _ config: JSONValue, manager: String?, force: Bool? = nil, dryRun: Bool? = nil)
        async throws -> (object: JSONValue, created: Bool)
    {
        var request = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "redis")
        request.patch = config
        request.patchType = .apply
        request.fieldManager = manager
        request.force = force
        request.dryRun = dryRun
        return try await api.applyAnswer(request, from: admin)
    }

    static func managers(_ object: JSONValue) -> [String] {
        FieldOwnership.entries(of: object).map { "\($0.manager)/\($0.operation.rawValue)" }
    }

    @Test func apply_createsThenUpdates_andANoOpKeepsTheResourceVersion() async throws {
        let api = try makeServer()
        let (created, wasCreated) = try await apply(api, Self.deployment(replicas: 1), manager: "kubectl")
        #expect(wasCreated)
        #expect(created[path: ["metadata", "uid"]]?.stringValue?.isEmpty == false)
        #expect(created[path: ["spec", "strategy", "type"]] == "RollingUpdate", "defaults applied")
        #expect(Self.managers(created) == ["kubectl/Apply"])
        #expect(created[path: ["metadata", "managedFields"]]?.arrayValue?.first?["apiVersion"] == "apps/v1")

        let (again, createdAgain) = try await apply(api, Self.deployment(replicas: 1), manager: "kubectl")
        #expect(!createdAgain)
        #expect(again[path: ["metadata", "resourceVersion"]] == created[path: ["metadata", "resourceVersion"]])

        let (scaled, _) = try await apply(api, Self.deployment(replicas: 3), manager: "kubectl")
        #expect(scaled[path: ["spec", "replicas"]] == 3)
        #expect(scaled[path: ["metadata", "resourceVersion"]] != created[path: ["metadata", "resourceVersion"]])
        #expect(scaled[path: ["metadata", "generation"]] == 2)
    }

    @Test func conflictingManagers_get409WithKubernetesCauses_andForceTakesTheField() async throws {
        let api = try makeServer()
        _ = try await apply(api, Self.deployment(replicas: 1), manager: "a")
        do {
            _ = try await apply(api, Self.deployment(replicas: 2), manager: "b")
            Issue.record("no conflict")
        } catch let status as Status {
            #expect(status.code == 409 && status.reason == .conflict)
            #expect(status.message == #"Apply failed with 1 conflict: conflict with "a": .spec.replicas"#)
            #expect(status.details?.causes == [
                StatusCause(reason: "FieldManagerConflict", message: #"conflict with "a""#, field: ".spec.replicas"),
            ])
        }
        let (forced, _) = try await apply(api, Self.deployment(replicas: 2), manager: "b", force: true)
        #expect(forced[path: ["spec", "replicas"]] == 2)
        let owners = FieldOwnership.entries(of: forced)
        #expect(owners.first { $0.manager == "b" }?.fields.contains([.field("spec"), .field("replicas")]) == true)
        #expect(owners.first { $0.manager == "a" }?.fields.contains([.field("spec"), .field("replicas")]) == false)
    }

    @Test func updatesRecordTheirManager_andAnApplyConflictsWithThem() async throws {
        let api = try makeServer()
        var create = Request(verb: .create, kind: "Deployment", namespace: "default")
        create.object = Self.deployment(replicas: 1)
        create.fieldManager = "kubectl-client-side-apply"
        let created = try #require(try await api.handle(create, from: admin))
        #expect(Self.managers(created) == ["kubectl-client-side-apply/Update"])

        var scale = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "redis")
        scale.patch = ["spec": ["replicas": 4]]
        scale.patchType = .merge
        scale.fieldManager = "kubectl-scale"
        let scaled = try #require(try await api.handle(scale, from: admin))
        #expect(Self.managers(scaled) == ["kubectl-client-side-apply/Update", "kubectl-scale/Update"])

        do {
            _ = try await apply(api, Self.deployment(replicas: 2), manager: "kubectl")
            Issue.record("no conflict")
        } catch let status as Status {
            #expect(status.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas"#)
            #expect(status.details?.causes?.first?.message == #"conflict with "kubectl-scale" using apps/v1"#)
        }

        // Without a manager, a frame-protocol write is the client's: kctl for an administrator.
        var label = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "redis")
        label.patch = ["metadata": ["labels": ["tier": "cache"]]]
        label.patchType = .merge
        let labelled = try #require(try await api.handle(label, from: admin))
        #expect(Self.managers(labelled).contains("kctl/Update"))
        // A write that changes nothing changes nothing.
        let same = try #require(try await api.handle(label, from: admin))
        #expect(same[path: ["metadata", "resourceVersion"]] == labelled[path: ["metadata", "resourceVersion"]])
    }

    @Test func applyOptions_areCheckedAsKubernetesChecksThem() async throws {
        let api = try makeServer()
        do {
            _ = try await apply(api, Self.deployment(replicas: 1), manager: nil)
            Issue.record("no error")
        } catch let status as Status {
            #expect(status.code == 422 && status.reason == .invalid)
            #expect(status.message
                == #"PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch"#)
        }
        var merge = Request(verb: .patch, kind: "Deployment", namespace: "default", name: "redis")
        merge.patch = [:]
        merge.patchType = .merge
        merge.force = false
        await #expect(throws: Status.self) { try await api.handle(merge, from: self.admin) }

        var wrongVersion = Self.deployment(replicas: 1)
        wrongVersion["apiVersion"] = "apps/v1beta1"
        await #expect(throws: Status.self) { try await self.apply(api, wrongVersion, manager: "kubectl") }

        // A dry run creates nothing.
        let (dry, created) = try await apply(api, Self.deployment(replicas: 1), manager: "kubectl", dryRun: true)
        #expect(created && dry[path: ["metadata", "name"]] == "redis")
        #expect(try api.store.get(ObjectKey(kind: "Deployment", namespace: "default", name: "redis")) == nil)
    }

    @Test func typedWrites_recordTheComponentAsManager() async throws {
        let api = try makeServer()
        let controller = PeerIdentity(commonName: "system:kube-controller-manager", organizations: ["system:masters"])
        let configMap = ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "default"), data: ["a": "1"])
        let created = try await api.typedCreate(configMap, namespace: "default", options: WriteOptions(), from: controller)
        let entries = FieldOwnership.entries(of: try #require(created.metadata.managedFields).wrappedInMetadata)
        #expect(entries.map(\.manager) == ["kube-controller-manager"])
        #expect(entries.first?.fields.contains([.field("data"), .field("a")]) == true)
        let stored = try #require(try api.store.get(ObjectKey(kind: "ConfigMap", namespace: "default", name: "settings")))
        #expect(stored[path: ["metadata", "managedFields"]] == created.metadata.managedFields)
    }
}

extension JSONValue {
    /// `self` as an object's `metadata.managedFields`.
    fileprivate var wrappedInMetadata: JSONValue { ["metadata": ["managedFields": self]] }
}
