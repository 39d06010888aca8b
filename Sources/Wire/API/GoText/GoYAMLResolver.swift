/// How go-yaml v2 (the YAML library under kubectl, via sigs.k8s.io/yaml) resolves a plain, untagged scalar.
///
/// The printer uses it to decide when a string must be quoted (`"1"`, `"true"`, `"2026-11-24T21:45:12Z"`), and the
/// manifest reader uses it to type plain scalars. Ported from go-yaml v2 `resolve.go`; regular expressions there are
/// hand-written matchers here.
public enum GoYAMLResolver {
    /// The type a plain scalar resolves to.
    public enum Resolved: Equatable, Sendable {
        case string
        case null
        case bool(Bool)
        /// YAML 1.1 words (`yes`, `no`, `on`, `off`, `y`, `n`) that go-yaml v2 reads as Booleans.
        case yaml11Bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case float(Double)
        /// A date or date-time; go-yaml hands these to untyped targets as the original string.
        case timestamp
        case merge
    }

    private static let map: [String: Resolved] = {
        var m: [String: Resolved] = [:]
        for s in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"] { m[s] = .yaml11Bool(true) }
        for s in ["n", "N", "no", "No", "NO", "off", "Off", "OFF"] { m[s] = .yaml11Bool(false) }
        for s in ["true", "True", "TRUE"] { m[s] = .bool(true) }
        for s in ["false", "False", "FALSE"] { m[s] = .bool(false) }
        for s in ["", "~", "null", "Null", "NULL"] { m[s] = .null }
        for s in [".nan", ".NaN", ".NAN"] { m[s] = .float(.nan) }
        for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { m[s] = .float(.infinity) }
        for s in ["-.inf", "-.Inf", "-.INF"] { m[s] = .float(-.infinity) }
        m["<<"] = .merge
        return m
    }()

    /// Resolves a plain scalar as go-yaml v2 `resolve("", s)` does.
    public static func resolve(_ s: String) -> Resolved {
        let bytes = Array(s.utf8)
        let hint: UInt8
        if let first = bytes.first {
            switch first {
            case UInt8(ascii: "+"), UInt8(ascii: "-"): hint = UInt8(ascii: "S")
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hint = UInt8(ascii: "D")
            case UInt8(ascii: "."): hint = UInt8(ascii: ".")
            default:
                hint = "yYnNtTfFoO~".utf8.contains(first) ? UInt8(ascii: "M") : 0
            }
        } else {
            hint = UInt8(ascii: "N")
        }
        guard hint != 0 else { return .string }
        if let known = map[s] { return known }
        switch hint {
        case UInt8(ascii: "."):
            if isDotFloat(bytes), let d = Double(s), d.isFinite { return .float(d) }
        case UInt8(ascii: "D"), UInt8(ascii: "S"):
            if isTimestamp(bytes) { return .timestamp }
            let plain = bytes.filter { $0 != UInt8(ascii: "_") }
            if let i = parseInt(plain) { return .int(i) }
            if let u = parseUInt(plain) { return .uint(u) }
            if isYAMLStyleFloat(plain), let d = Double(String(decoding: plain, as: UTF8.self)), d.isFinite {
                return .float(d)
            }
        default:
            break
        }
        return .string
    }

