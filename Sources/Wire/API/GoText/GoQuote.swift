/// Go's `strconv` quoting, the one implementation behind every `%q` the project prints: kubectl's and the API
/// server's messages (`unrecognized condition: "x"`, `Invalid value: "x"`), the Go template runtime's `%q`,
/// `printf "%q"` and error texts, the kubelet's event messages.
public enum GoQuote {
    /// `strconv.Quote` (and `fmt`'s `%q` of a string): a double-quoted Go string literal; non-printable runes
    /// (Go's `unicode.IsPrint`) are escaped as `\a`, `\n`, `\x01`, `\u00ad`, `\U0001f600`.
    public static func quote(_ s: String) -> String { quote(s, with: "\"", asciiOnly: false) }

    /// `strconv.QuoteToASCII` (`%+q`): as ``quote(_:)``, with every non-ASCII rune escaped too.
    public static func quoteToASCII(_ s: String) -> String { quote(s, with: "\"", asciiOnly: true) }

    /// `strconv.QuoteRune` (or `QuoteRuneToASCII`): a single-quoted rune literal; an invalid code point is U+FFFD.
    public static func quoteRune(_ value: UInt32, asciiOnly: Bool) -> String {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        return quote(String(Character(scalar)), with: "'", asciiOnly: asciiOnly)
    }

    /// `strconv`'s `quoteWith`: `s` between `quote` characters, with `quote`, `\` and non-printable runes escaped.
    public static func quote(_ s: String, with quote: Unicode.Scalar, asciiOnly: Bool) -> String {
        var out = String(quote)
        for r in s.unicodeScalars {
            if r == quote || r == "\\" {
                out += "\\" + String(r)
                continue
            }
            if asciiOnly ? (r.value < 0x80 && isPrint(r)) : isPrint(r) {
                out.unicodeScalars.append(r)
                continue
            }
            switch r {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if r.value < 0x20 || r.value == 0x7F {
                    out += "\\x" + hex(r.value, width: 2)
                } else if r.value < 0x10000 {
                    out += "\\u" + hex(r.value, width: 4)
                } else {
                    out += "\\U" + hex(r.value, width: 8)
                }
            }
        }
        return out + String(quote)
    }

    /// `strconv.CanBackquote`: whether `s` can be written as a raw (backquoted) Go string.
    public static func canBackquote(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { r in
            if r == "`" || r == "\u{FEFF}" { return false }
            if r.value < 0x20 && r != "\t" { return false }
            return r.value != 0x7F
        }
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    public static func isPrint(_ r: Unicode.Scalar) -> Bool {
        if r == " " { return true }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation,
            .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
            .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Lower-case hexadecimal, zero-padded to `width` digits.
    public static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
