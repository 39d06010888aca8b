import Foundation

/// The JSONPath subset that CustomResourceDefinitions use for printer columns and the scale subresource:
/// `.spec.size`, `.metadata.labels['app']`, `.spec.items[0].name`, `.spec.items[*].name` and filters such as
/// `.status.conditions[?(@.type=="Ready")].status` (`==` and `!=` against a string, number or boolean literal).
/// An optional `{...}` wrapper is accepted. Pure.
public struct SimpleJSONPath: Sendable, Hashable {
    /// One step of a path.
    enum Step: Sendable, Hashable {
        case field(String)
        case index(Int)
        case wildcard
        case filter(path: [String], equal: Bool, literal: JSONValue)
    }

    let steps: [Step]

    /// Parses `text`; nil when it is not in the subset.
    public init?(_ text: String) {
        var source = Substring(text.trimmingCharacters(in: [" "]))
        if source.hasPrefix("{"), source.hasSuffix("}") { source = source.dropFirst().dropLast() }
        guard let steps = Self.parse(source) else { return nil }
        self.steps = steps
    }

    /// The values the path selects in `value`, in document order (empty when nothing matches).
    public func evaluate(_ value: JSONValue) -> [JSONValue] {
        var current = [value]
        for step in steps {
            var next: [JSONValue] = []
            for item in current {
                switch step {
                case .field(let name):
                    if let member = item.objectValue?[name] { next.append(member) }
                case .index(let index):
                    if let array = item.arrayValue {
                        let position = index < 0 ? array.count + index : index
                        if array.indices.contains(position) { next.append(array[position]) }
                    }
                case .wildcard:
                    if let array = item.arrayValue { next += array }
                    if let object = item.objectValue { next += object.keys.sorted().compactMap { object[$0] } }
                case .filter(let path, let equal, let literal):
                    for element in item.arrayValue ?? [] {
                        var probe: JSONValue? = element
                        for name in path { probe = probe?.objectValue?[name] }
                        guard let probe else { continue }
                        if Self.same(probe, literal) == equal { next.append(element) }
                    }
                }
            }
            current = next
        }
        return current
    }

    /// Numbers compare by value (`1` equals `1.0`).
    private static func same(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        default: return left == right
        }
    }

    private static func parse(_ text: Substring) -> [Step]? {
        var steps: [Step] = []
        var rest = text
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                if rest.first == "*" {
                    steps.append(.wildcard)
                    rest = rest.dropFirst()
                    continue
                }
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.field(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "[" {
                guard let close = closingBracket(in: rest) else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: [" "])
                rest = rest[rest.index(after: close)...]
                guard let step = bracketStep(Substring(inner)) else { return nil }
                steps.append(step)
            } else {
                return nil
            }
        }
        return steps
    }

    /// The `]` closing the bracket that `text` starts with, skipping quoted text.
    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "]" {
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func bracketStep(_ inner: Substring) -> Step? {
        if inner == "*" { return .wildcard }
        if let index = Int(inner) { return .index(index) }
        if let quoted = unquote(inner) { return .field(quoted) }
        guard inner.hasPrefix("?("), inner.hasSuffix(")") else { return nil }
        let condition = inner.dropFirst(2).dropLast().trimmingCharacters(in: [" "])
        for (op, equal) in [("==", true), ("!=", false)] {
            guard let range = condition.range(of: op) else { continue }
            let left = condition[..<range.lowerBound].trimmingCharacters(in: [" "])
            let right = condition[range.upperBound...].trimmingCharacters(in: [" "])
            guard left.hasPrefix("@") else { return nil }
            let path = left.dropFirst().split(separator: ".").map(String.init)
            guard let literal = literal(Substring(right)) else { return nil }
            return .filter(path: path, equal: equal, literal: literal)
        }
        return nil
    }

    private static func unquote(_ text: Substring) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else { return nil }
        return String(text.dropFirst().dropLast())
    }

    private static func literal(_ text: Substring) -> JSONValue? {
        if let string = unquote(text) { return .string(string) }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let integer = Int64(text) { return .int(integer) }
        if let number = Double(text) { return .double(number) }
        return nil
    }
}
