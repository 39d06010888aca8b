/// One step of a JSONPath expression inside `{...}`, as the nodes of client-go's `jsonpath` parser.
indirect enum JSONPathStep: Sendable, Equatable {
    /// Literal text (a quoted string inside an action): evaluates to itself.
    case text(String)
    /// `.name` or `['name']`: the member of every object.
    case field(String)
    /// `..`: every object and array below (and including) the current values.
    case recursive
    /// `.*`: every member or element.
    case wildcard
    /// `[n]`, `[*]`, `[a:b:c]`.
    case array(JSONPathSlice)
    /// `[a,b]`: the union of several sub-expressions.
    case union([[JSONPathStep]])
    /// `[?(@.type=="Ready")]`, or an existence test when `op` is `nil`.
    case filter(left: [JSONPathStep], op: String?, right: [JSONPathStep])
    /// A number or Boolean literal.
    case literal(JSONValueLiteral)
    /// `range`, `end`, or an unknown identifier (an error when evaluated).
    case identifier(String)
}

/// A literal number or Boolean in an expression.
enum JSONValueLiteral: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case bool(Bool)
}

/// Slice parameters of an array step; `nil` means "not given". A single index `[n]` is `n:n+1` with a derived end.
struct JSONPathSlice: Sendable, Equatable {
    var start: Int?
    var end: Int?
    var endDerived = false
    var step: Int?
}

/// A template: literal text and `{...}` actions in order.
enum JSONPathSegment: Sendable, Equatable {
    case text(String)
    case action([JSONPathStep])
}

/// Parses kubectl JSONPath templates (`{.items[*].metadata.name}`, `{range .items[*]}...{end}`), following the
/// grammar of client-go's `util/jsonpath/parser.go`.
struct JSONPathParser {
    private let input: [Unicode.Scalar]
    private var pos = 0

    private init(_ text: String) { input = Array(text.unicodeScalars) }

    /// Splits a template into text and actions.
    static func parse(_ template: String) throws(JSONPathError) -> [JSONPathSegment] {
        var parser = JSONPathParser(template)
        return try parser.parseTemplate()
    }

    /// Parses `text` as the inside of one action (`{text}`), as the parser does for filter operands and unions.
    static func parseAction(_ text: String) throws(JSONPathError) -> [JSONPathStep] {
        var parser = JSONPathParser("{" + text + "}")
        parser.pos = 1
        return try parser.parseInside()
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        return input.count - pos >= p.count && Array(input[pos..<(pos + p.count)]) == p
    }

    private mutating func parseTemplate() throws(JSONPathError) -> [JSONPathSegment] {
        var segments: [JSONPathSegment] = []
        var text = String.UnicodeScalarView()
        while pos < input.count {
            if input[pos] == "{" {
                if !text.isEmpty { segments.append(.text(String(text))) }
                text = String.UnicodeScalarView()
                pos += 1
                segments.append(.action(try parseInside()))
            } else {
                text.append(input[pos])
                pos += 1
            }
        }
        if !text.isEmpty { segments.append(.text(String(text))) }
        return segments
    }

    /// Parses steps until the closing `}` (consumed).
    private mutating func parseInside() throws(JSONPathError) -> [JSONPathStep] {
        var steps: [JSONPathStep] = []
        while true {
            if hasPrefix("}") {
                pos += 1
                return steps
            }
            if hasPrefix("[?(") {
                steps.append(try parseFilter())
                continue
            }
            if hasPrefix("..") {
                if steps.last == .recursive { throw .parse("invalid multiple recursive descent") }
                pos += 2
                steps.append(.recursive)
                if pos < input.count, Self.isAlphaNumeric(input[pos]) { steps.append(parseField()) }
                continue
            }
            guard pos < input.count, input[pos] != "\n", input[pos] != "\r" else { throw .parse("unclosed action") }
            let r = input[pos]
            switch r {
            case " ", "@", "$":
                pos += 1
            case "[":
                steps.append(contentsOf: try parseArray())
            case "\"", "'":
                steps.append(.text(try parseQuote(r)))
            case ".":
                pos += 1
                steps.append(parseField())
            case "+", "-", "0"..."9":
                steps.append(try parseNumber())
            default:
                guard Self.isAlphaNumeric(r) else {
                    throw .parse("unrecognized character in action: U+\(Self.hex(r.value)) '\(Character(r))'")
                }
                let name = scanUntilTerminator(unescape: false)
                steps.append(name == "true" || name == "false" ? .literal(.bool(name == "true")) : .identifier(name))
            }
        }
    }

    /// Reads a field name after `.` (backslash escapes the next character); `*` is the wildcard.
    private mutating func parseField() -> JSONPathStep {
        let name = scanUntilTerminator(unescape: true)
        return name == "*" ? .wildcard : .field(name)
    }

    private mutating func scanUntilTerminator(unescape: Bool) -> String {
        var out = String.UnicodeScalarView()
        while pos < input.count {
            let r = input[pos]
            if r == "\\" && unescape {
                pos += 1
                if pos < input.count { out.append(input[pos]) }
                pos += 1
                continue
            }
            if Self.isTerminator(r) { break }
            out.append(r)
            pos += 1
        }
        return String(out)
    }

