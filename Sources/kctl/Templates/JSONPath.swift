import KubeAPI
import Wire

/// Why a JSONPath template could not be used.
enum JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template is malformed (kubectl: `error parsing jsonpath ...`).
    case parse(String)
    /// Evaluation failed, e.g. an index out of range (kubectl: `error executing jsonpath ...`).
    case execution(String)

    var description: String {
        switch self {
        case .parse(let m), .execution(let m): m
        }
    }
}

/// kubectl's JSONPath templates (`-o jsonpath=...`, custom columns), a port of client-go's `util/jsonpath`.
///
/// Supported: literal text, `{.a.b}`, `{.a[0]}`, `{.a[-1]}`, `{.a[1:3]}`, `{.a[*]}`, `{.*}`, `{..name}`,
/// `{.a['k.with.dots']}`, unions `{.a[0,2]}`, filters `{.a[?(@.type=="Ready")].status}` (`==`, `!=`, `<`, `>`,
/// `<=`, `>=`, or existence), quoted strings `{"\n"}`, and `{range ...}...{end}`. Several results of one action
/// are joined by a space; objects and arrays print as compact JSON.
struct JSONPath: Sendable {
    /// A template as a tree: text, actions and range blocks.
    indirect enum Node: Sendable, Equatable {
        case text(String)
        case action([JSONPathStep])
        case range([JSONPathStep], body: [Node])
    }

    /// The parsed template.
    let nodes: [Node]
    /// When `false`, a missing field is an error (`--allow-missing-template-keys=false`); kubectl's default is `true`.
    var allowMissingKeys: Bool

    /// Parses a template.
    init(_ template: String, allowMissingKeys: Bool = true) throws(JSONPathError) {
        var segments = try JSONPathParser.parse(template)[...]
        nodes = try Self.block(&segments, nested: false)
        self.allowMissingKeys = allowMissingKeys
    }

    /// Evaluates `template` on `value` (missing fields print nothing), as `kubectl get -o jsonpath=...`.
    static func evaluate(template: String, on value: JSONValue) throws(JSONPathError) -> String {
        try JSONPath(template).render(on: value)
    }

    /// The printed output for `value`.
    func render(on value: JSONValue) throws(JSONPathError) -> String {
        try results(on: value).map { group in group.map(Self.text).joined(separator: " ") }.joined()
    }

    /// The result groups (one per text or action evaluated, ranges expanded), as client-go's `FindResults`.
    func results(on value: JSONValue) throws(JSONPathError) -> [[JSONValue]] {
        var groups: [[JSONValue]] = []
        try run(nodes, current: value, into: &groups)
        return groups
    }

