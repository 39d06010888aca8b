import Foundation
import KubeAPI
import Wire

/// Bootstrap token lifetimes as `kubeadm token` reads and shows them: Go durations in, short human durations out.
///
/// Pure: no clock is read.
enum TokenTTL {
    /// The TTL of tokens made without `--ttl`, and of the control plane's first token: 24 hours.
    static let defaultTTL: TimeInterval = 24 * 60 * 60

    /// Parses a Go duration (`24h`, `1h30m`, `90m`, `45s`, `1.5h`, `500ms`); `0` means the token never expires.
    ///
    /// - Returns: The duration in seconds, or nil for "never expires".
    /// - Throws: ``BootstrapTokenError/invalidTTL(_:)`` for anything else, including negative durations.
    static func parse(_ text: String) throws -> TimeInterval? {
        let units: [(String, Double)] = [
            ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
        ]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("+") { rest = rest.dropFirst() }
        if rest == "0" { return nil }
        guard !rest.isEmpty else { throw BootstrapTokenError.invalidTTL(text) }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else {
                throw BootstrapTokenError.invalidTTL(text)
            }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.0 == unitText }) else {
                throw BootstrapTokenError.invalidTTL(text)
            }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        return total > 0 ? total : nil
    }

    /// Kubernetes' `duration.ShortHumanDuration`: `45s`, `59m`, `23h`, `6d`, `2y`; `<invalid>` when more than a
    /// second in the past, `0s` when just past.
    static func shortHumanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.towardZero))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)h" }
        if hours < 24 * 365 { return "\(hours / 24)d" }
        return "\(hours / 24 / 365)y"
    }
}
