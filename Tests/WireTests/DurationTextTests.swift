import KubeAPI
import Testing
import Wire

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("1s", Duration.seconds(1)), ("200ms", .milliseconds(200)), ("1m30s", .seconds(90)), ("2h", .seconds(7200)),
        ("0.5s", .milliseconds(500)), ("3", .seconds(3)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test func refusesGarbage() {
        for text in ["", "s", "1x", "-1", "1s2"] { #expect(DurationText.parse(text) == nil, "\(text)") }
    }
}
