import KubeAPI
import Wire

/// Int-or-percent fields (`maxUnavailable`, `maxSurge`): upstream `IsValidPercent`, `ValidatePositiveIntOrPercent`,
/// `IsNotMoreThan100Percent` and `getIntOrPercentValue` of `pkg/apis/apps/validation`.
enum IntOrPercent {
    /// Upstream `IsValidPercent`: `[0-9]+%` or the regex message.
    static func percentMessages(_ value: String) -> [String] {
        guard value.hasSuffix("%"), value.utf8.count > 1,
              value.utf8.dropLast().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            return [Validation.regexError(
                "a valid percent string must be a numeric string followed by an ending '%'",
                format: "[0-9]+%", examples: ["1%", "93%"])]
        }
        return []
    }

    /// The number of a valid percent string (`"10%"` → 10), else `nil`.
    static func percentValue(_ value: IntOrString?) -> Int? {
        guard case .string(let text)? = value, percentMessages(text).isEmpty else { return nil }
        return Int(text.dropLast()) ?? Int.max
    }

    /// Upstream `getIntOrPercentValue`: the percent number, or the integer; a string that is not a percent counts
    /// as its integer value (`"1"` → 1, `"abc"` → 0), as `IntOrString.IntValue()` does. A missing value is 0.
    static func value(_ value: IntOrString?) -> Int {
        if let percent = percentValue(value) { return percent }
        switch value {
        case .int(let number)?: return number
        case .string(let text)?: return Int(text) ?? 0
        case nil: return 0
        }
    }

    /// How an error shows the value: `1`, `"10%"`.
    static func render(_ value: IntOrString?) -> String {
        switch value {
        case .int(let number)?: String(number)
        case .string(let text)?: GoQuote.quote(text)
        case nil: "0"
        }
    }

    /// Upstream `ValidatePositiveIntOrPercent`: a valid percent string, or a non-negative integer.
    static func validatePositive(_ value: IntOrString?, field: String) -> [FieldError] {
        switch value {
        case .string(let text)?:
            percentMessages(text).map { .invalid(field, render(value), $0) }
        case .int(let number)?:
            FieldRules.nonNegative(Int64(number), field)
        case nil:
            []
        }
    }

    /// Upstream `IsNotMoreThan100Percent`: `must not be greater than 100%` for a percent above 100.
    static func validateNotMoreThan100Percent(_ value: IntOrString?, field: String) -> [FieldError] {
        guard let percent = percentValue(value), percent > 100 else { return [] }
        return [.invalid(field, render(value), "must not be greater than 100%")]
    }
}
