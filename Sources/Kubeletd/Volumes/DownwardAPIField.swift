import Foundation
import KubeAPI
import Wire

/// The pod fields a downward-API volume can project (`fieldpath.ExtractFieldPathAsString`). Pure.
enum DownwardAPIField {
    /// The text of `fieldPath` for `pod`, or nil for a path volumes cannot project: `metadata.name`,
    /// `metadata.namespace`, `metadata.uid`, `metadata.labels` and `metadata.annotations` (one `key="value"` line per
    /// entry, sorted by key, values quoted as Go's `%q`), and `metadata.labels['k']` / `metadata.annotations['k']`.
    static func value(_ fieldPath: String, pod: Pod) -> String? {
        switch fieldPath {
        case "metadata.name": return pod.metadata.name ?? ""
        case "metadata.namespace": return pod.metadata.namespace ?? "default"
        case "metadata.uid": return pod.metadata.uid ?? ""
        case "metadata.labels": return formatted(pod.metadata.labels ?? [:])
        case "metadata.annotations": return formatted(pod.metadata.annotations ?? [:])
        default:
            for (prefix, map) in [
                ("metadata.labels['", pod.metadata.labels), ("metadata.annotations['", pod.metadata.annotations),
            ]
            where fieldPath.hasPrefix(prefix) && fieldPath.hasSuffix("']") {
                return map?[String(fieldPath.dropFirst(prefix.count).dropLast(2))] ?? ""
            }
            return nil
        }
    }

    /// `key="value"` lines in key order, without a trailing newline (`fieldpath.FormatMap`).
    static func formatted(_ map: [String: String]) -> String {
        map.keys.sorted().map { "\($0)=\(GoQuote.quote(map[$0] ?? ""))" }.joined(separator: "\n")
    }
}
