import Foundation
import KubeAPI
import Testing

/// ``Timestamp/format(_:)`` writes its digits itself; it must print what `String(format:)` printed for every date.
@Suite struct TimestampFormatTests {
    /// The formatting as it was: the civil date and `String(format:)`.
    static func reference(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, secondOfDay / 3600, (secondOfDay % 3600) / 60,
            secondOfDay % 60)
    }

    @Test func knownDates_andTheEdgesOfFourDigitYears() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_800_000_000)) == "2027-01-15T08:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_800_000_000.999)) == "2027-01-15T08:00:00Z")
        let edges: [Int64] = [
            -62_167_219_200, -62_167_219_201, 253_402_300_799, 253_402_300_800, -1, 86_399, 86_400, 4_102_444_800,
        ]
        for seconds in edges {
            #expect(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds))) == Self.reference(seconds))
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00Z")
    }

    @Test func everyDateOfAWideRange_printsAsStringFormatPrintedIt() {
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Years 5 to about 4400, any second.
            let seconds = Int64(state >> 20) % 140_000_000_000 - 62_000_000_000
            #expect(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(seconds))) == Self.reference(seconds))
        }
    }
}
