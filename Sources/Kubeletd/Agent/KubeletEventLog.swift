import Foundation
import KubeAPI
import Wire

/// The kubelet's event recorder as pure logic: turns the runtime's ``PodEventRecord``s into core/v1 Events as the
/// kubelet writes them (source `kubelet` on the node, involvedObject the Pod with the container's field path, name
/// `<pod>.<nanoseconds in hex>`), and a repeat of the same event (same pod, container, type, reason and message)
/// into a count bump of the Event already written, as client-go's aggregating recorder does.
struct KubeletEventLog: Sendable {
    /// One write to the API.
    enum Write: Sendable, Equatable {
        /// Create this Event.
        case create(Event)
        /// Bump the Event `name` in `namespace` to `count`, last seen at `lastTimestamp`.
        case bump(namespace: String, name: String, count: Int32, lastTimestamp: String)
    }

    let nodeName: String
    /// How many distinct events are remembered for aggregation (then the table starts over).
    let maxRecent: Int
    private var recent: [String: (name: String, count: Int32)] = [:]
    /// The last name suffix used: events taken at the same instant still get distinct names.
    private var lastNanoseconds: UInt64 = 0

    init(nodeName: String, maxRecent: Int = 4096) {
        self.nodeName = nodeName
        self.maxRecent = maxRecent
    }

    /// The write that records `record`.
    mutating func write(for record: PodEventRecord) -> Write {
        let event = record.event
        let key = [record.pod.uid, record.fieldPath, event.type, event.reason, event.message].joined(separator: "|")
        let timestamp = Timestamp.format(record.time)
        if let previous = recent[key] {
            recent[key] = (previous.name, previous.count + 1)
            return .bump(
                namespace: record.pod.namespace, name: previous.name, count: previous.count + 1,
                lastTimestamp: timestamp)
        }
        let nanoseconds = max(UInt64(max(0, record.time.timeIntervalSince1970) * 1_000_000_000), lastNanoseconds + 1)
        lastNanoseconds = nanoseconds
        let name = "\(record.pod.name).\(String(nanoseconds, radix: 16))"
        if recent.count >= maxRecent { recent.removeAll(keepingCapacity: true) }
        recent[key] = (name, 1)
        var object = Event(
            metadata: ObjectMeta(name: name, namespace: record.pod.namespace),
            involvedObject: ObjectReference(
                kind: "Pod", namespace: record.pod.namespace, name: record.pod.name, uid: record.pod.uid,
                apiVersion: "v1", fieldPath: record.fieldPath.isEmpty ? nil : record.fieldPath),
            reason: event.reason, message: event.message,
            source: EventSource(component: "kubelet", host: nodeName), firstTimestamp: timestamp,
            lastTimestamp: timestamp, count: 1, type: event.type)
        object.reportingComponent = "kubelet"
        object.reportingInstance = nodeName
        return .create(object)
    }

    /// Forgets an Event the API no longer has (its bump failed), so the next repeat creates a new one.
    mutating func forget(name: String) {
        recent = recent.filter { $0.value.name != name }
    }
}
