import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import Wire
import TestSupport

@testable import ControlPlane

/// A write without a client precondition that loses a race with another writer is retried on the newer object; one
/// with a precondition gets the Conflict.
@Suite struct APIServerReplaceTests {
    func makeServer() throws -> APIServer {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, logger: Logger.forTests("test"))
        try api.ensureBuiltIns()
        return api
    }

    final class Interference: Sendable {
        let done = Mutex(false)
        /// The first time it runs, another writer changes the namespace's labels behind the caller's back.
        func once(_ store: any ObjectStorage) throws {
            guard !done.withLock({ let was = $0; $0 = true; return was }) else { return }
            let key = ObjectKey(kind: "Namespace", namespace: "", name: "default")
            var object = try #require(try store.get(key))
            object[path: ["metadata", "labels", "other"]] = "writer"
            _ = try store.update(key, object: object, expectedResourceVersion: nil)
        }
    }

    @Test func unconditionalWrite_losingARace_isRetriedOnTheNewerObject() throws {
        let api = try makeServer()
        let interference = Interference()
        let result = try api.replace(
            .namespace, nil, "default", request: Request(verb: .patch, kind: "Namespace", name: "default"),
            expected: nil
        ) { current in
            try interference.once(api.store)
            var changed = current
            changed[path: ["metadata", "labels", "mine"]] = "patched"
            return changed
        }
        #expect(result[path: ["metadata", "labels", "mine"]] == "patched")
        #expect(result[path: ["metadata", "labels", "other"]] == "writer")
    }

    @Test func writeWithAPrecondition_losingARace_getsConflict() throws {
        let api = try makeServer()
        let current = try #require(try api.store.get(ObjectKey(kind: "Namespace", namespace: "", name: "default")))
        let version = Int64(current[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
        let interference = Interference()
        #expect(throws: Status.conflict(.namespace, name: "default")) {
            try api.replace(
                .namespace, nil, "default", request: Request(verb: .update, kind: "Namespace", name: "default"),
                expected: version
            ) { current in
                try interference.once(api.store)
                return current
            }
        }
    }
}
