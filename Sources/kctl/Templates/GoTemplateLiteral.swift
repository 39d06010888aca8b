import Foundation
import KubeAPI
import Wire

/// Go's literal syntax as templates use it: `strconv.Unquote` for strings and raw strings, `strconv.UnquoteChar`
/// for character constants, and the number rules of `text/template/parse` (`newNumber`).
enum GoLiteral {
    struct Failure: Error {
        var message: String
    }

    /// The value of a Go string literal (`"a\tb"`, `` `raw` ``), or nil when it is malformed ("invalid syntax").
    static func unquote(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, let quote = bytes.first, bytes.last == quote else { return nil }
        let body = bytes[1..<(bytes.count - 1)]
        if quote == UInt8(ascii: "`") {
            guard !body.contains(quote) else { return nil }
            return String(decoding: body.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        }
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        var rest = body[...]
        var out: [UInt8] = []
        while !rest.isEmpty {
            guard rest.first != UInt8(ascii: "\n"), let (value, multibyte, tail) = unquoteChar(rest, quote: quote)
            else { return nil }
            if value < 0x80 || !multibyte {
                out.append(UInt8(truncatingIfNeeded: value))
            } else if let scalar = Unicode.Scalar(value) {
                out += Array(String(Character(scalar)).utf8)
            }
            rest = tail
            if quote == UInt8(ascii: "'") && !rest.isEmpty { return nil }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One (possibly escaped) character at the start of `s`: its value, whether it is a multi-byte rune (as
    /// opposed to a byte from `\x` or octal escapes), and the rest; nil on bad syntax.
    static func unquoteChar(_ s: ArraySlice<UInt8>, quote: UInt8) -> (UInt32, Bool, ArraySlice<UInt8>)? {
        guard let c = s.first else { return nil }
        if c == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { return nil }
        if c >= 0x80 {
            let (scalar, width) = GoTemplateLexer.decode(Array(s), at: 0)
            return (scalar.value, true, s.dropFirst(width))
        }
        if c != UInt8(ascii: "\\") { return (UInt32(c), false, s.dropFirst()) }
        guard s.count > 1 else { return nil }
        let escape = s[s.startIndex + 1]
        var rest = s.dropFirst(2)
        switch escape {
        case UInt8(ascii: "a"): return (7, false, rest)
        case UInt8(ascii: "b"): return (8, false, rest)
        case UInt8(ascii: "f"): return (12, false, rest)
        case UInt8(ascii: "n"): return (10, false, rest)
        case UInt8(ascii: "r"): return (13, false, rest)
        case UInt8(ascii: "t"): return (9, false, rest)
        case UInt8(ascii: "v"): return (11, false, rest)
        case UInt8(ascii: "\\"): return (92, false, rest)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
            guard rest.count >= n else { return nil }
            var value: UInt32 = 0
            for byte in rest.prefix(n) {
                guard let digit = hexValue(byte) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            rest = rest.dropFirst(n)
            if escape == UInt8(ascii: "x") { return (value, false, rest) }
            guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, true, rest)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard rest.count >= 2 else { return nil }
            var value = UInt32(escape - UInt8(ascii: "0"))
            for byte in rest.prefix(2) {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { return nil }
                value = value << 3 | UInt32(byte - UInt8(ascii: "0"))
            }
            guard value <= 255 else { return nil }
            return (value, false, rest.dropFirst(2))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard escape == quote else { return nil }
            return (UInt32(escape), false, rest)
        default:
            return nil
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: - Numbers

    /// A number or character constant, read under every type that can hold it, as `newNumber` does.
    static func number(_ text: String, pos: Int, isChar: Bool) throws(Failure) -> GoTemplateNumber {
        var n = GoTemplateNumber(pos: pos, text: text)
        if isChar {
            let bytes = Array(text.utf8)
            guard let quote = bytes.first, let (value, _, tail) = unquoteChar(bytes.dropFirst(), quote: quote)
            else { throw Failure(message: "invalid syntax") }
            guard Array(tail) == [UInt8(ascii: "'")] else { throw Failure(message: "malformed character constant: \(text)") }
            n.isInt = true
            n.isUint = true
            n.isFloat = true
            n.int64 = Int64(value)
            n.uint64 = UInt64(value)
            n.float64 = Double(value)
            return n
        }
        if text.hasSuffix("i") {
            throw Failure(message: "complex number constants are not supported: \(GoQuote.quote(text))")
        }
        let unsigned = parseUnsigned(text)
        if let u = unsigned {
            n.isUint = true
            n.uint64 = u
        }
        if let i = parseSigned(text) {
            n.isInt = true
            n.int64 = i
            if i == 0 {
                n.isUint = true
                n.uint64 = unsigned ?? 0
            }
        }
        if n.isInt {
            n.isFloat = true
            n.float64 = Double(n.int64)
        } else if n.isUint {
            n.isFloat = true
            n.float64 = Double(n.uint64)
        } else if let f = parseFloat(text) {
            guard text.contains(where: { ".eEpP".contains($0) }) else {
                throw Failure(message: "integer overflow: \(GoQuote.quote(text))")
            }
            n.isFloat = true
            n.float64 = f
            if f.rounded(.towardZero) == f, abs(f) < 9.223372036854775807e18 {
                n.isInt = true
                n.int64 = Int64(f)
            }
            if f.rounded(.towardZero) == f, f >= 0, f < 1.8446744073709551615e19 {
                n.isUint = true
                n.uint64 = UInt64(f)
            }
        }
        guard n.isInt || n.isUint || n.isFloat else {
            throw Failure(message: "illegal number syntax: \(GoQuote.quote(text))")
        }
        return n
    }

    /// `strconv.ParseUint(text, 0, 64)`.
    static func parseUnsigned(_ text: String) -> UInt64? {
        var s = Array(text.utf8)[...]
        guard !s.isEmpty else { return nil }
        var base: UInt64 = 10
        func lower(_ b: UInt8) -> UInt8 { b | 0x20 }
        if s.first == UInt8(ascii: "0") {
            if s.count >= 3, lower(s[s.startIndex + 1]) == UInt8(ascii: "b") {
                base = 2
                s = s.dropFirst(2)
            } else if s.count >= 3, lower(s[s.startIndex + 1]) == UInt8(ascii: "o") {
                base = 8
                s = s.dropFirst(2)
            } else if s.count >= 3, lower(s[s.startIndex + 1]) == UInt8(ascii: "x") {
                base = 16
                s = s.dropFirst(2)
            } else {
                base = 8
                s = s.dropFirst()
            }
        }
        var value: UInt64 = 0
        var underscores = false
        for byte in s {
            if byte == UInt8(ascii: "_") {
                underscores = true
                continue
            }
            guard let digit = hexValue(byte), UInt64(digit) < base else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: base)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        if underscores && !underscoreOK(text) { return nil }
        return value
    }

    /// `strconv.ParseInt(text, 0, 64)`.
    static func parseSigned(_ text: String) -> Int64? {
        var body = text
        var negative = false
        if let first = body.first, first == "+" || first == "-" {
            negative = first == "-"
            body.removeFirst()
        }
        guard let magnitude = parseUnsigned(body) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// `strconv.ParseFloat(text, 64)` for decimal and hexadecimal (`0x1p-2`) literals; nil on error or overflow.
    static func parseFloat(_ text: String) -> Double? {
        if text.contains("_") && !underscoreOK(text) { return nil }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        let lowered = cleaned.lowercased()
        let unsigned = lowered.hasPrefix("+") || lowered.hasPrefix("-") ? String(lowered.dropFirst()) : lowered
        if unsigned.hasPrefix("0x") && !unsigned.contains("p") { return nil }
        guard unsigned.first.map({ $0.isNumber || $0 == "." }) == true, let value = Double(cleaned),
            value.isFinite
        else { return nil }
        return value
    }

    /// Whether the underscores of a literal only separate digits (`strconv.underscoreOK`).
    static func underscoreOK(_ text: String) -> Bool {
        var s = Array(text.utf8)[...]
        var saw: Character = "^"
        if let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { s = s.dropFirst() }
        var hex = false
        func lower(_ b: UInt8) -> UInt8 { b | 0x20 }
        if s.count >= 2, s.first == UInt8(ascii: "0") {
            let prefix = lower(s[s.startIndex + 1])
            if prefix == UInt8(ascii: "b") || prefix == UInt8(ascii: "o") || prefix == UInt8(ascii: "x") {
                s = s.dropFirst(2)
                saw = "0"
                hex = prefix == UInt8(ascii: "x")
            }
        }
        for byte in s {
            if (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (hex && lower(byte) >= UInt8(ascii: "a") && lower(byte) <= UInt8(ascii: "f"))
            {
                saw = "0"
                continue
            }
            if byte == UInt8(ascii: "_") {
                if saw != "0" { return false }
                saw = "_"
                continue
            }
            if saw == "_" { return false }
            saw = "!"
        }
        return saw != "_"
    }
}
