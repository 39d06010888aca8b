import Foundation
import Testing

@testable import ControlPlane

/// The cron parser and its next-time computation, against hand-computed times.
@Suite struct CronScheduleTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// `2026-03-04T05:06:07Z` style, in UTC.
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func next(_ schedule: String, after: String, zone: TimeZone = utc) throws -> String? {
        let parsed = try CronSchedule.parse(schedule)
        guard let next = parsed.next(after: date(after), in: zone) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        return formatter.string(from: next)
    }

    @Test func nextTimes() throws {
        #expect(try Self.next("* * * * *", after: "2026-03-04T05:06:07Z") == "2026-03-04T05:07:00Z")
        #expect(try Self.next("* * * * *", after: "2026-03-04T05:06:00Z") == "2026-03-04T05:07:00Z")
        #expect(try Self.next("*/15 * * * *", after: "2026-03-04T05:06:07Z") == "2026-03-04T05:15:00Z")
        #expect(try Self.next("0 9-17 * * mon-fri", after: "2026-03-06T17:30:00Z") == "2026-03-09T09:00:00Z")
        #expect(try Self.next("@hourly", after: "2026-12-31T23:59:00Z") == "2027-01-01T00:00:00Z")
        #expect(try Self.next("@monthly", after: "2026-01-31T10:00:00Z") == "2026-02-01T00:00:00Z")
        #expect(try Self.next("@weekly", after: "2026-03-04T00:00:00Z") == "2026-03-08T00:00:00Z")
        #expect(try Self.next("0 0 29 2 *", after: "2026-03-01T00:00:00Z") == "2028-02-29T00:00:00Z")
        #expect(try Self.next("0 0 31 2 *", after: "2026-03-01T00:00:00Z") == nil)
        #expect(try Self.next("30 2 * * *", after: "2026-03-04T05:06:07Z") == "2026-03-05T02:30:00Z")
        #expect(try Self.next("@every 90s", after: "2026-03-04T05:06:07Z") == "2026-03-04T05:07:37Z")
    }

    /// With both day fields restricted, either may match (robfig/cron, like Vixie cron); with one a star, both.
    @Test func dayOfMonthOrDayOfWeek() throws {
        // 2026-03-04 is a Wednesday; the 10th is a Tuesday; the next Friday is the 6th.
        #expect(try Self.next("0 0 10 * fri", after: "2026-03-04T12:00:00Z") == "2026-03-06T00:00:00Z")
        #expect(try Self.next("0 0 10 * *", after: "2026-03-04T12:00:00Z") == "2026-03-10T00:00:00Z")
        #expect(try Self.next("0 0 * * fri", after: "2026-03-04T12:00:00Z") == "2026-03-06T00:00:00Z")
    }

    @Test func inATimeZone() throws {
        let paris = TimeZone(identifier: "Europe/Paris")!
        #expect(try Self.next("0 9 * * *", after: "2026-03-04T07:00:00Z", zone: paris) == "2026-03-04T09:00:00+01:00")
        let parsed = try CronSchedule.parse("0 9 * * *")
        #expect(parsed.next(after: Self.date("2026-03-04T07:00:00Z"), in: paris) == Self.date("2026-03-04T08:00:00Z"))
    }

    @Test func parseErrors() {
        func error(_ spec: String) -> String? {
            do {
                _ = try CronSchedule.parse(spec)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("") == "empty spec string")
        #expect(error("* * * *") == "expected exactly 5 fields, found 4: [* * * *]")
        #expect(error("* * * * * *") == "expected exactly 5 fields, found 6: [* * * * * *]")
        #expect(error("1-2-3 * * * *") == "too many hyphens: 1-2-3")
        #expect(error("1/2/3 * * * *") == "too many slashes: 1/2/3")
        #expect(error("* * * * 7") == "end of range (7) above maximum (6): 7")
        #expect(error("@every soon") == "failed to parse duration @every soon: time: invalid duration \"soon\"")
        #expect(error("TZ=Nowhere/Else 0 * * * *") == "provided bad location Nowhere/Else: unknown time zone Nowhere/Else")
    }
}
