import Foundation
import KubeAPI
import Wire

/// Waits until nodes are Ready by polling the API as the cluster's admin, reconnecting while the control plane is
/// not reachable, and failing fast when `check` throws (a daemon died).
enum ReadinessWaiter {
    /// How often the node list is read.
    static let pollInterval: Duration = .milliseconds(20)

    /// Returns once every node in `names` is Ready.
    ///
    /// - Throws: ``ClusterError/timedOut(_:)`` naming the nodes still pending, or what `check` throws.
    static func waitForReady(
        _ names: [String], access: ClusterAccess, within timeout: Duration,
        check: @escaping @Sendable () throws -> Void
    ) async throws {
        guard !names.isEmpty else { return }
        let deadline = ContinuousClock.now + timeout
        let endpoint = try ControlPlaneEndpoint(access, connectTimeout: .seconds(1))
        var readiness: [String: Bool] = [:]
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            do {
                readiness = try await endpoint.withConnection { client in
                    try await poll(client, names, deadline: deadline, check: check)
                }
                if NodeReadiness.pending(names, readiness: readiness).isEmpty { return }
            } catch let error as ClusterError {
                throw error
            } catch {
                lastError = error
                try check()
                try await Task.sleep(for: pollInterval)
            }
        }
        var message =
            "timed out after \(timeout) waiting for nodes to be Ready: "
            + NodeReadiness.pending(names, readiness: readiness).joined(separator: ", ")
        if let lastError { message += " (last error: \(lastError))" }
        throw ClusterError.timedOut(message)
    }

    /// Polls over one connection until all are Ready or the deadline passes; returns the last readiness seen.
    private static func poll(
        _ client: WireClient, _ names: [String], deadline: ContinuousClock.Instant,
        check: @Sendable () throws -> Void
    ) async throws -> [String: Bool] {
        while true {
            let list = try await WireClusterClient(client, timeout: .seconds(5)).listObjects(.node, namespace: nil)
            let readiness = NodeReadiness.readiness(list)
            if NodeReadiness.pending(names, readiness: readiness).isEmpty || ContinuousClock.now >= deadline {
                return readiness
            }
            try check()
            try await Task.sleep(for: pollInterval)
        }
    }
}
