import Foundation
import KubeAPI
import Wire

/// `kubectl get events`: `LAST SEEN TYPE REASON OBJECT MESSAGE`, wide adds `SUBOBJECT SOURCE` (before MESSAGE) and
/// `FIRST SEEN COUNT NAME` (after it).
enum EventColumns: ResourceColumns {
    static let columns = [
        TableColumn("LAST SEEN"), TableColumn("TYPE"), TableColumn("REASON"), TableColumn("OBJECT"),
        TableColumn("SUBOBJECT", wide: true), TableColumn("SOURCE", wide: true), TableColumn("MESSAGE"),
        TableColumn("FIRST SEEN", wide: true), TableColumn("COUNT", wide: true),
        TableColumn("NAME", wide: true, isName: true),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
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
        return [
            lastSeen, e.string("type") ?? "", e.string("reason") ?? "", target,
            e.string("involvedObject", "fieldPath") ?? "", source, message, firstSeen, String(count), e.name,
        ]
    }
}
