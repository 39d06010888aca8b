/// Label maps and label selectors rendered as kubectl prints them.
public enum LabelFormat {
    /// `labels.FormatLabels`: `k=v` pairs comma-joined, or `<none>` when empty. Go sorts the `k=v` strings, not the
    /// keys, so `a-b=1` comes before `a=2` (`-` sorts before `=`), bytewise.
    public static func labels(_ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return "<none>" }
        return labels.map { "\($0.key)=\($0.value)" }.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
            .joined(separator: ",")
    }

    /// `metav1.FormatLabelSelector` over a `spec.selector` JSON value: requirements sorted by key and comma-joined
    /// (`k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`), `<none>` when the selector is absent or empty, `<error>`
    /// when it cannot be converted (unknown operator, missing or forbidden values).
    public static func selector(_ selector: JSONValue?) -> String {
        guard let text = selectorString(selector) else { return "<error>" }
        return text.isEmpty ? "<none>" : text
    }

    /// `LabelSelectorAsSelector(...).String()`: the requirements as text, `""` for an absent or empty selector,
    /// `nil` when the selector cannot be converted.
    public static func selectorString(_ selector: JSONValue?) -> String? {
        guard let selector, case .object = selector else { return "" }
        let fields = JSONFields(selector)
        var requirements: [(key: String, text: String)] = []
        for (key, value) in fields.stringMap("matchLabels") {
            requirements.append((key, "\(key)=\(value)"))
        }
        for expression in fields.array("matchExpressions") {
            let e = JSONFields(expression)
            guard let key = e.string("key") else { return nil }
            let values = e.array("values").compactMap(\.stringValue).sorted()
            switch e.string("operator") {
            case "In", "NotIn":
                guard !values.isEmpty else { return nil }
                let op = e.string("operator") == "In" ? "in" : "notin"
                requirements.append((key, "\(key) \(op) (\(values.joined(separator: ",")))"))
            case "Exists":
                guard values.isEmpty else { return nil }
                requirements.append((key, key))
            case "DoesNotExist":
                guard values.isEmpty else { return nil }
                requirements.append((key, "!\(key)"))
            default:
                return nil
            }
        }
        // Stable sort by key, as the matchLabels requirements come first and Go sorts by key only.
        let sorted = requirements.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }
        return sorted.map(\.element.text).joined(separator: ",")
    }
}