    /// How one result prints: strings raw, objects and arrays as JSON, `null` as `<nil>`.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .object, .array: GoFormat.json(value)
        default: GoFormat.sprint(value)
        }
    }

    // MARK: - Structure

    private static func block(_ segments: inout ArraySlice<JSONPathSegment>, nested: Bool) throws(JSONPathError)
        -> [Node]
    {
        var nodes: [Node] = []
        while let segment = segments.popFirst() {
            switch segment {
            case .text(let t):
                nodes.append(.text(t))
            case .action(let steps):
                if steps.first == .identifier("end") {
                    guard nested else { throw .execution("not in range, nothing to end") }
                    return nodes
                }
                if steps.first == .identifier("range") {
                    nodes.append(.range(Array(steps.dropFirst()), body: try block(&segments, nested: true)))
                } else {
                    nodes.append(.action(steps))
                }
            }
        }
        return nodes
    }

    private func run(_ nodes: [Node], current: JSONValue, into groups: inout [[JSONValue]]) throws(JSONPathError) {
        for node in nodes {
            switch node {
            case .text(let t):
                groups.append([.string(t)])
            case .action(let steps):
                groups.append(try evaluate(steps, [current]))
            case .range(let steps, let body):
                for item in try evaluate(steps, [current]) {
                    try run(body, current: item, into: &groups)
                }
            }
        }
    }

    // MARK: - Steps

    private func evaluate(_ steps: [JSONPathStep], _ input: [JSONValue]) throws(JSONPathError) -> [JSONValue] {
        var values = input
        for step in steps { values = try evaluate(step, values) }
        return values
    }

    private func evaluate(_ step: JSONPathStep, _ input: [JSONValue]) throws(JSONPathError) -> [JSONValue] {
        switch step {
        case .text(let t):
            return [.string(t)]
        case .literal(let literal):
            let value: JSONValue =
                switch literal {
                case .int(let i): .int(i)
                case .double(let d): .double(d)
                case .bool(let b): .bool(b)
                }
            return input.map { _ in value }
        case .identifier(let name):
            throw .execution("unrecognized identifier \(name)")
        case .field(let name):
            let results = input.compactMap { $0.objectValue?[name] }
            if results.isEmpty && !input.isEmpty && !allowMissingKeys { throw .execution("\(name) is not found") }
            return results
        case .wildcard:
            return input.flatMap(Self.children)
        case .recursive:
            return Self.descend(input)
        case .union(let parts):
            var results: [JSONValue] = []
            for part in parts { results += try evaluate(part, input) }
            return results
        case .array(let slice):
            return try index(input, slice)
        case .filter(let left, let op, let right):
            return try filter(input, left: left, op: op, right: right)
        }
    }

    private static func children(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .object(let o): o.sorted { $0.key < $1.key }.map(\.value)
        case .array(let a): a
        default: []
        }
    }

    /// client-go's `evalRecursive`: every container value, depth first.
    private static func descend(_ input: [JSONValue]) -> [JSONValue] {
        var result: [JSONValue] = []
        for value in input {
            let kids = children(value)
            if !kids.isEmpty {
                result.append(value)
                result += descend(kids)
            }
        }
        return result
    }

    private func index(_ input: [JSONValue], _ slice: JSONPathSlice) throws(JSONPathError) -> [JSONValue] {
        var result: [JSONValue] = []
        for value in input {
            if value.isNull { continue }
            guard let array = value.arrayValue else { throw .execution("\(Self.goType(value)) is not array or slice") }
            let length = array.count
            var start = slice.start ?? 0
            if start < 0 { start += length }
            var end = slice.end ?? length
            if end < 0 || (end == 0 && slice.endDerived) { end += length }
            guard end != start else { return result }
            if start >= length || start < 0 {
                throw .execution("array index out of bounds: index \(start), length \(length)")
            }
            if end > length || end < 0 {
                throw .execution("array index out of bounds: index \(end - 1), length \(length)")
            }
            if start > end { throw .execution("starting index \(start) is greater than ending index \(end)") }
            let step = slice.step ?? 1
            guard step > 0 else { throw .execution("step must be > 0") }
            result += stride(from: start, to: end, by: step).map { array[$0] }
        }
        return result
    }

    private func filter(_ input: [JSONValue], left: [JSONPathStep], op: String?, right: [JSONPathStep])
        throws(JSONPathError) -> [JSONValue]
    {
        var results: [JSONValue] = []
        for value in input {
            guard let array = value.arrayValue else {
                throw .execution("\(GoFormat.sprint(value)) is not array or slice and cannot be filtered")
            }
            for element in array {
                guard let op else {
                    if let lefts = try? evaluate(left, [element]), !lefts.isEmpty { results.append(element) }
                    continue
                }
                let lefts = try evaluate(left, [element])
                if lefts.isEmpty { continue }
                guard lefts.count == 1 else { throw .execution("can only compare one element at a time") }
                let rights = try evaluate(right, [element])
                if rights.isEmpty { continue }
                guard rights.count == 1 else { throw .execution("can only compare one element at a time") }
                if try Self.compare(lefts[0], op, rights[0]) { results.append(element) }
            }
        }
        return results
    }

    /// Go template comparison: numbers with numbers, strings with strings, Booleans only for equality.
    private static func compare(_ a: JSONValue, _ op: String, _ b: JSONValue) throws(JSONPathError) -> Bool {
        let ordering: Int
        switch (a, b) {
        case (.string(let x), .string(let y)):
            ordering = x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x), .bool(let y)):
            guard op == "==" || op == "!=" else { throw .execution("invalid type for comparison") }
            ordering = x == y ? 0 : 1
        case (.int(let x), .int(let y)):
            ordering = x == y ? 0 : (x < y ? -1 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = number(a)
            let y = number(b)
            ordering = x == y ? 0 : (x < y ? -1 : 1)
        case (.object, _), (.array, _), (.null, _), (_, .object), (_, .array), (_, .null):
            throw .execution("invalid type for comparison")
        default:
            throw .execution("incompatible types for comparison")
        }
        switch op {
        case "==": return ordering == 0
        case "!=": return ordering != 0
        case "<": return ordering < 0
        case ">": return ordering > 0
        case "<=": return ordering <= 0
        case ">=": return ordering >= 0
        default: throw .execution("unrecognized filter operator \(op)")
        }
    }

    private static func number(_ value: JSONValue) -> Double {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        default: 0
        }
    }

    /// The Go type name client-go's messages use for a decoded JSON value.
    private static func goType(_ value: JSONValue) -> String {
        switch value {
        case .null: "interface {}"
        case .bool: "bool"
        case .int: "int64"
        case .double: "float64"
        case .string: "string"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        }
    }
}
