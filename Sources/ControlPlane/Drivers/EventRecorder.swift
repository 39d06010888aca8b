import Foundation
import KubeAPI
import Synchronization
import Wire

/// Records Events for what controllers do (`SuccessfulCreate`, `FailedDaemonPod`, ...), aggregating repeats into
/// one Event with a growing `count`, as Kubernetes' event recorder does.
final class EventRecorder: Sendable {
    private let client: any ClusterClient
    private let component: String
    /// The recorder's clock (injected in tests).
    let now: @Sendable () -> Date
    /// Recent events by (object uid, type, reason, message) -> (event name, count). Bounded: most messages name a
    /// pod, so in a long run nearly every key is new; past `maxRecent` entries the table starts over (a repeat of an
    /// older event then starts a new Event object instead of bumping the old one's count).
    private let recent = Mutex<[String: (name: String, count: Int32, first: String)]>([:])
    let maxRecent: Int

    /// How many events are remembered for aggregation.
    var rememberedCount: Int { recent.withLock { $0.count } }

    init(client: any ClusterClient, component: String, maxRecent: Int = 4096,
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.maxRecent = maxRecent
        self.client = client
        self.component = component
        self.now = now
    }

    /// Records one event about `object` (any API object in JSON or typed form reduced to a reference), as
    /// happening `at` (default: now). The time also names the Event (`<object>.<nanoseconds in hex>`), which
    /// orders events of the same second.
    func record(_ reference: ObjectReference, type: String, reason: String, message: String, at: Date? = nil) async {
        let key = "\(reference.uid ?? "")|\(type)|\(reason)|\(message)"
        let when = at ?? now()
        let timestamp = Timestamp.format(when)
        let previous = recent.withLock { $0[key] }
        var event = Event()
        event.metadata.namespace = reference.namespace ?? "default"
        event.involvedObject = reference
        event.reason = reason
        event.message = message
        event.type = type
        event.source = EventSource(component: component, host: nil)
        event.reportingComponent = component
        event.lastTimestamp = timestamp
        do {
            if let previous,
                var existing = try await client.getIfPresent(
                    Event.self, namespace: event.metadata.namespace, name: previous.name)
            {
                existing.count = previous.count + 1
                existing.lastTimestamp = timestamp
                _ = try await client.update(existing, options: WriteOptions())
                recent.withLock { $0[key] = (previous.name, previous.count + 1, previous.first) }
                return
            }
            let suffix = String(UInt64(when.timeIntervalSince1970 * 1_000_000_000), radix: 16)
            event.metadata.name = "\(reference.name ?? "object").\(suffix)"
            event.firstTimestamp = timestamp
            event.count = 1
            let created = try await client.create(event, namespace: event.metadata.namespace, options: WriteOptions())
            recent.withLock { table in
                if table.count >= maxRecent { table.removeAll(keepingCapacity: true) }
                table[key] = (created.name, 1, timestamp)
            }
        } catch {
            // Events are best effort, as in Kubernetes.
        }
    }
}

extension ObjectReference {
    /// A reference to an API object, for Events.
    static func to<R: APIResource>(_ object: R) -> ObjectReference {
        var reference = ObjectReference()
        reference.kind = R.resourceKind.kind
        reference.apiVersion = R.resourceKind.apiVersion
        reference.namespace = object.metadata.namespace
        reference.name = object.metadata.name
        reference.uid = object.metadata.uid
        reference.resourceVersion = object.metadata.resourceVersion
        return reference
    }
}
