import KubeAPI
import Wire

/// Small field checks shared by every kind, with upstream's texts (`apimachinery/pkg/util/validation`,
/// `apimachinery/pkg/api/validation`, `pkg/apis/core/validation`).
enum FieldRules {
    /// Upstream `IsNegativeErrorMsg`.
    static let negativeMessage = "must be greater than or equal to 0"
    /// Upstream `FieldImmutableErrorMsg`.
    static let immutableMessage = "field is immutable"
    /// `math.MaxInt32`, the upper bound of `activeDeadlineSeconds`.
    static let maxInt32: Int64 = 2_147_483_647

    /// Upstream `InclusiveRangeError`: `must be between 1 and 65535, inclusive`.
    static func inclusiveRangeError(_ low: Int64, _ high: Int64) -> String {
        "must be between \(low) and \(high), inclusive"
    }

    /// Upstream `ValidateNonnegativeField`: `<field>: Invalid value: -1: must be greater than or equal to 0`.
    static func nonNegative(_ value: Int64, _ field: String) -> [FieldError] {
        value < 0 ? [.invalid(field, String(value), negativeMessage)] : []
    }

    /// Upstream `ValidateImmutableField`: `<field>: Invalid value: <new>: field is immutable` when `changed`.
    static func immutable(changed: Bool, field: String, rendered: @autoclosure () -> String) -> [FieldError] {
        changed ? [.invalid(field, rendered(), immutableMessage)] : []
    }

    /// `<field>: Not found: "x"` (`field.NotFound`).
    static func notFound(_ field: String, _ renderedValue: String) -> FieldError {
        FieldError(type: .notFound, field: field, renderedValue: renderedValue)
    }

    /// `Unsupported value: "x": supported values: …` for a string value.
    static func notSupported(_ field: String, _ value: String, _ supported: [String]) -> FieldError {
        .notSupported(field, GoQuote.quote(value), supported: supported)
    }

    /// One `Invalid value: "<value>": <message>` per message.
    static func invalid(_ field: String, _ value: String, _ messages: [String]) -> [FieldError] {
        messages.map { .invalid(field, GoQuote.quote(value), $0) }
    }

    // MARK: Ports and names (upstream IsValidPortNum, IsValidPortName, IsEnvVarName)

    /// `must be between 1 and 65535, inclusive` when `port` is out of range.
    static func portNumberMessages(_ port: Int64) -> [String] {
        (1...65535).contains(port) ? [] : [inclusiveRangeError(1, 65535)]
    }

    /// An IANA service name (`containerPort.name`, string `targetPort`): at most 15 characters of `[-a-z0-9]`, at
    /// least one letter, no `--`, no leading or trailing `-`.
    static func portNameMessages(_ name: String) -> [String] {
        var messages: [String] = []
        let bytes = Array(name.utf8)
        if bytes.count > 15 {
            messages.append(Validation.maxLengthError(15))
        }
        let isLower = { (b: UInt8) in b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        if bytes.isEmpty || !bytes.allSatisfy({ isLower($0) || isDigit($0) || $0 == UInt8(ascii: "-") }) {
            messages.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !bytes.contains(where: isLower) {
            messages.append("must contain at least one letter (a-z)")
        }
        if name.contains("--") {
            messages.append("must not contain consecutive hyphens")
        }
        if bytes.first == UInt8(ascii: "-") || bytes.last == UInt8(ascii: "-") {
            messages.append("must not begin or end with a hyphen")
        }
        return messages
    }

    /// Upstream `IsEnvVarName`: ``Validation/isEnvVarName(_:)``.
    static func envVarNameMessages(_ name: String) -> [String] { Validation.isEnvVarName(name) }

    // MARK: Addresses (upstream IsValidIP, IsValidCIDR)

    /// `<field>: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`.
    static func validIP(_ value: String, _ field: String) -> [FieldError] {
        IPAddressLiteral.bytes(value) == nil
            ? [.invalid(field, GoQuote.quote(value), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
            : []
    }

    /// `<field>: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`.
    static func validCIDR(_ value: String, _ field: String) -> [FieldError] {
        isCIDR(value)
            ? []
            : [.invalid(field, GoQuote.quote(value), "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")]
    }

    /// `address/prefix` with a prefix length that fits the address family.
    static func isCIDR(_ value: String) -> Bool {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = IPAddressLiteral.bytes(String(parts[0])),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].count <= 3,
              let prefix = Int(parts[1])
        else { return false }
        return prefix <= bytes.count * 8
    }
}
