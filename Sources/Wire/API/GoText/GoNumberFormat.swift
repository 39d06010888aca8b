/// Number formatting as Go's `strconv` and `encoding/json` do it, so printed numbers match kubectl byte for byte:
/// the one implementation of `strconv.FormatFloat` (`%v` of a float) and of `encoding/json`'s float layout.
///
/// Go and Swift both print the shortest decimal digits that round-trip a `Double`; only the layout differs.
/// This type takes Swift's digits and lays them out as Go's `FormatFloat` formats `'e'`, `'f'` and `'g'` do.
public enum GoNumberFormat {
    /// The shortest round-trip digits of a finite double: value = 0.d1d2d3... × 10^decimalPoint.
    struct Digits {
        var negative: Bool
        /// ASCII digits without leading or trailing zeros; empty for zero.
        var digits: [UInt8]
        var decimalPoint: Int

        init(_ value: Double) {
            negative = value.sign == .minus
            let text = value.magnitude.description
            let parts = text.split(separator: "e", maxSplits: 1)
            let mantissa = parts.first.map(String.init) ?? "0"
            let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            var integerCount = 0
            var all: [UInt8] = []
            var seenPoint = false
            for byte in mantissa.utf8 {
                if byte == UInt8(ascii: ".") {
                    seenPoint = true
                } else {
                    all.append(byte)
                    if !seenPoint { integerCount += 1 }
                }
            }
            var point = integerCount + exponent
            while let first = all.first, first == UInt8(ascii: "0") {
                all.removeFirst()
                point -= 1
            }
            while let last = all.last, last == UInt8(ascii: "0") { all.removeLast() }
            if all.isEmpty { point = 0 }
            digits = all
            decimalPoint = point
        }
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`, with `+Inf`/`-Inf`/`NaN` spelled as go-yaml does when `yaml` is set.
    public static func formatG(_ value: Double, yaml: Bool = false) -> String {
        if let special = special(value, yaml: yaml) { return special }
        let d = Digits(value)
        let exp = d.decimalPoint - 1
        if !d.digits.isEmpty && (exp < -4 || exp >= 6) {
            return formatE(d, precision: d.digits.count - 1)
        }
        return formatF(d, precision: max(d.digits.count - d.decimalPoint, 0))
    }

    /// A double as Go's `encoding/json` writes it: `'f'` layout, or `'e'` below 1e-6 and from 1e21 (`1e-7`, `1e+21`).
    public static func formatJSON(_ value: Double) -> String {
        if let special = special(value, yaml: false) { return special }
        let d = Digits(value)
        let magnitude = value.magnitude
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            var text = formatE(d, precision: max(d.digits.count - 1, 0))
            // Go cleans up e-09 to e-9.
            var bytes = Array(text.utf8)
            let n = bytes.count
            if n >= 4 && bytes[n - 4] == UInt8(ascii: "e") && bytes[n - 3] == UInt8(ascii: "-")
                && bytes[n - 2] == UInt8(ascii: "0")
            {
                bytes[n - 2] = bytes[n - 1]
                bytes.removeLast()
                text = String(decoding: bytes, as: UTF8.self)
            }
            return text
        }
        return formatF(d, precision: max(d.digits.count - d.decimalPoint, 0))
    }

    /// How a double prints in `kubectl -o yaml`: Go writes it as JSON text first and go-yaml resolves that text
    /// again, so an integral value below 1e21 prints as an integer (`1000000`, `12345678901234567000`) and
    /// everything else in `'g'` layout (`1.2345675e+06`, `1e-07`).
    public static func formatYAML(_ value: Double) -> String {
        guard value.isFinite else { return formatG(value, yaml: true) }
        let json = formatJSON(value)
        switch GoYAMLResolver.resolve(json) {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d): return formatG(d, yaml: true)
        default: return json
        }
    }

    private static func special(_ value: Double, yaml: Bool) -> String? {
        if value.isNaN { return yaml ? ".nan" : "NaN" }
        if value.isInfinite {
            if value > 0 { return yaml ? ".inf" : "+Inf" }
            return yaml ? "-.inf" : "-Inf"
        }
        return nil
    }

    private static func formatE(_ d: Digits, precision: Int) -> String {
        var out: [UInt8] = []
        if d.negative { out.append(UInt8(ascii: "-")) }
        out.append(d.digits.first ?? UInt8(ascii: "0"))
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            var i = 1
            let m = min(d.digits.count, precision + 1)
            if i < m {
                out.append(contentsOf: d.digits[i..<m])
                i = m
            }
            while i <= precision {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        }
        out.append(UInt8(ascii: "e"))
        var exp = d.digits.isEmpty ? 0 : d.decimalPoint - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0") + UInt8(exp))
        } else {
            out.append(contentsOf: Array(String(exp).utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func formatF(_ d: Digits, precision: Int) -> String {
        var out: [UInt8] = []
        if d.negative { out.append(UInt8(ascii: "-")) }
        if d.decimalPoint > 0 {
            let m = min(d.digits.count, d.decimalPoint)
            out.append(contentsOf: d.digits[0..<m])
            if m < d.decimalPoint {
                out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: d.decimalPoint - m))
            }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = d.decimalPoint + i - 1
                out.append(j >= 0 && j < d.digits.count ? d.digits[j] : UInt8(ascii: "0"))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
