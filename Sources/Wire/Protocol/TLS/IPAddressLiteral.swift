import Foundation
import KubeAPI

/// Parses textual IPv4 and IPv6 addresses into their network-order bytes, without touching sockets.
///
/// Used to put IP addresses into certificates' SubjectAlternativeNames and to tell IP literals
/// from DNS names in server addresses. Accepts dotted-quad IPv4 (`10.0.0.1`) and RFC 4291 IPv6
/// text (`::1`, `fe80::1`, `::ffff:10.0.0.1`), without brackets, zone ids or prefix lengths.
public enum IPAddressLiteral {
    /// The 4 (IPv4) or 16 (IPv6) bytes of `text`, or `nil` if `text` is not an IP address literal.
    public static func bytes(_ text: String) -> [UInt8]? {
        if text.contains(":") {
            return ipv6Bytes(Substring(text))
        }
        return ipv4Bytes(Substring(text))
    }

    /// Whether `text` is an IPv6 address literal (without brackets).
    public static func isIPv6(_ text: String) -> Bool {
        bytes(text)?.count == 16
    }

    /// Formats 4 or 16 address bytes as text (IPv6 in its compressed form); `nil` for other lengths.
    public static func format(_ bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4:
            return bytes.map(String.init).joined(separator: ".")
        case 16:
            return formatIPv6(bytes)
        default:
            return nil
        }
    }

    // MARK: - IPv4

    private static func ipv4Bytes(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(4)
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            // Leading zeros are ambiguous (octal in some parsers), so reject them like inet_pton does.
            if part.count > 1, part.first == "0" { return nil }
            guard let value = UInt8(part) else { return nil }
            result.append(value)
        }
        return result
    }

    // MARK: - IPv6

    private static func ipv6Bytes(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        switch halves.count {
        case 1:
            guard let groups = ipv6Groups(Substring(halves[0])), groups.count == 16 else { return nil }
            return groups
        case 2:
            guard let head = ipv6Groups(Substring(halves[0])), let tail = ipv6Groups(Substring(halves[1])) else {
                return nil
            }
            // "::" stands for at least one group of zeros.
            guard head.count + tail.count <= 14 else { return nil }
            return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        default:
            return nil
        }
    }

    /// Bytes of a colon-separated run of hex groups, optionally ending in an embedded IPv4 address.
    private static func ipv6Groups(_ text: Substring) -> [UInt8]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.contains(".") {
                guard let v4 = ipv4Bytes(part) else { return nil }
                result += v4
                continue
            }
            guard (1...4).contains(part.count), let value = UInt16(part, radix: 16) else { return nil }
            result.append(UInt8(value >> 8))
            result.append(UInt8(value & 0xff))
        }
        return result.count <= 16 ? result : nil
    }

    private static func formatIPv6(_ bytes: [UInt8]) -> String {
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        // Find the longest run (length >= 2) of zero groups to compress, as RFC 5952 recommends.
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < groups.count {
            if groups[index] == 0 {
                var end = index
                while end < groups.count, groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
