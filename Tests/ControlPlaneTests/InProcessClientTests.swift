import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// The in-process write path: typed value → lifecycle and admission on the typed value → one encoding for the store,
/// answering the admitted value itself; never the JSON entry of admission (strict decoding of a request).
@Suite struct InProcessClientTests {
    /// Wraps the production admission of one kind and counts which entry the API server calls.
    final class CountingAdmission: KindAdmission {
        let wrapped: any KindAdmission
        let jsonCalls = Mutex(0)
        let typedCalls = Mutex(0)

        init(_ wrapped: any KindAdmission) { self.wrapped = wrapped }

        var kind: ResourceKind { wrapped.kind }

        func admitCreate(_ object: JSONValue) throws -> JSONValue {
            jsonCalls.withLock { $0 += 1 }
            return try wrapped.admitCreate(object)
        }

        func admitUpdate(_ object: JSONValue, old: JSONValue) throws -> JSONValue {
            jsonCalls.withLock { $0 += 1 }
            return try wrapped.admitUpdate(object, old: old)
        }

        func admitCreate<R: APIResource>(typed object: R) throws -> R {
            typedCalls.withLock { $0 += 1 }
            return try wrapped.admitCreate(typed: object)
        }

        func admitUpdate<R: APIResource>(typed object: R, old: R) throws -> R {
            typedCalls.withLock { $0 += 1 }
            return try wrapped.admitUpdate(typed: object, old: old)
        }
    }

    let counting: CountingAdmission
    let api: APIServer
    let client: InProcessClient

    init() throws {
        let counting = CountingAdmission(AdmissionRegistry.podAdmission)
        self.counting = counting
        let admissions: [any KindAdmission] = [counting] + AdmissionRegistry.all.filter { $0.kind != .pod }
        api = APIServer(
            store: try ObjectStore(inMemoryWithWatchWindow: 100), admissions: admissions,
            logger: Logger.forTests("in-process"))
        try api.ensureBuiltIns()
        client = InProcessClient(api: api)
    }

    static func pod(_ name: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "default"),
            spec: PodSpec(containers: [Container(name: "main", image: "busybox:1.36")]))
    }

    @Test func typedWrites_useTheTypedAdmission_andAnswerTheStoredVersion() async throws {
        let created = try await client.create(Self.pod("p"), namespace: "default", options: WriteOptions())
        var running = created
        running.status.phase = "Running"
        let updated = try await client.updateStatus(running, options: WriteOptions())
        #expect(counting.typedCalls.withLock { $0 } == 2)
        #expect(counting.jsonCalls.withLock { $0 } == 0)

        // The answers carry what the store holds: the resourceVersion it assigned, the defaults admission applied.
        let stored = try #require(try api.store.get(ObjectKey(kind: "Pod", namespace: "default", name: "p")))
        #expect(updated.metadata.resourceVersion == stored[path: ["metadata", "resourceVersion"]]?.stringValue)
        #expect(try stored.decode(as: Pod.self) == updated)
        #expect(created.spec.restartPolicy == "Always")
        #expect(updated.status.phase == "Running")

        // The wire path goes through the JSON entry.
        var request = Request(verb: .create, kind: "Pod", namespace: "default")
        request.object = try JSONValue(encoding: Self.pod("q"))
        _ = try await api.handle(request, from: InProcessClient.controllerManager)
        #expect(counting.jsonCalls.withLock { $0 } == 1)
    }

    /// One set of lifecycle rules for both paths: the same DaemonSet created through JSON and typed is stored alike.
    @Test func typedAndJSONCreates_storeTheSameObject() async throws {
        let labels = ["app": "x"]
        func daemonSet(_ name: String) -> DaemonSet {
            DaemonSet(
                metadata: ObjectMeta(name: name, namespace: "default"),
                spec: DaemonSetSpec(selector: LabelSelector(matchLabels: labels),
                                    template: PodTemplateSpec(metadata: ObjectMeta(labels: labels),
                                                              spec: PodSpec(containers: [Container(name: "c", image: "i")]))))
        }
        let typed = try await client.create(daemonSet("typed"), namespace: "default", options: WriteOptions())
        var request = Request(verb: .create, kind: "DaemonSet", namespace: "default")
        request.object = try JSONValue(encoding: daemonSet("json"))
        let json = try #require(try await api.handle(request, from: InProcessClient.controllerManager))
        func normalised(_ object: JSONValue) -> JSONValue {
            var object = object
            for field in ["name", "uid", "resourceVersion", "creationTimestamp"] { object[path: ["metadata", field]] = nil }
            // The managers' times, like creationTimestamp, may fall in different seconds.
            object[path: ["metadata", "managedFields"]] = object[path: ["metadata", "managedFields"]]?.arrayValue.map {
                .array($0.map { entry in var entry = entry; entry["time"] = nil; return entry })
            }
            return object
        }
        #expect(normalised(try JSONValue(encoding: typed)) == normalised(json))

        // And an update through each bumps generation and the template generation alike.
        var changedTyped = typed
        changedTyped.spec.template.spec.containers[0].image = "j"
        let updatedTyped = try await client.update(changedTyped, options: WriteOptions())
        var changedJSON = json
        changedJSON[path: ["spec", "template", "spec", "containers"]] = [["name": "c", "image": "j"]]
        var update = Request(verb: .update, kind: "DaemonSet", namespace: "default", name: "json")
        update.object = changedJSON
        let updatedJSON = try #require(try await api.handle(update, from: InProcessClient.controllerManager))
        #expect(updatedTyped.metadata.generation == 2)
        #expect(normalised(try JSONValue(encoding: updatedTyped)) == normalised(updatedJSON))
    }
}
