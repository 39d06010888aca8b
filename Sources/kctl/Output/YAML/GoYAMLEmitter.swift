/// A block-style YAML emitter that reproduces go-yaml v2's emitter (`emitterc.go`, a port of libyaml) for the
/// documents kubectl prints: sorted block mappings, "indentless" sequences under mapping keys, `{}`/`[]` for
/// empty collections, 2-space indentation, and line folding of long scalars at column 80.
///
/// The emitter keeps libyaml's layout state (`column`, `indent`, `whitespace`, `indention`) and runs the same
/// decisions, so quoting, folding and block-scalar hints come out byte for byte as kubectl's.
import KubeAPI
import Wire

struct GoYAMLEmitter {
    /// The YAML text written so far.
    private(set) var output = ""

    private var column = 0
    private var indent = -1
    private var whitespace = true
    private var indention = true

    private static let bestIndent = 2
    private static let bestWidth = 80

    /// Scalar styles as libyaml names them.
    enum Style {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
    }

    /// Emits one document holding `value`; the output ends with a newline.
    mutating func emitDocument(_ value: JSONValue) {
        emitNode(value, mappingContext: false, simpleKey: false)
        writeIndent()
    }

    // MARK: - Nodes

    private mutating func emitNode(_ value: JSONValue, mappingContext: Bool, simpleKey: Bool) {
        switch value {
        case .object(let members) where members.isEmpty:
            emitEmptyFlow("{", "}")
        case .array(let items) where items.isEmpty:
            emitEmptyFlow("[", "]")
        case .object(let members):
            emitBlockMapping(members)
        case .array(let items):
            emitBlockSequence(items, mappingContext: mappingContext)
        case .null:
            emitScalar("null", requested: .plain, simpleKey: simpleKey)
        case .bool(let b):
            emitScalar(b ? "true" : "false", requested: .plain, simpleKey: simpleKey)
        case .int(let i):
            emitScalar(String(i), requested: .plain, simpleKey: simpleKey)
        case .double(let d):
            emitScalar(GoNumberFormat.formatYAML(d), requested: .plain, simpleKey: simpleKey)
        case .string(let s):
            emitScalar(s, requested: Self.requestedStyle(for: s), simpleKey: simpleKey)
        }
    }

    /// go-yaml's `encoder.stringv`: literal when the string has a newline, plain when it would read back as the
    /// same string, otherwise double-quoted.
    static func requestedStyle(for s: String) -> Style {
        if s.utf8.contains(UInt8(ascii: "\n")) { return .literal }
        let canUsePlain = GoYAMLResolver.resolve(s) == .string && !GoYAMLResolver.isBase60Float(s)
        return canUsePlain ? .plain : .doubleQuoted
    }

