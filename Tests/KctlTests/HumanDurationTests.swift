import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite("HumanDuration")
struct HumanDurationTests {
    static let minute = 60.0
    static let hour = 3600.0
    static let day = 86_400.0

    @Test(
        "formats like apimachinery's duration.HumanDuration",
        arguments: [
            (-2.0, "<invalid>"), (-100, "<invalid>"), (-1.5, "0s"), (-1, "0s"), (-0.2, "0s"), (0, "0s"),
            (0.9, "0s"), (1, "1s"), (45, "45s"), (119.9, "119s"), (120, "2m"), (121, "2m1s"), (330, "5m30s"),
            (599, "9m59s"), (600, "10m"), (659, "10m"), (179 * minute + 59, "179m"), (3 * hour, "3h"),
            (3 * hour + 5 * minute + 59, "3h5m"), (7 * hour + 59 * minute, "7h59m"), (8 * hour, "8h"),
            (47 * hour + 59 * minute, "47h"), (48 * hour, "2d"), (2 * day + 3 * hour, "2d3h"),
            (7 * day + 23 * hour + 59 * minute, "7d23h"), (8 * day, "8d"), (8 * day + 5 * hour, "8d"),
            (400 * day, "400d"), (729 * day, "729d"), (730 * day, "2y"), (830 * day, "2y100d"),
            (8 * 365 * day, "8y"), (10 * 365 * day + 40 * day, "10y"),
        ] as [(TimeInterval, String)])
    func format(seconds: TimeInterval, expected: String) {
        #expect(HumanDuration.format(seconds) == expected)
    }

    @Test func since_missingOrInvalidTimestamp_isUnknown() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(HumanDuration.since(nil, now: now) == "<unknown>")
        #expect(HumanDuration.since("", now: now) == "<unknown>")
        #expect(HumanDuration.since("yesterday", now: now) == "<unknown>")
    }

    @Test func since_timestamp_formatsElapsedTime() throws {
        let now = try #require(Timestamp.parse("2026-11-24T21:45:12Z"))
        #expect(HumanDuration.since("2026-11-22T18:45:12Z", now: now) == "2d3h")
        #expect(HumanDuration.since("2026-11-24T21:45:08Z", now: now) == "4s")
        #expect(HumanDuration.since("2026-11-24T21:45:15Z", now: now) == "<invalid>")
    }
}

@Suite("RFC3339")
struct RFC3339Tests {
    @Test func parse_epochAndKnownInstants() {
        #expect(Timestamp.parse("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
        #expect(Timestamp.parse("2000-03-01T00:00:00Z")?.timeIntervalSince1970 == 951_868_800)
        #expect(Timestamp.parse("2026-11-24T21:45:12Z")?.timeIntervalSince1970 == 1_795_556_712)
    }

    @Test func parse_fractionalSecondsAndOffsets() throws {
        let base = try #require(Timestamp.parse("2026-11-24T21:45:12Z"))
        let fractional = try #require(Timestamp.parse("2026-11-24T21:45:12.5Z"))
        #expect(abs(fractional.timeIntervalSince(base) - 0.5) < 1e-6)
        let micro = try #require(Timestamp.parse("2026-11-24T21:45:12.123456Z"))
        #expect(abs(micro.timeIntervalSince(base) - 0.123456) < 1e-6)
        #expect(Timestamp.parse("2026-11-24T23:45:12+02:00") == base)
        #expect(Timestamp.parse("2026-11-24T16:15:12-05:30") == base)
        #expect(Timestamp.parse("2026-11-24t21:45:12z") == base)
    }

    @Test(arguments: [
        "", "2026-11-24", "2026-11-24T21:45:12", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-24T24:00:00Z", "2026-11-24T21:45:12.Z", "2026-11-24T21:45:12Zjunk", "26-11-24T21:45:12Z",
        "2026-11-24T21:45:12+0200",
    ])
    func parse_rejectsMalformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
