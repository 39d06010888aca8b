import KubeAPI
import Wire

/// Just enough of Kubernetes' `resource.Quantity` for storage sizes: parse `10Gi`, `500M`, `1.5e9`, `0` into a
/// number of bytes, to check a size is positive and to compare two sizes. Pure.
enum StorageQuantity {
    /// Upstream's message for text that is not a quantity.
    static let formatMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    private static let binary: [String: Double] = [
        "Ki": 0x1p10, "Mi": 0x1p20, "Gi": 0x1p30, "Ti": 0x1p40, "Pi": 0x1p50, "Ei": 0x1p60,
    ]
    private static let decimal: [String: Double] = [
        "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    ]

    /// The quantity's value, or nil when `text` is not a quantity.
    static func bytes(_ text: String?) -> Double? {
        guard let text, !text.isEmpty else { return nil }
        var number = Substring(text)
        var suffix = Substring("")
        if let index = text.firstIndex(where: { !"+-0123456789.".contains($0) }) {
            number = text[..<index]
            suffix = text[index...]
        }
        guard let mantissa = Double(number), number.contains(where: \.isNumber) else { return nil }
        if let factor = binary[String(suffix)] ?? decimal[String(suffix)] { return mantissa * factor }
        if suffix.first == "e" || suffix.first == "E", let exponent = Int(suffix.dropFirst()) {
            var value = mantissa
            for _ in 0..<abs(exponent) { value = exponent > 0 ? value * 10 : value / 10 }
            return value
        }
        return nil
    }

    /// Upstream `ValidatePositiveQuantityValue`: `<field>: Invalid value: "0": must be greater than zero`.
    static func positive(_ text: String, field: String) -> [FieldError] {
        guard let value = bytes(text) else { return [.invalid(field, GoQuote.quote(text), formatMessage)] }
        return value > 0 ? [] : [.invalid(field, GoQuote.quote(text), "must be greater than zero")]
    }
}