    private mutating func emitEmptyFlow(_ open: String, _ close: String) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    private mutating func emitBlockSequence(_ items: [JSONValue], mappingContext: Bool) {
        let saved = indent
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
            emitNode(item, mappingContext: false, simpleKey: false)
        }
        indent = saved
    }

    private mutating func emitBlockMapping(_ members: [String: JSONValue]) {
        let saved = indent
        increaseIndent(flow: false, indentless: false)
        for key in GoYAMLKeyOrder.sorted(members.keys) {
            writeIndent()
            let value = members[key] ?? .null
            let analysis = ScalarAnalysis(key)
            if !analysis.multiline && key.utf8.count <= 128 {
                emitScalar(key, requested: Self.requestedStyle(for: key), simpleKey: true, analysis: analysis)
                writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
            } else {
                writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                emitScalar(key, requested: Self.requestedStyle(for: key), simpleKey: false, analysis: analysis)
                writeIndent()
                writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
            }
            emitNode(value, mappingContext: true, simpleKey: false)
        }
        indent = saved
    }

    private mutating func emitScalar(
        _ text: String,
        requested: Style,
        simpleKey: Bool,
        analysis given: ScalarAnalysis? = nil
    ) {
        let analysis = given ?? ScalarAnalysis(text)
        let style = Self.selectStyle(requested, analysis: analysis, simpleKey: simpleKey, isEmpty: text.isEmpty)
        let saved = indent
        increaseIndent(flow: true, indentless: false)
        let scalars = Array(text.unicodeScalars)
        switch style {
        case .plain: writePlain(scalars, allowBreaks: !simpleKey)
        case .singleQuoted: writeSingleQuoted(scalars, allowBreaks: !simpleKey)
        case .doubleQuoted: writeDoubleQuoted(scalars, allowBreaks: !simpleKey)
        case .literal: writeLiteral(scalars)
        }
        indent = saved
    }

    /// libyaml's `yaml_emitter_select_scalar_style` for block context.
    private static func selectStyle(
        _ requested: Style,
        analysis: ScalarAnalysis,
        simpleKey: Bool,
        isEmpty: Bool
    )
        -> Style
    {
        var style = requested
        if simpleKey && analysis.multiline { style = .doubleQuoted }
        if style == .plain {
            if !analysis.blockPlainAllowed || (isEmpty && simpleKey) { style = .singleQuoted }
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .doubleQuoted }
        return style
    }

    // MARK: - Layout primitives

    private mutating func increaseIndent(flow: Bool, indentless: Bool) {
        if indent < 0 {
            indent = flow ? Self.bestIndent : 0
        } else if !indentless {
            indent += Self.bestIndent
        }
    }

    private mutating func put(_ c: Unicode.Scalar) {
        output.unicodeScalars.append(c)
        column += 1
    }

    private mutating func putBreak() {
        output.unicodeScalars.append("\n")
        column = 0
    }

    private mutating func writeBreak(_ c: Unicode.Scalar) {
        if c == "\n" {
            putBreak()
        } else {
            put(c)
            column = 0
        }
    }

    private mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(" ") }
        whitespace = true
        indention = true
    }

    private mutating func writeIndicator(
        _ indicator: String,
        needWhitespace: Bool,
        isWhitespace: Bool,
        isIndention: Bool
    ) {
        if needWhitespace && !whitespace { put(" ") }
        for c in indicator.unicodeScalars { put(c) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    // MARK: - Scalar writers

    private mutating func writePlain(_ value: [Unicode.Scalar], allowBreaks: Bool) {
        if !whitespace { put(" ") }
        var spaces = false
        var breaks = false
        var i = 0
        while i < value.count {
            let c = value[i]
            if c == " " {
                let nextIsSpace = i + 1 < value.count && value[i + 1] == " "
                if allowBreaks && !spaces && column > Self.bestWidth && !nextIsSpace {
                    writeIndent()
                } else {
                    put(c)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(c) {
                if !breaks && c == "\n" { putBreak() }
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                put(c)
                indention = false
                spaces = false
                breaks = false
            }
            i += 1
        }
        whitespace = false
        indention = false
    }

    private mutating func writeSingleQuoted(_ value: [Unicode.Scalar], allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        for (i, c) in value.enumerated() {
            if c == " " {
                if allowBreaks && !spaces && column > Self.bestWidth && i > 0 && i < value.count - 1
                    && value[i + 1] != " "
                {
                    writeIndent()
                } else {
                    put(c)
                }
                spaces = true
            } else if ScalarAnalysis.isBreak(c) {
                if !breaks && c == "\n" { putBreak() }
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if c == "'" { put("'") }
                put(c)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeDoubleQuoted(_ value: [Unicode.Scalar], allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        // go-yaml's is_bom looks at the start of the value, not at the current character.
        let startsWithBOM = value.first == "\u{FEFF}"
        var spaces = false
        for (i, c) in value.enumerated() {
            if !ScalarAnalysis.isPrintable(c) || startsWithBOM || ScalarAnalysis.isBreak(c) || c == "\"" || c == "\\" {
                put("\\")
                writeEscape(c)
                spaces = false
            } else if c == " " {
                if allowBreaks && !spaces && column > Self.bestWidth && i > 0 && i < value.count - 1 {
                    writeIndent()
                    if value[i + 1] == " " { put("\\") }
                } else {
                    put(c)
                }
                spaces = true
            } else {
                put(c)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeEscape(_ c: Unicode.Scalar) {
        switch c.value {
        case 0x00: put("0")
        case 0x07: put("a")
        case 0x08: put("b")
        case 0x09: put("t")
        case 0x0A: put("n")
        case 0x0B: put("v")
        case 0x0C: put("f")
        case 0x0D: put("r")
        case 0x1B: put("e")
        case 0x22: put("\"")
        case 0x5C: put("\\")
        case 0x85: put("N")
        case 0xA0: put("_")
        case 0x2028: put("L")
        case 0x2029: put("P")
        default:
            let (letter, width): (Unicode.Scalar, Int) =
                c.value <= 0xFF ? ("x", 2) : c.value <= 0xFFFF ? ("u", 4) : ("U", 8)
            put(letter)
            let hex = Array("0123456789ABCDEF".unicodeScalars)
            for k in stride(from: (width - 1) * 4, through: 0, by: -4) {
                put(hex[Int((c.value >> UInt32(k)) & 0x0F)])
            }
        }
    }

    private mutating func writeLiteral(_ value: [Unicode.Scalar]) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        if let first = value.first, first == " " || ScalarAnalysis.isBreak(first) {
            writeIndicator(String(Self.bestIndent), needWhitespace: false, isWhitespace: false, isIndention: false)
        }
        let chomp: String?
        if let last = value.last {
            if !ScalarAnalysis.isBreak(last) {
                chomp = "-"
            } else if value.count == 1 || ScalarAnalysis.isBreak(value[value.count - 2]) {
                chomp = "+"
            } else {
                chomp = nil
            }
        } else {
            chomp = "-"
        }
        if let chomp { writeIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        for c in value {
            if ScalarAnalysis.isBreak(c) {
                writeBreak(c)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                put(c)
                indention = false
                breaks = false
            }
        }
    }
}
