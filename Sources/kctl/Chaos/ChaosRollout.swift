import Foundation
import KubeAPI
import Wire

/// The rollout step of a chaos run: every DaemonSet's pod template gets a new `kubectl.kubernetes.io/restartedAt`
/// annotation, as `kctl rollout restart` sets it, so the controller replaces its pods (rolling update).
enum ChaosRollout {
    /// The annotation `rollout restart` sets.
    static let annotation = "kubectl.kubernetes.io/restartedAt"

    /// The merge patch setting the annotation to `value`. Pure.
    static func patch(value: String) -> JSONValue {
        ["spec": ["template": ["metadata": ["annotations": .object([annotation: .string(value)])]]]]
    }

    /// The annotation's value for `date`: RFC 3339 with milliseconds, so two rollouts in one second differ.
    static func value(_ date: Date) -> String {
        let seconds = Timestamp.format(date)
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
        return String(seconds.dropLast()) + String(format: ".%03dZ", milliseconds)
    }

    /// Restarts every DaemonSet of the cluster; returns how many. Retries reaching the control plane (it may be
    /// restarting) until `timeout` has passed.
    static func restartAll(_ access: ClusterAccess, within timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while true {
            do {
                return try await ChaosAPI.withConnection(access) { client in
                    let list = try await client.listObjects(.daemonSet, namespace: nil)
                    let items = list["items"]?.arrayValue ?? []
                    let value = Self.value(Date())
                    for item in items {
                        let fields = JSONFields(item)
                        _ = try await client.patchObject(
                            .daemonSet, namespace: fields.namespace, name: fields.name, patch: patch(value: value),
                            patchType: .merge)
                    }
                    return items.count
                }
            } catch let status as Status {
                throw status
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
