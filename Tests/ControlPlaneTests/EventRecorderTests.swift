import Foundation
import KubeAPI
import Logging
import Testing
import Wire
import TestSupport

@testable import ControlPlane

@Suite struct EventRecorderTests {
    func makeRecorder() throws -> (EventRecorder, APIServer) {
        let store = try ObjectStore(inMemoryWithWatchWindow: 100)
        let api = APIServer(store: store, logger: Logger.forTests("test"))
        try api.ensureBuiltIns()
        return (EventRecorder(client: InProcessClient(api: api), component: "test", maxRecent: 8), api)
    }

    func reference(_ name: String) -> ObjectReference {
        var reference = ObjectReference()
        reference.kind = "Pod"
        reference.namespace = "default"
        reference.name = name
        reference.uid = "uid-\(name)"
        return reference
    }

    @Test func repeatedEvent_isOneEventWithAGrowingCount() async throws {
        let (recorder, api) = try makeRecorder()
        for _ in 0..<3 {
            await recorder.record(reference("p"), type: "Warning", reason: "BackOff", message: "Back-off")
        }
        let events = try await InProcessClient(api: api).list(Event.self, namespace: "default", options: ListOptions()).items
        #expect(events.count == 1)
        #expect(events.first?.count == 3)
    }

    @Test func aggregationTable_staysBounded() async throws {
        let (recorder, _) = try makeRecorder()
        for index in 0..<(recorder.maxRecent + 10) {
            await recorder.record(reference("p\(index)"), type: "Normal", reason: "Created", message: "pod \(index)")
        }
        #expect(recorder.rememberedCount <= recorder.maxRecent)
        #expect(recorder.rememberedCount > 0)
    }
}
