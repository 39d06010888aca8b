import KubeAPI
import Wire

/// One token of a Go template, as Go's `text/template/parse` lexer produces it.
struct GoTemplateToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case error, bool, char, charConstant, comment, complex, assign, declare, eof, field, identifier
        case leftDelim, leftParen, number, pipe, rawString, rightDelim, rightParen, space, string, text, variable
        // Keywords.
        case block, breakKeyword, continueKeyword, dot, define, elseKeyword, end, ifKeyword, nilKeyword, range
        case template, with

        var isKeyword: Bool {
            switch self {
            case .block, .breakKeyword, .continueKeyword, .dot, .define, .elseKeyword, .end, .ifKeyword, .nilKeyword,
                .range, .template, .with:
                true
            default: false
            }
        }
    }

    var kind: Kind
    /// Byte offset of the token in the template text.
    var pos: Int
    var value: String
    /// 1-based line of the token's start.
    var line: Int

    /// How parse errors name the token (Go's `item.String()`): `EOF`, `<range>`, `"}"`, `"abcdefghij"...`.
    var description: String {
        switch kind {
        case .eof: return "EOF"
        case .error: return value
        default:
            if kind.isKeyword { return "<\(value)>" }
            if value.utf8.count > 10 { return GoQuote.quote(String(value.unicodeScalars.prefix(10))) + "..." }
            return GoQuote.quote(value)
        }
    }
}

/// The lexer of Go's text/template: `{{`/`}}` actions with `{{- `/` -}}` trimming, `{{/* comments */}}`, and
/// inside actions fields, variables, identifiers, keywords, numbers, strings, raw strings, characters and
/// punctuation. Positions are byte offsets, as Go reports them.
struct GoTemplateLexer {
    private let input: [UInt8]
    private var pos = 0
    private var start = 0
    private var line = 1
    private var startLine = 1
    private var parenDepth = 0
    private var insideAction = false
    private var finished = false
    /// Width in bytes of the rune last read by ``next()`` (0 at the end of the input).
    private var lastWidth = 0

    private static let leftDelim: [UInt8] = Array("{{".utf8)
    private static let rightDelim: [UInt8] = Array("}}".utf8)
    private static let leftComment: [UInt8] = Array("/*".utf8)
    private static let rightComment: [UInt8] = Array("*/".utf8)
    private static let keywords: [String: GoTemplateToken.Kind] = [
        ".": .dot, "block": .block, "break": .breakKeyword, "continue": .continueKeyword, "define": .define,
        "else": .elseKeyword, "end": .end, "if": .ifKeyword, "range": .range, "nil": .nilKeyword,
        "template": .template, "with": .with,
    ]

    init(_ text: String) {
        input = Array(text.utf8)
    }

    /// The next token; after an error or the end, `eof` tokens forever.
    mutating func nextToken() -> GoTemplateToken {
        if finished { return GoTemplateToken(kind: .eof, pos: pos, value: "EOF", line: startLine) }
        return insideAction ? lexInsideAction() : lexText()
    }

    // MARK: - Runes

    private mutating func next() -> Unicode.Scalar? {
        guard pos < input.count else {
            lastWidth = 0
            return nil
        }
        let (scalar, width) = Self.decode(input, at: pos)
        pos += width
        lastWidth = width
        if scalar == "\n" { line += 1 }
        return scalar
    }

    private mutating func backup() {
        guard lastWidth > 0 else { return }
        pos -= lastWidth
        if input[pos] == UInt8(ascii: "\n") { line -= 1 }
        lastWidth = 0
    }

    private mutating func peek() -> Unicode.Scalar? {
        let r = next()
        backup()
        return r
    }

    private mutating func accept(_ valid: String) -> Bool {
        if let r = next(), valid.unicodeScalars.contains(r) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: String) {
        while let r = next(), valid.unicodeScalars.contains(r) {}
        backup()
    }

