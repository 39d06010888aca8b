import Foundation
import KubeAPI
import Logging
import ServiceLifecycle
import Wire

/// Runs the controllers: the shared informers of the kinds they watch or read (listing and watching through the
/// in-process client), and one work queue and one worker per controller, fed by the informers' events.
struct ControllerManager: Service {
    let informers: SharedInformers
    /// What the informers list and watch through.
    let client: any ClusterClient
    let controllers: [any Controller]
    let logger: Logger

    func run() async throws {
        let kinds = Set(controllers.flatMap { $0.watchedKinds + $0.readKinds })
        await withDiscardingTaskGroup { group in
            var queues: [WorkQueue<String>] = []
            for controller in controllers {
                let queue = WorkQueue<String>()
                queues.append(queue)
                for kind in controller.watchedKinds { route(kind, to: controller, queue) }
            }
            group.addTask {
                await cancelWhenGracefulShutdown { await informers.run(kinds, client: client, logger: logger) }
            }
            for (controller, queue) in zip(controllers, queues) {
                group.addTask {
                    // No sync before the caches hold the first list (a shutdown before that ends the wait).
                    await cancelWhenGracefulShutdown { await informers.waitUntilSynced(kinds) }
                    await work(controller, queue)
                }
            }
            group.addTask {
                // Stop the workers when the service is asked to stop (or cancelled).
                try? await gracefulShutdown()
                for queue in queues { await queue.shutDown() }
            }
        }
    }

    /// Feeds one kind's informer events to a controller's queue. When the informer lost its watch (410 Gone: the
    /// controllers fell too far behind) and relisted, every key of the controller is queued again.
    private func route(_ kind: ResourceKind, to controller: any Controller, _ queue: WorkQueue<String>) {
        guard let informer = informers.informer(for: kind) else {
            logger.error("no informer for a watched kind", metadata: ["kind": "\(kind.kind)"])
            return
        }
        informer.addHandler { event in
            for key in await controller.keys(for: event) { await queue.add(key) }
        }
        informer.addResyncHandler {
            for key in await controller.initialKeys() { await queue.add(key) }
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
