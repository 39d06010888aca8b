import KubeAPI
import Wire

/// Renders JSON values the way Go's `fmt` and `encoding/json` do, for kubectl's JSONPath and custom-columns output.
enum GoFormat {
    /// `fmt.Sprint` of a decoded JSON value: strings raw, `map[k:v ...]` (sorted keys), `[a b]`, `<nil>`.
    static func sprint(_ value: JSONValue) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return GoNumberFormat.formatG(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(sprint).joined(separator: " ") + "]"
        case .object(let o):
            return "map["
                + o.sorted { $0.key < $1.key }.map { "\($0.key):\(sprint($0.value))" }
                .joined(separator: " ") + "]"
        }
    }

    /// `json.Marshal`: compact, keys sorted, strings escaped as Go's encoder does (see ``JSONPrinter/compact(_:)``).
    static func json(_ value: JSONValue) -> String { JSONPrinter.compact(value) }
}
