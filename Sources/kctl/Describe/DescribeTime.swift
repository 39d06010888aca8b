import Foundation
import KubeAPI
import Wire

/// Timestamps as kubectl's describers print them: Go's `time.RFC1123Z` layout,
/// `Mon, 02 Jan 2006 15:04:05 -0700`, in the local time zone (API times are converted with `Local()` when
/// decoded); an absent time is Go's zero time, printed in UTC.
enum DescribeTime {
    /// What Go prints for a zero `metav1.Time`.
    static let zero = "Mon, 01 Jan 0001 00:00:00 +0000"

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The RFC 1123Z form of an API timestamp field, or ``zero`` when it is absent or unparsable.
    static func rfc1123Z(_ timestamp: String?, in timeZone: TimeZone) -> String {
        guard let timestamp, let date = Timestamp.parse(timestamp) else { return zero }
        return rfc1123Z(date, in: timeZone)
    }

    /// `Mon, 02 Jan 2006 15:04:05 -0700` for `date` seen in `timeZone`.
    static func rfc1123Z(_ date: Date, in timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        let weekday = Int(((days + 4) % 7 + 7) % 7)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return "\(weekdays[weekday]), \(pad(day, 2)) \(months[month - 1]) \(pad(year, 4)) "
            + "\(pad(Int(secondOfDay / 3600), 2)):\(pad(Int(secondOfDay % 3600 / 60), 2)):\(pad(Int(secondOfDay % 60), 2)) "
            + "\(sign)\(pad(magnitude / 60, 2))\(pad(magnitude % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

}
