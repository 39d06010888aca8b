/// What libyaml's `yaml_emitter_analyze_scalar` finds out about a scalar: which styles may represent it.
import KubeAPI
import Wire

struct ScalarAnalysis {
    var multiline = false
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    /// Analyses `text` as go-yaml v2 does (with `unicode` output enabled).
    init(_ text: String) {
        let value = Array(text.unicodeScalars)
        if value.isEmpty {
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false

        if value.count >= 3 {
            let prefix = String(String.UnicodeScalarView(value[0..<3]))
            if prefix == "---" || prefix == "..." { blockIndicators = true }
        }
        var precededByWhitespace = true
        for (i, c) in value.enumerated() {
            let followedByWhitespace = i + 1 >= value.count || Self.isBlank(value[i + 1])
            if i == 0 {
                switch c {
                case "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`":
                    blockIndicators = true
                case "?", ":", "-":
                    if followedByWhitespace { blockIndicators = true }
                default:
                    break
                }
            } else {
                switch c {
                case ":":
                    if followedByWhitespace { blockIndicators = true }
                case "#":
                    if precededByWhitespace { blockIndicators = true }
                default:
                    break
                }
            }
            if !Self.isPrintable(c) { specialCharacters = true }
            if c == " " {
                if i == 0 { leadingSpace = true }
                if i == value.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if Self.isBreak(c) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i == value.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = Self.isBlank(c) || Self.isBreak(c) || c == "\0"
        }

        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters {
            blockPlainAllowed = false
            singleQuotedAllowed = false
            blockAllowed = false
        }
        if lineBreaks { blockPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }

    /// libyaml `is_printable`: LF, printable ASCII, U+00A0-U+D7FF, U+E000-U+FFFD except the BOM.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x20...0x7E, 0xA0...0xD7FF: return true
        case 0xE000...0xFFFD: return c.value != 0xFEFF
        default: return false
        }
    }

    /// libyaml `is_break`: CR, LF, NEL, LS, PS.
    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0D, 0x0A, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
}
