import Foundation

/// kubectl's compact age format (`45s`, `5m30s`, `2d3h`, `400d`), a port of apimachinery's `duration.HumanDuration`.
///
/// It gives two or three significant figures: seconds below 2 minutes, minutes (and seconds) below 10 minutes, minutes
/// below 3 hours, hours (and minutes) below 8 hours, hours below 2 days, days (and hours) below 8 days, days below 2
/// years, then years (and days). Every division truncates.
public enum HumanDuration {
    /// Formats an elapsed time in seconds.
    ///
    /// A small negative value (clock skew of less than 2 s) prints `0s`; anything more negative prints `<invalid>`.
    public static func format(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite else { return "<invalid>" }
        // Go converts with int(d.Seconds()), which truncates toward zero; all later divisions work on whole
        // seconds, which gives the same results as Go's nanosecond divisions for non-negative durations.
        let clamped = min(max(seconds, -1e15), 1e15)
        let whole = Int64(clamped.rounded(.towardZero))
        if whole < -1 { return "<invalid>" }
        if whole < 0 { return "0s" }
        if whole < 120 { return "\(whole)s" }
        let minutes = whole / 60
        if minutes < 10 {
            let s = whole % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = whole / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// The age of a timestamp field as kubectl prints it: `<unknown>` when absent or unparsable, else
    /// ``format(_:)`` of `now - timestamp`.
    public static func since(_ timestamp: String?, now: Date) -> String {
        guard let timestamp, let date = Timestamp.parse(timestamp) else { return "<unknown>" }
        return format(now.timeIntervalSince(date))
    }
}
