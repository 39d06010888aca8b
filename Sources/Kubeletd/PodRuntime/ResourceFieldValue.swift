import Foundation
import KubeAPI
import Wire

/// The downward API's `resourceFieldRef` as the kubelet computes it (`ExtractContainerResourceValue` after
/// `defaultPodLimitsForDownwardAPI`): a container's `limits.*` or `requests.*` divided by the `divisor` and rounded
/// up; a container without a cpu, memory or ephemeral-storage limit is limited by the node's allocatable amount.
/// Pure.
enum ResourceFieldValue {
    /// The resources a limit defaults to the node's allocatable amount for.
    static let nodeDefaulted: Set<String> = ["cpu", "memory", "ephemeral-storage"]

    /// The value of `resource` (`limits.cpu`, `requests.memory`, `limits.hugepages-2Mi`, ...) of `container`,
    /// in units of `divisor` (`1` when absent), or Kubernetes' error text.
    static func value(
        resource: String, divisor: JSONValue?, container: Container, allocatable: [String: String]
    ) -> Result<String, ConfigProblem> {
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        let unsupported = ConfigProblem.error("unsupported container resource : \(resource)")
        guard parts.count == 2, parts[0] == "limits" || parts[0] == "requests" else { return .failure(unsupported) }
        let name = parts[1]
        guard nodeDefaulted.contains(name) || name.hasPrefix("hugepages-") else { return .failure(unsupported) }
        var amounts = container.resources?[parts[0]]?.objectValue ?? [:]
        if parts[0] == "limits", nodeDefaulted.contains(name), amounts[name] == nil, let node = allocatable[name] {
            amounts[name] = .string(node)
        }
        let amount = quantity(amounts[name]) ?? 0
        let unit = quantity(divisor).flatMap { $0 == 0 ? nil : $0 } ?? 1
        // cpu compares thousandths (MilliValue), everything else whole units (Value), each rounded up first.
        let scale: Decimal = name == "cpu" ? 1000 : 1
        let numerator = roundedUp(amount * scale)
        let denominator = roundedUp(unit * scale)
        guard denominator != 0 else { return .failure(unsupported) }
        return .success(NSDecimalNumber(decimal: roundedUp(numerator / denominator)).stringValue)
    }

    /// A resource quantity (`100m`, `1.5Gi`, `2`, `1e3`) as a decimal number; nil when malformed.
    static func quantity(_ json: JSONValue?) -> Decimal? {
        switch json {
        case .int(let value)?: return Decimal(value)
        case .double(let value)?: return Decimal(value)
        case .string(let text)?: return quantity(text)
        default: return nil
        }
    }

    /// Parses `[+-]digits[.digits][suffix]` with a decimal (`m`, `k`, `M`, ...), binary (`Ki`, `Mi`, ...) or
    /// exponent (`e3`) suffix.
    static func quantity(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "+" || $0 == "-")) }
        let number = String(trimmed[..<(numberEnd ?? trimmed.endIndex)])
        let suffix = String(trimmed[(numberEnd ?? trimmed.endIndex)...])
        guard !number.isEmpty, let base = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        let decimal: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]
        let binary: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]
        if let exponent = decimal[suffix] { return base * pow(10, exponent) }
        if let power = binary[suffix] { return base * pow(1024, power) }
        if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()) {
            return base * pow(10, exponent)
        }
        return nil
    }

    private static func pow(_ base: Decimal, _ exponent: Int) -> Decimal {
        exponent >= 0 ? Foundation.pow(base, exponent) : 1 / Foundation.pow(base, -exponent)
    }

    private static func roundedUp(_ value: Decimal) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, 0, .up)
        return result
    }
}
