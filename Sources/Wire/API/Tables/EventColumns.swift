import Foundation

/// `kubectl get events`: `LAST SEEN TYPE REASON OBJECT MESSAGE`, wide adds `SUBOBJECT SOURCE` (before MESSAGE) and
/// `FIRST SEEN COUNT NAME` (after it).
public enum EventColumns: TableColumns {
    public static let columns = [
        TableColumnDefinition(name: "Last Seen", description: "How long ago the event was last seen."),
        TableColumnDefinition(name: "Type", description: "Normal or Warning."),
        TableColumnDefinition(name: "Reason", description: "Why the event happened, in a word."),
        TableColumnDefinition(name: "Object", description: "The object the event is about (kind/name)."),
        TableColumnDefinition(
            name: "Subobject", description: "The part of the object, e.g. a container's field path.", priority: 1),
        TableColumnDefinition(name: "Source", description: "The component (and host) that reported it.", priority: 1),
        TableColumnDefinition(name: "Message", description: "What happened, in words."),
        TableColumnDefinition(name: "First Seen", description: "How long ago the event was first seen.", priority: 1),
        TableColumnDefinition(
            name: "Count", type: "integer", description: "How many times the event happened.", priority: 1),
        TableColumnDefinition(
            name: "Name", format: "name", description: "The event's name (metadata.name).", priority: 1),
    ]

    public static func cells(for object: JSONValue, now: Date) -> [JSONValue] {
        let e = JSONFields(object)
        var firstSeen = HumanDuration.since(e.string("firstTimestamp"), now: now)
        if e.string("firstTimestamp").flatMap(Timestamp.parse) == nil {
            firstSeen = HumanDuration.since(e.string("eventTime"), now: now)
        }
        var lastSeen = HumanDuration.since(e.string("lastTimestamp"), now: now)
        if e.string("lastTimestamp").flatMap(Timestamp.parse) == nil { lastSeen = firstSeen }
        var count = e.int("count") ?? 0
        if e.value("series")?.objectValue != nil {
            lastSeen = HumanDuration.since(e.string("series", "lastObservedTime"), now: now)
            count = e.int("series", "count") ?? 0
        } else if count == 0 {
            count = 1
        }
        let kind = (e.string("involvedObject", "kind") ?? "").lowercased()
        let objectName = e.string("involvedObject", "name") ?? ""
        let target = objectName.isEmpty ? kind : "\(kind)/\(objectName)"
        let component = e.nonEmpty("source", "component", or: e.string("reportingComponent") ?? "")
        let host = e.nonEmpty("source", "host", or: e.string("reportingInstance") ?? "")
        let source = host.isEmpty ? component : "\(component), \(host)"
        let message = (e.string("message") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let texts = [
            lastSeen, e.string("type") ?? "", e.string("reason") ?? "", target,
            e.string("involvedObject", "fieldPath") ?? "", source, message, firstSeen,
        ]
        return texts.map(JSONValue.string) + [.int(count), .string(e.name)]
    }
}
