import Foundation
import KubeAPI
import Logging
import Wire

/// Drives ``TTLAfterFinished``: deletes finished Jobs whose `ttlSecondsAfterFinished` has passed, with their pods
/// (foreground propagation, as upstream).
struct TTLAfterFinishedController: Controller {
    let client: ControllerClient
    var now: @Sendable () -> Date = { Date() }

    var name: String { "ttl-after-finished-controller" }
    var watchedKinds: [ResourceKind] { [.job] }

    func keys(for event: InformerEvent) async -> [String] {
        event.change == .deleted ? [] : [event.key]
    }

    func initialKeys() async -> [String] {
        client.informers.jobs.list().map(OwnerKeys.key(of:))
    }

    func sync(_ key: String) async throws -> Duration? {
        let (namespace, name) = Self.split(key)
        guard let job = client.cached(Job.self, namespace: namespace, name: name) else { return nil }
        switch TTLAfterFinished.decide(job, now: now()) {
        case .keep:
            return nil
        case .delete:
            try await client.delete(.job, namespace: namespace, name: name, propagationPolicy: "Foreground")
            return nil
        case .wait(let seconds):
            return .milliseconds(Int64(seconds * 1000) + 100)
        }
    }
}
