import Foundation
import KubeAPI
import Logging
import Wire

/// Writes the kubelet's Events to the API (``KubeletEventLog`` decides between a new Event and a count bump).
/// Kept for the life of the process, so repeats aggregate across reconnections.
actor KubeletEventRecorder {
    private var log: KubeletEventLog
    private let logger: Logger

    init(nodeName: String, logger: Logger) {
        self.log = KubeletEventLog(nodeName: nodeName)
        self.logger = logger
    }

    /// Records one event over `client`. Connection failures are thrown (the caller requeues); refusals by the API
    /// are logged and dropped, as a kubelet drops events it cannot write.
    func record(_ record: PodEventRecord, client: WireClusterClient) async throws {
        let write = log.write(for: record)
        do {
            switch write {
            case .create(let event):
                _ = try await client.create(event, namespace: record.pod.namespace, options: .init())
            case .bump(let namespace, let name, let count, let lastTimestamp):
                _ = try await client.patch(
                    Event.self, namespace: namespace, name: name,
                    patch: ["count": .int(Int64(count)), "lastTimestamp": .string(lastTimestamp)], patchType: .merge,
                    subresource: nil, options: .init())
            }
        } catch let status as Status {
            if case .bump(_, let name, _, _) = write { log.forget(name: name) }
            logger.debug(
                "event not written",
                metadata: ["reason": "\(record.event.reason)", "error": "\(status.message ?? "")"])
        }
    }
}