    /// Decodes one UTF-8 scalar; an invalid byte decodes as U+FFFD of width 1, as Go does.
    static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int) {
        let first = bytes[index]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var iterator = bytes[index..<(index + length)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
        return ("\u{FFFD}", 1)
    }

    // MARK: - Items

    private func slice(_ from: Int, _ to: Int) -> String {
        String(decoding: input[from..<to], as: UTF8.self)
    }

    private mutating func thisItem(_ kind: GoTemplateToken.Kind) -> GoTemplateToken {
        let token = GoTemplateToken(kind: kind, pos: start, value: slice(start, pos), line: startLine)
        start = pos
        startLine = line
        return token
    }

    private mutating func ignore() {
        line += newlines(start, pos)
        start = pos
        startLine = line
    }

    private func newlines(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        return input[from..<to].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private mutating func errorf(_ message: String) -> GoTemplateToken {
        finished = true
        return GoTemplateToken(kind: .error, pos: start, value: message, line: startLine)
    }

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + prefix.count <= input.count else { return false }
        return input[index..<(index + prefix.count)].elementsEqual(prefix)
    }

    private func find(_ needle: [UInt8], from index: Int) -> Int? {
        guard needle.count <= input.count else { return nil }
        var i = index
        while i + needle.count <= input.count {
            if hasPrefix(needle, at: i) { return i - index }
            i += 1
        }
        return nil
    }

    private static func isSpaceByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n")
    }

    static func isSpace(_ r: Unicode.Scalar?) -> Bool {
        r == " " || r == "\t" || r == "\r" || r == "\n"
    }

    /// A letter, a decimal digit or `_` (Go's `unicode.IsLetter`/`IsDigit`).
    static func isAlphaNumeric(_ r: Unicode.Scalar?) -> Bool {
        guard let r else { return false }
        if r == "_" { return true }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 2 <= input.count && input[index] == UInt8(ascii: "-") && Self.isSpaceByte(input[index + 1])
    }

    private func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 2 <= input.count && Self.isSpaceByte(input[index]) && input[index + 1] == UInt8(ascii: "-")
    }

    private func rightTrimLength(_ from: Int, _ to: Int) -> Int {
        var n = 0
        while to - n > from, Self.isSpaceByte(input[to - n - 1]) { n += 1 }
        return n
    }

    private func leftTrimLength(_ from: Int) -> Int {
        var n = 0
        while from + n < input.count, Self.isSpaceByte(input[from + n]) { n += 1 }
        return n
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(Self.rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(Self.rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    private mutating func atTerminator() -> Bool {
        let r = peek()
        if Self.isSpace(r) { return true }
        switch r {
        case nil, ".", ",", "|", ":", ")", "(": return true
        default: return hasPrefix(Self.rightDelim, at: pos)
        }
    }

    // MARK: - States

    private mutating func lexText() -> GoTemplateToken {
        if let x = find(Self.leftDelim, from: pos) {
            if x > 0 {
                pos += x
                var trimLength = 0
                if hasLeftTrimMarker(at: pos + Self.leftDelim.count) { trimLength = rightTrimLength(start, pos) }
                pos -= trimLength
                line += newlines(start, pos)
                let token = thisItem(.text)
                pos += trimLength
                ignore()
                if !token.value.isEmpty { return token }
            }
            return lexLeftDelim()
        }
        pos = input.count
        if pos > start {
            line += newlines(start, pos)
            return thisItem(.text)
        }
        finished = true
        return thisItem(.eof)
    }

    private mutating func lexLeftDelim() -> GoTemplateToken {
        pos += Self.leftDelim.count
        let trim = hasLeftTrimMarker(at: pos)
        let afterMarker = trim ? 2 : 0
        if hasPrefix(Self.leftComment, at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return lexComment()
        }
        let token = thisItem(.leftDelim)
        insideAction = true
        pos += afterMarker
        ignore()
        parenDepth = 0
        return token
    }

    private mutating func lexComment() -> GoTemplateToken {
        pos += Self.leftComment.count
        guard let x = find(Self.rightComment, from: pos) else { return errorf("unclosed comment") }
        pos += x + Self.rightComment.count
        let (delim, trim) = atRightDelim()
        guard delim else { return errorf("comment ends before closing delimiter") }
        line += newlines(start, pos)
        start = pos
        startLine = line
        if trim { pos += 2 }
        pos += Self.rightDelim.count
        if trim { pos += leftTrimLength(pos) }
        ignore()
        return lexText()
    }

    private mutating func lexRightDelim() -> GoTemplateToken {
        let (_, trim) = atRightDelim()
        if trim {
            pos += 2
            ignore()
        }
        pos += Self.rightDelim.count
        let token = thisItem(.rightDelim)
        if trim {
            pos += leftTrimLength(pos)
            ignore()
        }
        insideAction = false
        return token
    }

    private mutating func lexInsideAction() -> GoTemplateToken {
        if atRightDelim().delim {
            if parenDepth == 0 { return lexRightDelim() }
            return errorf("unclosed left paren")
        }
        guard let r = next() else { return errorf("unclosed action") }
        switch r {
        case " ", "\t", "\r", "\n":
            backup()
            return lexSpace()
        case "=":
            return thisItem(.assign)
        case ":":
            guard next() == "=" else { return errorf("expected :=") }
            return thisItem(.declare)
        case "|":
            return thisItem(.pipe)
        case "\"":
            return lexQuote()
        case "`":
            return lexRawQuote()
        case "$":
            return lexVariable()
        case "'":
            return lexChar()
        case ".":
            if pos < input.count {
                let c = input[pos]
                if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { return lexFieldOrVariable(.field) }
            }
            backup()
            return lexNumber()
        case "+", "-", "0"..."9":
            backup()
            return lexNumber()
        case "(":
            parenDepth += 1
            return thisItem(.leftParen)
        case ")":
            parenDepth -= 1
            if parenDepth < 0 { return errorf("unexpected right paren") }
            return thisItem(.rightParen)
        default:
            if Self.isAlphaNumeric(r) {
                backup()
                return lexIdentifier()
            }
            if r.value < 0x80 && r.value >= 0x20 && r.value != 0x7F { return thisItem(.char) }
            return errorf("unrecognized character in action: \(GoFmt.unicodeFormat(r))")
        }
    }

    private mutating func lexSpace() -> GoTemplateToken {
        var count = 0
        while Self.isSpace(peek()) {
            _ = next()
            count += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix(Self.rightDelim, at: pos - 1 + 2) {
            backupByte()
            if count == 1 { return lexRightDelim() }
        }
        return thisItem(.space)
    }

    /// Steps back over the space just read (all space characters are one byte).
    private mutating func backupByte() {
        pos -= 1
        if input[pos] == UInt8(ascii: "\n") { line -= 1 }
    }

    private mutating func lexIdentifier() -> GoTemplateToken {
        var r = next()
        while Self.isAlphaNumeric(r) { r = next() }
        backup()
        let word = slice(start, pos)
        guard atTerminator() else { return errorf("bad character \(GoFmt.unicodeFormat(r))") }
        if let keyword = Self.keywords[word] { return thisItem(keyword) }
        if word == "true" || word == "false" { return thisItem(.bool) }
        return thisItem(.identifier)
    }

    private mutating func lexVariable() -> GoTemplateToken {
        if atTerminator() { return thisItem(.variable) }
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: GoTemplateToken.Kind) -> GoTemplateToken {
        if atTerminator() { return thisItem(kind == .variable ? .variable : .dot) }
        var r = next()
        while Self.isAlphaNumeric(r) { r = next() }
        backup()
        guard atTerminator() else { return errorf("bad character \(GoFmt.unicodeFormat(r))") }
        return thisItem(kind)
    }

    private mutating func lexChar() -> GoTemplateToken {
        while true {
            switch next() {
            case "\\":
                let r = next()
                if r == nil || r == "\n" { return errorf("unterminated character constant") }
            case nil, "\n":
                return errorf("unterminated character constant")
            case "'":
                return thisItem(.charConstant)
            default:
                continue
            }
        }
    }

    private mutating func lexNumber() -> GoTemplateToken {
        guard scanNumber() else { return errorf("bad number syntax: \(GoQuote.quote(slice(start, pos)))") }
        if let sign = peek(), sign == "+" || sign == "-" {
            guard scanNumber(), input[pos - 1] == UInt8(ascii: "i") else {
                return errorf("bad number syntax: \(GoQuote.quote(slice(start, pos)))")
            }
            return thisItem(.complex)
        }
        return thisItem(.number)
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if Self.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    private mutating func lexQuote() -> GoTemplateToken {
        while true {
            switch next() {
            case "\\":
                let r = next()
                if r == nil || r == "\n" { return errorf("unterminated quoted string") }
            case nil, "\n":
                return errorf("unterminated quoted string")
            case "\"":
                return thisItem(.string)
            default:
                continue
            }
        }
    }

    private mutating func lexRawQuote() -> GoTemplateToken {
        while true {
            switch next() {
            case nil: return errorf("unterminated raw quoted string")
            case "`": return thisItem(.rawString)
            default: continue
            }
        }
    }
}
