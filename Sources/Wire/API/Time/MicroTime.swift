import Foundation

/// Kubernetes' `MicroTime` text: RFC 3339 in UTC with exactly six fractional digits
/// (`2026-11-24T21:45:12.000000Z`), the form Kubernetes writes a Lease's `acquireTime` and `renewTime` and an Event's
/// `eventTime` in, and the only form kubectl parses them in (`describe node` reads the Lease's `renewTime`). Pure.
public enum MicroTime {
    /// Formats `date` with microsecond precision in UTC (rounded to the nearest microsecond).
    public static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let text = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(text.dropLast()) + "." + String(format: "%06lld", fraction) + "Z"
    }

    /// `text` (any RFC 3339 time) rewritten in the canonical form, as Kubernetes stores a MicroTime it decoded;
    /// nil when it is not an RFC 3339 time.
    public static func canonical(_ text: String) -> String? {
        Timestamp.parse(text).map(format)
    }
}