    /// Whether go-yaml would quote `s` because it looks like a YAML 1.1 base-60 float (`12:30`).
    public static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || isDigit(first),
            b.contains(UInt8(ascii: ":"))
        else { return false }
        // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
        var i = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return false }
        i += 1
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]), i - start < 2 { i += 1 }
            let group = b[start..<i]
            if group.isEmpty { return false }
            if group.count == 2 && group[group.startIndex] > UInt8(ascii: "5") { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == b.count
    }

    // MARK: - Go strconv ports

    /// `strconv.ParseInt(s, 0, 64)`.
    public static func parseInt(_ b: [UInt8]) -> Int64? {
        guard let first = b.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        let body = first == UInt8(ascii: "+") || negative ? Array(b.dropFirst()) : b
        guard let magnitude = parseUInt(body) else { return nil }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    /// `strconv.ParseUint(s, 0, 64)`: `0x`, `0o`, `0b` prefixes, a leading `0` means octal.
    public static func parseUInt(_ b: [UInt8]) -> UInt64? {
        guard !b.isEmpty else { return nil }
        var base: UInt64 = 10
        var digits = b[...]
        if b[0] == UInt8(ascii: "0") {
            let second = b.count >= 3 ? b[1] | 0x20 : 0
            switch second {
            case UInt8(ascii: "b"):
                base = 2
                digits = b[2...]
            case UInt8(ascii: "o"):
                base = 8
                digits = b[2...]
            case UInt8(ascii: "x"):
                base = 16
                digits = b[2...]
            default:
                base = 8
                digits = b[1...]
            }
        }
        var n: UInt64 = 0
        for c in digits {
            let v: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt64(c - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt64(c - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard v < base else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (s, o2) = m.addingReportingOverflow(v)
            if o1 || o2 { return nil }
            n = s
        }
        return n
    }

    // MARK: - Matchers

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Counts digits from `i`; returns the index after them.
    private static func skipDigits(_ b: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < b.count, isDigit(b[j]) { j += 1 }
        return j
    }

    /// `\.[0-9]+([eE][-+]?[0-9]+)?`: what `strconv.ParseFloat` accepts for a scalar starting with a dot.
    private static func isDotFloat(_ b: [UInt8]) -> Bool {
        guard b.count >= 2, b[0] == UInt8(ascii: ".") else { return false }
        var i = skipDigits(b, 1)
        guard i > 1 else { return false }
        return matchExponent(b, &i) && i == b.count
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    private static func isYAMLStyleFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: ".") {
            let j = skipDigits(b, i + 1)
            guard j > i + 1 else { return false }
            i = j
        } else {
            let j = skipDigits(b, i)
            guard j > i else { return false }
            i = j
            if i < b.count, b[i] == UInt8(ascii: ".") { i = skipDigits(b, i + 1) }
        }
        return matchExponent(b, &i) && i == b.count
    }

    private static func matchExponent(_ b: [UInt8], _ i: inout Int) -> Bool {
        guard i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return true }
        var j = i + 1
        if j < b.count, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
        let k = skipDigits(b, j)
        guard k > j else { return false }
        i = k
        return true
    }

    /// go-yaml's `parseTimestamp`: Go `time.Parse` with `2006-1-2T15:4:5.999999999Z07:00` (also `t`),
    /// `2006-1-2 15:4:5.999999999` and `2006-1-2`, including Go's range checks.
    static func isTimestamp(_ b: [UInt8]) -> Bool {
        guard b.count >= 5, b[0..<4].allSatisfy(isDigit), b[4] == UInt8(ascii: "-") else { return false }
        let year = b[0..<4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        var i = 5
        guard let month = number(b, &i, maxDigits: 2), (1...12).contains(month),
            i < b.count, b[i] == UInt8(ascii: "-")
        else { return false }
        i += 1
        guard let day = number(b, &i, maxDigits: 2), day >= 1, day <= daysIn(month: month, year: year) else {
            return false
        }
        if i == b.count { return true }
        let separator = b[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        i += 1
        guard let hour = number(b, &i, maxDigits: 2), hour < 24, i < b.count, b[i] == UInt8(ascii: ":") else {
            return false
        }
        i += 1
        guard let minute = number(b, &i, maxDigits: 2), minute < 60, i < b.count, b[i] == UInt8(ascii: ":") else {
            return false
        }
        i += 1
        guard let second = number(b, &i, maxDigits: 2), second < 60 else { return false }
        if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
            i = skipDigits(b, i + 1)
        }
        if separator == UInt8(ascii: " ") { return i == b.count }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count }
        // ±hh:mm
        guard b.count - i == 6, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
            isDigit(b[i + 1]), isDigit(b[i + 2]), b[i + 3] == UInt8(ascii: ":"), isDigit(b[i + 4]), isDigit(b[i + 5])
        else { return false }
        let zoneHour = Int(b[i + 1] - 48) * 10 + Int(b[i + 2] - 48)
        let zoneMinute = Int(b[i + 4] - 48) * 10 + Int(b[i + 5] - 48)
        return zoneHour <= 24 && zoneMinute <= 60
    }

    private static func number(_ b: [UInt8], _ i: inout Int, maxDigits: Int) -> Int? {
        var value = 0
        let start = i
        while i < b.count, i - start < maxDigits, isDigit(b[i]) {
            value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
            i += 1
        }
        return i > start ? value : nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
