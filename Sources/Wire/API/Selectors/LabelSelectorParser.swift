/// Parses kubectl's `-l` / `labelSelector=` syntax into a ``Selector`` (upstream `labels.Parse`).
///
/// Grammar: requirements separated by `,` (AND), each one of `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
/// `k notin (a,b)`, `k` (exists), `!k` (does not exist), `k>n`, `k<n`. Whitespace around tokens is ignored,
/// an empty value (`k=`, `k in ()`) is the empty string, `in`/`notin` may be used as keys and values.
/// Keys are checked as qualified names and values as label values. An empty string selects everything.
///
/// Error messages are upstream's, e.g. `unable to parse requirement: found 'b', expected: in, notin, =, ==, !=,
/// gt, lt`, `found '', expected: identifier after ','`,
/// `unable to parse requirement: values[0][app]: Invalid value: "bad value!": a valid label must …`.
public enum LabelSelectorParser {
    /// Parses `string`; the result's requirements are sorted by key, `in`/`notin` values sorted and de-duplicated.
    /// - Throws: ``SelectorError``.
    public static func parse(_ string: String) throws(SelectorError) -> Selector {
        var lexer = Lexer(string)
        var parser = Parser(items: lexer.scanAll())
        return Selector(try parser.parse())
    }
}

extension LabelSelectorParser {
    enum Token: Equatable {
        case error, endOfString, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan
        case identifier, `in`, lessThan, notEquals, notIn, openPar

        /// Upstream `string2token`.
        init?(literal: String) {
            switch literal {
            case ")": self = .closedPar
            case ",": self = .comma
            case "!": self = .doesNotExist
            case "==": self = .doubleEquals
            case "=": self = .equals
            case ">": self = .greaterThan
            case "in": self = .in
            case "<": self = .lessThan
            case "!=": self = .notEquals
            case "notin": self = .notIn
            case "(": self = .openPar
            default: return nil
            }
        }
    }

    struct Item {
        var token: Token
        var literal: String
    }

    /// Byte-level lexer, as upstream's.
    struct Lexer {
        private let bytes: [UInt8]
        private var position = 0

        init(_ string: String) {
            bytes = Array(string.utf8)
        }

        mutating func scanAll() -> [Item] {
            var items: [Item] = []
            while true {
                let item = lex()
                items.append(item)
                if item.token == .endOfString { return items }
            }
        }

        private mutating func lex() -> Item {
            while position < bytes.count, Self.isWhitespace(bytes[position]) {
                position += 1
            }
            guard position < bytes.count else { return Item(token: .endOfString, literal: "") }
            return Self.isSpecial(bytes[position]) ? scanSpecialSymbol() : scanIdentifierOrKeyword()
        }

        private mutating func scanIdentifierOrKeyword() -> Item {
            let start = position
            while position < bytes.count, !Self.isSpecial(bytes[position]), !Self.isWhitespace(bytes[position]) {
                position += 1
            }
            let literal = String(decoding: bytes[start..<position], as: UTF8.self)
            return Item(token: Token(literal: literal) ?? .identifier, literal: literal)
        }

        /// Longest run of special symbols that still forms a token (`!=` rather than `!`, `=` then `(`).
        private mutating func scanSpecialSymbol() -> Item {
            var buffer: [UInt8] = []
            var last: Item?
            while position < bytes.count, Self.isSpecial(bytes[position]) {
                buffer.append(bytes[position])
                let literal = String(decoding: buffer, as: UTF8.self)
                if let token = Token(literal: literal) {
                    last = Item(token: token, literal: literal)
                } else if last != nil {
                    break
                }
                position += 1
            }
            return last ?? Item(token: .error,
                                literal: "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'")
        }

        private static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\n")
        }

        private static func isSpecial(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
                 UInt8(ascii: ">"), UInt8(ascii: "<"):
                true
            default:
                false
            }
        }
    }
}
