import Foundation
import KubeAPI
import Logging
import ServiceLifecycle
import Wire

/// Runs the controllers: one work queue and one worker per controller, fed by watches on the store.
struct ControllerManager: Service {
    let store: ObjectStore
    let controllers: [any Controller]
    let logger: Logger

    func run() async throws {
        await withDiscardingTaskGroup { group in
            var queues: [WorkQueue<String>] = []
            for controller in controllers {
                let queue = WorkQueue<String>()
                queues.append(queue)
                group.addTask { await work(controller, queue) }
            }
            let routes = Dictionary(grouping: zip(controllers, queues).flatMap { controller, queue in
                controller.watchedKinds.map { ($0, (controller, queue)) }
            }, by: \.0).mapValues { $0.map(\.1) }
            for (kind, targets) in routes {
                group.addTask { await pump(kind, to: targets) }
            }
            group.addTask {
                // Stop the workers when the service is asked to stop (or cancelled).
                try? await gracefulShutdown()
                for queue in queues { await queue.shutDown() }
            }
        }
    }

    /// Feeds one kind's changes to the controllers that watch it. When the store cuts the watch off as too slow
    /// (a burst the controllers fell 1,000 events behind), it resyncs as an informer relists: every controller
    /// that watches the kind gets all its keys again, and the watch starts over from the current version.
    private func pump(_ kind: ResourceKind, to targets: [(any Controller, WorkQueue<String>)]) async {
        while !Task.isCancelled {
            let events: WatchStream
            do {
                events = try store.watch(kind: kind.kind, namespace: nil, fromResourceVersion: store.resourceVersion)
            } catch {
                logger.error("cannot watch", metadata: ["kind": "\(kind.kind)", "error": "\(error)"])
                return
            }
            for await event in events.cancelOnGracefulShutdown() {
                for (controller, queue) in targets {
                    for key in await controller.keys(for: event) { await queue.add(key) }
                }
            }
            guard let cutOff = events.cutOff else { return }  // shutdown
            logger.warning(
                "watch cut off as too slow; resyncing", metadata: ["kind": "\(kind.kind)", "reason": "\(cutOff)"])
            for (controller, queue) in targets {
                for key in await controller.initialKeys() { await queue.add(key) }
            }
        }
    }

    /// One controller's worker: initial keys, then keys from the queue until shutdown.
    private func work(_ controller: any Controller, _ queue: WorkQueue<String>) async {
        var logger = self.logger
        logger[metadataKey: "controller"] = "\(controller.name)"
        for key in await controller.initialKeys() { await queue.add(key) }
        while let key = await queue.next() {
            do {
                if let delay = try await controller.sync(key) {
                    await queue.add(key, after: delay)
                }
                await queue.forget(key)
            } catch {
                logger.debug("sync failed; retrying", metadata: ["key": "\(key)", "error": "\(error)"])
                await queue.addRateLimited(key)
            }
            await queue.done(key)
        }
    }
}
