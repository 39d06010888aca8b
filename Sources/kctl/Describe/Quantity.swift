import Foundation
import KubeAPI
import Wire

/// A resource quantity (`100m`, `128Mi`, `2`, `1.5Gi`, `1e3`) with apimachinery's canonical printing, enough for
/// the sums and percentages of `kubectl describe node`.
///
/// The value is `mantissa × 10^scale`, exact within `Int64`; quantities that do not fit parse as `nil`.
struct Quantity: Sendable, Equatable, CustomStringConvertible {
    /// How the quantity was written, which decides how it prints.
    enum Format: Sendable, Equatable {
        case decimalSI
        case binarySI
        case decimalExponent
    }

    var mantissa: Int64
    var scale: Int
    var format: Format

    static let zero = Quantity(mantissa: 0, scale: 0, format: .decimalSI)

    private static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    private static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]

    init(mantissa: Int64, scale: Int, format: Format) {
        self.mantissa = mantissa
        self.scale = scale
        self.format = format
    }

    /// A quantity from a JSON string or number; `nil` when absent or malformed.
    init?(json: JSONValue?) {
        switch json {
        case .string(let s)?: self.init(s)
        case .int(let i)?: self.init(mantissa: i, scale: 0, format: .decimalSI)
        case .double(let d)?: self.init(String(d))
        default: return nil
        }
    }

    /// Parses `[-+]digits[.digits][suffix]`.
    init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        let whole = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(whole.count)
        var fraction = Substring("")
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest.dropFirst(fraction.count)
        }
        guard !(whole.isEmpty && fraction.isEmpty), let digits = Int64(whole + fraction) else { return nil }
        var mantissa = negative ? -digits : digits
        var scale = -fraction.count
        var format = Format.decimalSI
        let suffix = String(rest)
        if let exponent = Self.decimalSuffixes[suffix] {
            scale += exponent
        } else if let power = Self.binarySuffixes[suffix] {
            format = .binarySI
            for _ in 0..<power {
                let (product, overflow) = mantissa.multipliedReportingOverflow(by: 1024)
                guard !overflow else { return nil }
                mantissa = product
            }
        } else if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()) {
            format = .decimalExponent
            scale += exponent
        } else {
            return nil
        }
        self.init(mantissa: mantissa, scale: scale, format: format)
        normalize()
    }

    var isZero: Bool { mantissa == 0 }

    /// The value in thousandths, rounded up (`MilliValue`).
    var milliValue: Int64 { scaled(to: -3) }

    /// The value, rounded up (`Value`).
    var value: Int64 { scaled(to: 0) }

    /// The sum, in the format of the left operand (`Add`).
    static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        let scale = min(lhs.scale, rhs.scale)
        var sum = Quantity(
            mantissa: lhs.raised(to: scale) &+ rhs.raised(to: scale), scale: scale,
            format: lhs.isZero ? rhs.format : lhs.format)
        sum.normalize()
        return sum
    }

    /// apimachinery's canonical form: `0`, `100m`, `2`, `2k`, `1500M`, `128Mi`, `1e3`.
    var description: String {
        guard mantissa != 0 else { return "0" }
        if format == .binarySI, scale >= 0, raised(to: 0).magnitude >= 1024 {
            var amount = raised(to: 0)
            var power = 0
            while amount % 1024 == 0 && power < 6 {
                amount /= 1024
                power += 1
            }
            let suffix = Self.binarySuffixes.first { $0.value == power }?.key ?? ""
            return "\(amount)\(suffix)"
        }
        var amount = mantissa
        var exponent = scale
        switch ((exponent % 3) + 3) % 3 {
        case 1: amount *= 10; exponent -= 1
        case 2: amount *= 100; exponent -= 2
        default: break
        }
        if format != .decimalExponent, let suffix = Self.decimalSuffixes.first(where: { $0.value == exponent })?.key {
            return "\(amount)\(suffix)"
        }
        return exponent == 0 ? "\(amount)" : "\(amount)e\(exponent)"
    }

    /// Removes trailing decimal zeros from the mantissa.
    private mutating func normalize() {
        guard mantissa != 0 else { scale = 0; return }
        while mantissa % 10 == 0 {
            mantissa /= 10
            scale += 1
        }
    }

    /// The mantissa for a smaller or equal scale (saturating on overflow).
    private func raised(to target: Int) -> Int64 {
        var result = mantissa
        for _ in 0..<max(0, scale - target) {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            result = overflow ? (mantissa < 0 ? .min : .max) : product
        }
        return result
    }

    /// The value in units of `10^target`, rounded up.
    private func scaled(to target: Int) -> Int64 {
        if scale >= target { return raised(to: target) }
        var result = mantissa
        var remainder = false
        for _ in 0..<(target - scale) {
            remainder = remainder || result % 10 != 0
            result /= 10
        }
        return remainder && mantissa > 0 ? result + 1 : result
    }
}
