import KubeAPI
import Testing
import Wire

/// The one `strconv.Quote` and `FormatFloat` the project prints with, against real kubectl 1.32.
@Suite struct GoTextTests {
    /// `kubectl wait --for=$'a<b\x01\r' pod/x` prints `error: unrecognized condition: "a<b\x01\r"`: `%q` leaves
    /// `<` alone (the old kctl copy escaped it as JSON does) and writes control characters as `\x01` and `\r`.
    @Test func quote_isStrconvQuote() {
        #expect(GoQuote.quote("a<b\u{01}\r") == #""a<b\x01\r""#)
        #expect(GoQuote.quote("say \"hi\"\\\n\té") == #""say \"hi\"\\\n\té""#)
        #expect(GoQuote.quote("\u{ad}\u{1F600}") == #""\u00ad😀""#)
        #expect(GoQuote.quoteToASCII("é😀") == #""\u00e9\U0001f600""#)
        #expect(GoQuote.quoteRune(0x27, asciiOnly: false) == #"'\''"#)
    }

    @Test func floats_areFormatFloatG_andJSONLayout() {
        #expect(GoNumberFormat.formatG(1_000_000) == "1e+06")
        #expect(GoNumberFormat.formatG(0.00001) == "1e-05")
        #expect(GoNumberFormat.formatJSON(1e-7) == "1e-7")
        #expect(GoNumberFormat.formatJSON(1_000_000) == "1000000")
    }
}
