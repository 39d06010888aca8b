// The `fmt` printer's padding and its string, integer and float verbs (see GoTemplateFormat.swift).

import Foundation
import KubeAPI
import Wire

extension GoFmt.Printer {
    // MARK: Padding

    mutating func padString(_ s: String) {
        pad(s, zeroAllowed: false)
    }

    mutating func pad(_ s: String, zeroAllowed: Bool) {
        let count = s.unicodeScalars.count
        guard let width, width > count else {
            out += s
            return
        }
        let padding = String(repeating: zeroAllowed && zero ? "0" : " ", count: width - count)
        out += minus ? s + padding : padding + s
    }

    // MARK: Strings

    func truncated(_ s: String) -> String {
        guard let precision else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.prefix(precision)))
    }

    mutating func fmtString(_ s: String, value: GoValue, _ verb: Unicode.Scalar) {
        switch verb {
        case "v":
            if sharpV { fmtQ(s) } else { padString(truncated(s)) }
        case "s": padString(truncated(s))
        case "q": fmtQ(s)
        case "x", "X": fmtSx(s, upper: verb == "X")
        default: badVerb(value, verb)
        }
    }

    mutating func fmtQ(_ s: String) {
        let s = truncated(s)
        if sharp && GoQuote.canBackquote(s) {
            padString("`" + s + "`")
        } else {
            padString(plus ? GoQuote.quoteToASCII(s) : GoQuote.quote(s))
        }
    }

    mutating func fmtSx(_ s: String, upper: Bool) {
        var bytes = Array(s.utf8)
        if let precision, precision < bytes.count { bytes = Array(bytes.prefix(precision)) }
        let digits = Array(upper ? "0123456789ABCDEF" : "0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if space && index > 0 { text += " " }
            if sharp && (space || index == 0) { text += upper ? "0X" : "0x" }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        padString(text)
    }

    // MARK: Integers

    mutating func fmtInteger(
        _ magnitude: UInt64, negative: Bool, isSigned: Bool, value: GoValue, _ verb: Unicode.Scalar
    ) {
        switch verb {
        case "v":
            if sharpV && !isSigned {
                let saved = sharp
                sharp = true
                formatInteger(magnitude, negative: negative, base: 16, verb: "x", upper: false)
                sharp = saved
            } else {
                formatInteger(magnitude, negative: negative, base: 10, verb: verb, upper: false)
            }
        case "d": formatInteger(magnitude, negative: negative, base: 10, verb: verb, upper: false)
        case "b": formatInteger(magnitude, negative: negative, base: 2, verb: verb, upper: false)
        case "o", "O": formatInteger(magnitude, negative: negative, base: 8, verb: verb, upper: false)
        case "x": formatInteger(magnitude, negative: negative, base: 16, verb: verb, upper: false)
        case "X": formatInteger(magnitude, negative: negative, base: 16, verb: verb, upper: true)
        case "c":
            let scalar = negative ? "\u{FFFD}" : (Unicode.Scalar(UInt32(clamping: magnitude)) ?? "\u{FFFD}")
            padString(String(Character(scalar)))
        case "q":
            padString(GoQuote.quoteRune(negative ? 0xFFFD : UInt32(clamping: magnitude), asciiOnly: plus))
        case "U":
            var text = "U+" + String(magnitude, radix: 16, uppercase: true)
            let digits = max(precision ?? 4, 4)
            let hexDigits = text.count - 2
            if hexDigits < digits { text = "U+" + String(repeating: "0", count: digits - hexDigits) + text.dropFirst(2) }
            if sharp, magnitude <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(magnitude)), GoQuote.isPrint(scalar) {
                text += " '\(Character(scalar))'"
            }
            padString(text)
        default:
            badVerb(value, verb)
        }
    }

    mutating func formatInteger(
        _ magnitude: UInt64, negative: Bool, base: Int, verb: Unicode.Scalar, upper: Bool
    ) {
        var minimumDigits = 0
        if let precision {
            if precision == 0 && magnitude == 0 {
                pad("", zeroAllowed: false)
                return
            }
            minimumDigits = precision
        } else if zero && !minus, let width {
            minimumDigits = width
            if negative || plus || space { minimumDigits -= 1 }
        }
        var digits = String(magnitude, radix: base, uppercase: upper)
        if digits.count < minimumDigits {
            digits = String(repeating: "0", count: minimumDigits - digits.count) + digits
        }
        var prefix = ""
        if sharp {
            switch base {
            case 2: prefix = "0b"
            case 8: if !digits.hasPrefix("0") { prefix = "0" }
            case 16: prefix = upper ? "0X" : "0x"
            default: break
            }
        }
        if verb == "O" { prefix = "0o" }
        let sign = negative ? "-" : plus ? "+" : space ? " " : ""
        pad(sign + prefix + digits, zeroAllowed: false)
    }

    // MARK: Floats

    mutating func fmtFloat(_ d: Double, value: GoValue, _ verb: Unicode.Scalar) {
        switch verb {
        case "v": formatFloat(d, "g", precision: precision)
        case "g", "G": formatFloat(d, verb, precision: precision)
        case "e", "E", "f", "F": formatFloat(d, verb, precision: precision ?? 6)
        default: badVerb(value, verb)
        }
    }

    mutating func formatFloat(_ d: Double, _ verb: Unicode.Scalar, precision: Int?) {
        var number: String
        if d.isNaN {
            number = plus ? "+NaN" : space ? " NaN" : "NaN"
            pad(number, zeroAllowed: false)
            return
        }
        if d.isInfinite {
            number = d < 0 ? "-Inf" : (space && !plus ? " Inf" : "+Inf")
            pad(number, zeroAllowed: false)
            return
        }
        let magnitude = abs(d)
        if let precision {
            let conversion = verb == "F" ? "f" : String(Character(verb))
            number = String(format: "%\(sharp ? "#" : "").*\(conversion)", precision, magnitude)
        } else if sharp {
            number = String(format: "%#\(verb == "G" ? "G" : "g")", magnitude)
        } else {
            number = GoNumberFormat.formatG(magnitude)
            if verb == "G" { number = number.uppercased() }
        }
        let negative = d.sign == .minus
        let sign = negative ? "-" : plus ? "+" : space ? " " : ""
        if zero && !minus, let width, width > sign.count + number.count {
            out += sign + String(repeating: "0", count: width - sign.count - number.count) + number
            return
        }
        pad(sign + number, zeroAllowed: false)
    }
}