    private mutating func parseNumber() throws(JSONPathError) -> JSONPathStep {
        let start = pos
        if input[pos] == "+" || input[pos] == "-" { pos += 1 }
        while pos < input.count, input[pos] == "." || ("0"..."9").contains(input[pos]) { pos += 1 }
        let text = String(String.UnicodeScalarView(input[start..<pos]))
        if let i = Int64(text) { return .literal(.int(i)) }
        if let d = Double(text) { return .literal(.double(d)) }
        throw .parse("cannot parse number \(text)")
    }

    private mutating func parseQuote(_ quote: Unicode.Scalar) throws(JSONPathError) -> String {
        pos += 1
        var out = String.UnicodeScalarView()
        while true {
            guard pos < input.count, input[pos] != "\n" else { throw .parse("unterminated quoted string") }
            let r = input[pos]
            pos += 1
            if r == quote { return String(out) }
            guard r == "\\" else {
                out.append(r)
                continue
            }
            guard pos < input.count else { throw .parse("unterminated quoted string") }
            let e = input[pos]
            pos += 1
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "u":
                guard pos + 4 <= input.count,
                    let v = UInt32(String(String.UnicodeScalarView(input[pos..<(pos + 4)])), radix: 16),
                    let scalar = Unicode.Scalar(v)
                else { throw .parse("unquote string error: invalid \\u escape") }
                pos += 4
                out.append(scalar)
            default: out.append(e)
            }
        }
    }

    /// `[...]`: a union (`a,b`), a quoted key (`'k'`), or slice parameters (`n`, `*`, `a:b:c`).
    private mutating func parseArray() throws(JSONPathError) -> [JSONPathStep] {
        pos += 1
        var inner = String.UnicodeScalarView()
        while true {
            guard pos < input.count, input[pos] != "\n" else { throw .parse("unterminated array") }
            let r = input[pos]
            pos += 1
            if r == "]" { break }
            inner.append(r)
        }
        var text = String(inner)
        if text == "*" { text = ":" }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            return [
                .union(
                    try parts.map { part throws(JSONPathError) in
                        try Self.parseAction("[" + part.trimmingSpaces + "]")
                    })
            ]
        }
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'"), !text.dropFirst().dropLast().contains("'") {
            // A bracketed key names one member even when it contains dots (`['app.kubernetes.io/name']`);
            // backslash escapes are still honoured.
            var key = ""
            var escaped = false
            for c in text.dropFirst().dropLast() {
                if c == "\\" && !escaped {
                    escaped = true
                    continue
                }
                key.append(c)
                escaped = false
            }
            return [.field(key)]
        }
        return [.array(try Self.slice(text))]
    }

    private static func slice(_ text: String) throws(JSONPathError) -> JSONPathSlice {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count <= 3 else { throw .parse("invalid array index \(text)") }
        func number(_ s: String) throws(JSONPathError) -> Int? {
            if s.isEmpty { return nil }
            let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let n = Int(s) else {
                throw .parse("invalid array index \(text)")
            }
            return n
        }
        var slice = JSONPathSlice()
        slice.start = try number(fields[0])
        if fields.count > 1 {
            slice.end = try number(fields[1])
        } else {
            slice.end = (slice.start ?? 0) + 1
            slice.endDerived = true
        }
        if fields.count > 2 { slice.step = try number(fields[2]) }
        return slice
    }

    /// `[?(left op right)]` or `[?(expr)]` (existence).
    private mutating func parseFilter() throws(JSONPathError) -> JSONPathStep {
        pos += 3
        var inner = String.UnicodeScalarView()
        var begin = false
        var end = false
        var pair: Unicode.Scalar = "\""
        while true {
            guard pos < input.count, input[pos] != "\n" else { throw .parse("unterminated filter") }
            let r = input[pos]
            pos += 1
            if r == "\"" || r == "'" {
                if !begin {
                    begin = true
                    pair = r
                } else if r == pair && inner.last != "\\" {
                    end = true
                }
            } else if r == ")" && begin == end {
                break
            }
            inner.append(r)
        }
        guard pos < input.count, input[pos] == "]" else { throw .parse("unclosed array expect ]") }
        pos += 1
        let text = Array(inner)
        let opChars: Set<Unicode.Scalar> = ["!", "<", ">", "="]
        let leftEnd = text.firstIndex { opChars.contains($0) } ?? text.count
        var opEnd = leftEnd
        while opEnd < text.count, opChars.contains(text[opEnd]) { opEnd += 1 }
        func str(_ s: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }
        guard leftEnd > 0, opEnd > leftEnd, opEnd < text.count else {
            return .filter(left: try Self.parseAction(str(text[...])), op: nil, right: [])
        }
        return .filter(
            left: try Self.parseAction(str(text[..<leftEnd])), op: str(text[leftEnd..<opEnd]),
            right: try Self.parseAction(str(text[opEnd...])))
    }

    private static func isTerminator(_ r: Unicode.Scalar) -> Bool {
        switch r {
        case " ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}": true
        default: false
        }
    }

    private static func isAlphaNumeric(_ r: Unicode.Scalar) -> Bool {
        r == "_" || r.properties.isAlphabetic || r.properties.numericType == .decimal
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension Substring {
    /// The text without leading and trailing spaces (Go's `strings.Trim(s, " ")`).
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
