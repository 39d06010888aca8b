import KubeAPI
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// The controller manager's feed survives the store cutting its informer's watch off as too slow: the informer relists,
/// every key of the controllers that watch the kind is resynced, and the watch starts again, so no change is lost.
@Suite(.timeLimit(.minutes(1))) struct ControllerManagerResyncTests {
    @Test func cutOffFeed_resyncsAllKeys_andKeepsWatching() async throws {
        let store = try ObjectStore(inMemoryWithWatchWindow: 1000, subscriberBuffer: 5)
        let api = APIServer(store: store, logger: Logger.forTests("manager"))
        try api.ensureBuiltIns()
        let controller = GatedController()
        let manager = ControllerManager(
            informers: SharedInformers(), client: InProcessClient(api: api), controllers: [controller],
            logger: Logger.forTests("manager"))
        let group = ServiceGroup(services: [manager], logger: Logger.forTests("group"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await eventually(within: .seconds(10), "the first sync of every key") { () -> Bool? in
                controller.state.withLock { $0.initialKeyCalls == 1 } && store.watchHub.subscriberCount == 1 ? true : nil
            }

            // The feed blocks on the first event while 20 more pile up: past the buffer of 5, the store cuts it off.
            for index in 0..<21 { try store.create(Self.key("cm-\(index)"), object: Self.configMap("cm-\(index)")) }
            try await eventually(within: .seconds(10), "the cut-off") { () -> Bool? in
                store.watchHub.subscriberCount == 0 ? true : nil
            }
            controller.open()

            // It resyncs (initial keys again) and watches anew: a later change reaches the controller.
            try await eventually(within: .seconds(10), "the resync") { () -> Bool? in
                controller.state.withLock { $0.initialKeyCalls == 2 } ? true : nil
            }
            try store.create(Self.key("late"), object: Self.configMap("late"))
            try await eventually(within: .seconds(10), "the later change") { () -> Bool? in
                controller.state.withLock { $0.seen.contains("default/late") } ? true : nil
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func key(_ name: String) -> ObjectKey { ObjectKey(kind: "ConfigMap", namespace: "default", name: name) }

    static func configMap(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"]]
    }
}

/// A controller of ConfigMaps whose event handling waits at a gate until the test opens it.
private final class GatedController: Controller {
    struct State {
        var initialKeyCalls = 0
        var seen: Set<String> = []
        var gateOpen = false
    }

    let state = Mutex(State())
    let name = "gated"
    let watchedKinds = [ResourceKind.configMap]

    func open() { state.withLock { $0.gateOpen = true } }

    func keys(for event: InformerEvent) async -> [String] {
        while !state.withLock({ $0.gateOpen }) { try? await Task.sleep(for: .milliseconds(5)) }
        state.withLock { _ = $0.seen.insert(event.key) }
        return []
    }

    func initialKeys() async -> [String] {
        state.withLock { $0.initialKeyCalls += 1 }
        return []
    }

    func sync(_ key: String) async throws -> Duration? { nil }
}
