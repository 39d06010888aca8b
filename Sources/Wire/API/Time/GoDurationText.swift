/// Go's `time.Duration.String()` for durations in whole milliseconds, as Kubernetes prints them in messages
/// (`Successfully pulled image "x" in 1.2s`, `back-off 10s`): `0s`, `523ms`, `1.5s`, `1m30s`, `1h0m0s`. Pure.
public enum GoDurationText {
    /// Formats `milliseconds` as Go does.
    public static func format(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        if milliseconds < 0 { return "-" + format(milliseconds: -milliseconds) }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let hours = milliseconds / 3_600_000
        let minutes = milliseconds / 60_000 % 60
        let millis = milliseconds % 60_000
        var seconds = String(millis / 1000)
        if millis % 1000 != 0 {
            var fraction = String(millis % 1000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            seconds += "." + fraction
        }
        if hours > 0 { return "\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(minutes)m\(seconds)s" }
        return "\(seconds)s"
    }

    /// Formats `seconds` truncated to whole milliseconds (Go's `Truncate(time.Millisecond)`).
    public static func format(seconds: Double) -> String {
        format(milliseconds: Int64((max(0, seconds) * 1000).rounded(.down)))
    }
}
