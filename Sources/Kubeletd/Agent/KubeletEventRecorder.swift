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
    func record(_ record: PodEventRecord, client: WireClient) async throws {
        let write = log.write(for: record)
        do {
            switch write {
            case .create(let event):
                var request = Request(verb: .create, kind: ResourceKind.event.kind, namespace: record.pod.namespace)
                request.object = try JSONValue(encoding: event)
                _ = try await client.send(request, timeout: .seconds(10))
            case .bump(let namespace, let name, let count, let lastTimestamp):
                var request = Request(verb: .patch, kind: ResourceKind.event.kind, namespace: namespace, name: name)
                request.patchType = .merge
                request.patch = ["count": .int(Int64(count)), "lastTimestamp": .string(lastTimestamp)]
                _ = try await client.send(request, timeout: .seconds(10))
            }
        } catch let status as Status {
            if case .bump(_, let name, _, _) = write { log.forget(name: name) }
            logger.debug(
                "event not written",
                metadata: ["reason": "\(record.event.reason)", "error": "\(status.message ?? "")"])
        }
    }
}
