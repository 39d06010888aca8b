import Foundation
import KubeAPI
import Wire

/// kubectl's `describeNamespace` and its generic describer (`genericDescriber`, used for kinds without a
/// dedicated describer: Events, Endpoints, ControllerRevisions, Leases).
enum GenericDescriber {
    /// `kubectl describe namespace`: name, labels, annotations, status and conditions. kubectl adds resource
    /// quota and limit range sections only when the server serves those kinds, which this API does not.
    static func describeNamespace(_ namespace: JSONValue, timeZone: TimeZone) -> String {
        let n = JSONFields(namespace)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(n.name)\n")
        w.labels("Labels", n.labels)
        w.annotations("Annotations", n.stringMap("metadata", "annotations"))
        w.write(0, "Status:\t\(n.string("status", "phase") ?? "")\n")
        let conditions = n.array("status", "conditions").map(JSONFields.init)
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t------------------\t------\t-------\n")
            for c in conditions {
                let cells = [
                    c.string("type") ?? "", c.string("status") ?? "",
                    DescribeTime.rfc1123Z(c.string("lastTransitionTime"), in: timeZone), c.string("reason") ?? "",
                    c.string("message") ?? "",
                ]
                w.write(1, cells.joined(separator: "\t") + "\n")
            }
        }
        return w.render()
    }

    /// The generic describer: name, namespace, labels, annotations, then every other field sorted by key with
    /// kubectl's "smart" labels (`apiVersion` → `API Version`), nested objects indented.
    static func describe(_ object: JSONValue, events: [JSONValue]?, now: Date) -> String {
        let o = JSONFields(object)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        w.labels("Labels", o.labels)
        w.annotations("Annotations", o.stringMap("metadata", "annotations"))
        let skipped: Set<String> = [
            ".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations",
        ]
        content(object.objectValue ?? [:], level: 0, path: "", skipped: skipped, into: &w)
        if let events { EventsSection.write(events, into: &w, now: now) }
        return w.render()
    }

    private static func content(
        _ members: [String: JSONValue], level: Int, path: String, skipped: Set<String>, into w: inout DescribeWriter
    ) {
        for key in members.keys.sorted() {
            let fieldPath = "\(path).\(key)"
            guard !skipped.contains(fieldPath), let value = members[key] else { continue }
            switch value {
            case .object(let nested):
                w.write(level, "\(smartLabel(key)):\n")
                content(nested, level: level + 1, path: fieldPath, skipped: skipped, into: &w)
            case .array(let items):
                w.write(level, "\(smartLabel(key)):\n")
                for item in items {
                    if case .object(let nested) = item {
                        content(nested, level: level + 1, path: fieldPath, skipped: skipped, into: &w)
                    } else {
                        w.write(level + 1, "\(GoFormat.sprint(item))\n")
                    }
                }
            default:
                w.write(level, "\(smartLabel(key)):\t\(GoFormat.sprint(value))\n")
            }
        }
    }

    /// `smartLabelFor`: camel-case words title-cased (`creationTimestamp` → `Creation Timestamp`), common acronyms
    /// upper-cased (`uid` → `UID`); names with characters other than letters and `-` are kept as they are.
    static func smartLabel(_ field: String) -> String {
        guard field.allSatisfy({ $0.isLetter || $0 == "-" }) else { return field }
        let parts = camelCaseSplit(field).filter { $0 != "_" }
        let acronyms: Set<String> = ["API", "URL", "UID", "OSB", "GUID"]
        return parts.map { part in
            if acronyms.contains(part.uppercased()) { return part.uppercased() }
            if part.lowercased() == part, let first = part.first { return first.uppercased() + part.dropFirst() }
            return part
        }.joined(separator: " ")
    }

    /// `github.com/fatih/camelcase.Split`: runs of lower-case, upper-case, digits and other characters, with an
    /// upper-case letter that starts a lower-case run moved into it (`HTTPServer` → `HTTP`, `Server`).
    static func camelCaseSplit(_ text: String) -> [String] {
        func kind(_ c: Character) -> Int { c.isLowercase ? 1 : c.isUppercase ? 2 : c.isNumber ? 3 : 4 }
        var runs: [[Character]] = []
        for c in text {
            if let last = runs.last?.last, kind(last) == kind(c) { runs[runs.count - 1].append(c) } else { runs.append([c]) }
        }
        for i in 0..<max(0, runs.count - 1) {
            if let last = runs[i].last, let next = runs[i + 1].first, last.isUppercase, next.isLowercase {
                runs[i + 1].insert(last, at: 0)
                runs[i].removeLast()
            }
        }
        return runs.filter { !$0.isEmpty }.map { String($0) }
    }
}
