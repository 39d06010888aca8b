import Foundation
import KubeAPI
import Wire

/// `kctl rollout status`'s watch (kubectl's `watchtools.UntilWithSync` over a list-watch of the one object by
/// name): prints the status viewer's message for every state of the object until the rollout is done (or once,
/// without `--watch`), going on across control-plane restarts and relisting when the watch is too old.
struct RolloutStatusWatcher: Sendable {
    var kind: ResourceKind
    var namespace: String
    var name: String
    var revision: Int64
    var watch: Bool

    /// Watches until done, across control-plane restarts (``RetryingWatcher``).
    /// - Throws: the viewer's ``RolloutError``, `object has been deleted`, or the error the watch could not get past.
    func run(_ client: APIClient) async throws {
        let named = ListOptions(fieldSelector: "metadata.name=\(name)")
        let list = APIRequests.list(kind, namespace: namespace, options: named)
        try await RetryingWatcher(list: list, client: client).run(APIWatchTransport(client: client)) { update in
            switch update {
            case .listed(let items):
                for item in items where try report(item) { return true }
                return false
            case .event(let event):
                switch event.type {
                case .added, .modified: return try report(event.object)
                case .deleted: throw RolloutError("object has been deleted")
                case .bookmark: return false
                }
            }
        }
    }

    /// Prints the message for one state; true when watching ends (rollout done, or not watching).
    private func report(_ object: JSONValue) throws -> Bool {
        let verdict = try RolloutStatusViewer.status(of: object, kind: kind, revision: revision)
        FileHandle.standardOutput.write(Data(verdict.message.utf8))
        return verdict.done || !watch
    }

    /// Runs ``run(_:)``, failing with kubectl's `timed out waiting for the condition` after `timeout` (nil: never).
    func run(_ client: APIClient, timeout: Duration?) async throws {
        guard let timeout else { return try await run(client) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await run(client) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw RolloutError("timed out waiting for the condition")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
