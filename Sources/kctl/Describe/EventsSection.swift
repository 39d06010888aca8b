import Foundation
import KubeAPI
import Wire

/// The `Events:` section of `kubectl describe`, and which events belong to an object.
enum EventsSection {
    /// The annotation that gives a mirror pod the UID its events are recorded under.
    static let mirrorPodAnnotation = "kubernetes.io/config.mirror"

    /// The events about `object`, as kubectl's `searchEvents` field selector picks them: `involvedObject.name` and
    /// `involvedObject.namespace` equal the object's, `involvedObject.kind` equals the kind (not checked for pods,
    /// whose reference kubectl sends without a kind) and `involvedObject.uid` equals the object's UID when it has
    /// one. For nodes kubectl runs the search twice, with the node's UID and then with its name as UID (the
    /// kubelet records node events that way), and appends the results.
    static func related(_ events: [JSONValue], to object: JSONValue, kind: ResourceKind) -> [JSONValue] {
        let o = JSONFields(object)
        var uid = o.string("metadata", "uid") ?? ""
        if kind == .pod, let mirror = o.stringMap("metadata", "annotations")[mirrorPodAnnotation] { uid = mirror }
        let checkedKind: String? = kind == .pod ? nil : kind.kind
        let matching = { (uid: String) in
            events.filter { event in
                let ref = JSONFields(event)
                guard ref.string("involvedObject", "name") ?? "" == o.name,
                    ref.string("involvedObject", "namespace") ?? "" == o.namespace
                else { return false }
                if let checkedKind, ref.string("involvedObject", "kind") ?? "" != checkedKind { return false }
                return uid.isEmpty || ref.string("involvedObject", "uid") ?? "" == uid
            }
        }
        guard kind == .node else { return matching(uid) }
        return matching(uid) + matching(o.name)
    }

    /// `DescribeEvents`: `Events:\t<none>`, or after a flush the table `Type Reason Age From Message`, events
    /// sorted by `lastTimestamp` (stable). The Age cell is the age of the first occurrence, or
    /// `<last> (x<count> over <first>)` for repeated events. The message is printed trimmed, without the
    /// involved object's field path, as kubectl 1.32 prints it.
    static func write(_ events: [JSONValue], into w: inout DescribeWriter, now: Date) {
        guard !events.isEmpty else { return w.write(0, "Events:\t<none>\n") }
        w.flush()
        let sorted = events.enumerated().sorted { a, b in
            let ta = lastTimestamp(a.element), tb = lastTimestamp(b.element)
            return ta != tb ? ta < tb : a.offset < b.offset
        }
        w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        w.write(1, "----\t------\t----\t----\t-------\n")
        for event in sorted.map(\.element) {
            let e = JSONFields(event)
            let message = (e.string("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let row = [e.string("type") ?? "", e.string("reason") ?? "", age(e, now: now), source(e), message]
            w.write(1, row.joined(separator: "\t") + "\n")
        }
    }

    /// The Age cell of one event.
    static func age(_ e: JSONFields, now: Date) -> String {
        var first = HumanDuration.since(e.string("eventTime"), now: now)
        if e.string("eventTime").flatMap(Timestamp.parse) == nil {
            first = HumanDuration.since(e.string("firstTimestamp"), now: now)
        }
        if e.value("series")?.objectValue != nil {
            let last = HumanDuration.since(e.string("series", "lastObservedTime"), now: now)
            return "\(last) (x\(e.int("series", "count") ?? 0) over \(first))"
        }
        if let count = e.int("count"), count > 1 {
            return "\(HumanDuration.since(e.string("lastTimestamp"), now: now)) (x\(count) over \(first))"
        }
        return first
    }

    private static func source(_ e: JSONFields) -> String {
        e.nonEmpty("source", "component", or: e.string("reportingComponent") ?? "")
    }

    /// `lastTimestamp` as seconds; absent sorts first, as Go's zero time does.
    private static func lastTimestamp(_ event: JSONValue) -> Double {
        JSONFields(event).string("lastTimestamp").flatMap(Timestamp.parse)?.timeIntervalSince1970 ?? -.infinity
    }
}
