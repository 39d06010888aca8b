import Foundation
import KubeAPI
import Wire

/// `kubectl events`' own printer (`pkg/cmd/events/event_printer.go`), not `get events`' table: `LAST SEEN TYPE
/// REASON OBJECT MESSAGE` (with `NAMESPACE` first for `-A`), the object as `Kind/name`, a repeated event's age
/// as `5s (x3 over 2m)`; events filtered by `--types` and `--for`, ordered by time. Pure: `now` is a parameter.
struct EventsTable: Sendable {
    var allNamespaces = false
    var noHeaders = false
    /// `--types` (Normal, Warning), compared case-insensitively; empty: every type.
    var types: [String] = []
    /// `--for KIND/NAME`: the involved object's kind and name.
    var involved: (kind: String, name: String)?

    /// `--types` values kubectl accepts.
    /// - Throws: ``RolloutError`` `valid --types are Normal or Warning`.
    static func checkTypes(_ types: [String]) throws(RolloutError) {
        for type in types where type.lowercased() != "normal" && type.lowercased() != "warning" {
            throw RolloutError("valid --types are Normal or Warning")
        }
    }

    /// `--for TYPE/NAME` split as `splitResourceTypeName`.
    /// - Throws: ``RolloutError`` `--for must be in resource/name form`, or for more than one slash.
    static func splitFor(_ text: String) throws(RolloutError) -> (type: String, name: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: throw RolloutError("--for must be in resource/name form")
        case 2: return (parts[0], parts[1])
        default: throw RolloutError("arguments in resource/name form may not have more than one slash")
        }
    }

    /// Whether an event passes `--types` and `--for`.
    func includes(_ event: JSONValue) -> Bool {
        let e = JSONFields(event)
        if !types.isEmpty {
            let type = e.string("type") ?? ""
            guard types.contains(where: { $0.lowercased() == type.lowercased() }) else { return false }
        }
        if let involved {
            guard e.string("involvedObject", "kind") == involved.kind,
                e.string("involvedObject", "name") == involved.name
            else { return false }
        }
        return true
    }

    /// The events that pass the filters, oldest first (`SortableEvents`: series time, else last timestamp, else
    /// event time), sorted as kubectl sorts them with Go's unstable `sort.Sort` (``GoSort``), so that events of
    /// the same second come out in kubectl's order.
    func selected(_ events: [JSONValue]) -> [JSONValue] {
        let kept = events.filter(includes)
        let times = kept.map(Self.sortTime)
        return GoSort.order(count: kept.count) { times[$0] < times[$1] }.map { kept[$0] }
    }

    /// `eventTime`: when the event last happened, for ordering (the distant past when unknown).
    static func sortTime(_ event: JSONValue) -> Date {
        let e = JSONFields(event)
        if e.value("series")?.objectValue != nil {
            return e.string("series", "lastObservedTime").flatMap(Timestamp.parse) ?? .distantPast
        }
        if let last = e.string("lastTimestamp").flatMap(Timestamp.parse) { return last }
        return e.string("eventTime").flatMap(Timestamp.parse) ?? .distantPast
    }

    /// The header line's cells.
    var header: [String] {
        (allNamespaces ? ["NAMESPACE"] : []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    }

    /// One event's cells (`printOneEvent`).
    func cells(_ event: JSONValue, now: Date) -> [String] {
        let e = JSONFields(event)
        var firstSeen = HumanDuration.since(e.string("eventTime"), now: now)
        if e.string("eventTime").flatMap(Timestamp.parse) == nil {
            firstSeen = HumanDuration.since(e.string("firstTimestamp"), now: now)
        }
        let interval: String
        if e.value("series")?.objectValue != nil {
            let last = HumanDuration.since(e.string("series", "lastObservedTime"), now: now)
            interval = "\(last) (x\(e.int("series", "count") ?? 0) over \(firstSeen))"
        } else if let count = e.int("count"), count > 1 {
            interval = "\(HumanDuration.since(e.string("lastTimestamp"), now: now)) (x\(count) over \(firstSeen))"
        } else {
            interval = firstSeen
        }
        let object = "\(e.string("involvedObject", "kind") ?? "")/\(e.string("involvedObject", "name") ?? "")"
        let message = (e.string("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return (allNamespaces ? [e.namespace] : [])
            + [interval, e.string("type") ?? "", e.string("reason") ?? "", object, message]
    }

    /// The lines for `events` (header first unless `--no-headers`), for a tab writer.
    func lines(_ events: [JSONValue], now: Date) -> [[String]] {
        (noHeaders ? [] : [header]) + events.map { cells($0, now: now) }
    }

    /// An event as kubectl prints it with `-o`: with `apiVersion: v1` and `kind: Event`, as its typed round trip
    /// writes it (Go writes unset times as null and the two reporting fields, which have no omitempty, as ""),
    /// and without managedFields (kubectl's JSON and YAML printers leave them out).
    static func item(_ event: JSONValue) -> JSONValue {
        var event = ManagedFieldsOmission.omitted(event)
        if event["kind"] == nil { event["kind"] = "Event" }
        if event["apiVersion"] == nil { event["apiVersion"] = "v1" }
        for time in ["eventTime", "firstTimestamp", "lastTimestamp"] where event[time] == nil { event[time] = .null }
        for text in ["reportingComponent", "reportingInstance"] where event[text] == nil { event[text] = "" }
        if event["source"] == nil { event["source"] = .object([:]) }
        return event
    }

    /// The `EventList` kubectl prints with `-o json|yaml`.
    static func list(_ events: [JSONValue]) -> JSONValue {
        ["apiVersion": "v1", "kind": "EventList", "metadata": [:], "items": .array(events.map(item))]
    }

    /// What to print when no event passed the filters, on standard error.
    static func noEvents(allNamespaces: Bool, namespace: String) -> String {
        allNamespaces ? "No events found." : "No events found in \(namespace) namespace."
    }
}
