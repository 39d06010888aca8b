/// A field selector (`--field-selector`, `fieldSelector=`): terms `field=value`, `field==value`, `field!=value`
/// separated by `,` and ANDed (upstream `fields.ParseSelector` plus the per-resource field label check).
///
/// Values may escape `\`, `,` and `=` with a backslash. Fields are not trimmed: `a = b` names the field `a `.
/// The caller supplies an object's field values when matching; a missing field counts as `""`.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// One term of the selector.
    public struct Term: Sendable, Hashable, CustomStringConvertible {
        /// `=` and `==` both mean ``equals``.
        public enum Operator: Sendable, Hashable {
            case equals
            case notEquals
        }

        public var field: String
        public var `operator`: Operator
        public var value: String

        public init(field: String, operator: Operator, value: String) {
            self.field = field
            self.operator = `operator`
            self.value = value
        }

        /// Whether an object with these field values satisfies the term (missing field = `""`).
        public func matches(fields: [String: String]) -> Bool {
            let actual = fields[field] ?? ""
            return self.operator == .equals ? actual == value : actual != value
        }

        /// `field=value` or `field!=value`, with the value escaped.
        public var description: String {
            field + (self.operator == .equals ? "=" : "!=") + FieldSelector.escape(value)
        }
    }

    /// The fields accepted by default: pods' common ones (`metadata.name`, `metadata.namespace`,
    /// `spec.nodeName`, `status.phase`).
    public static let defaultSupportedFields: Set<String> = [
        "metadata.name", "metadata.namespace", "spec.nodeName", "status.phase",
    ]

    /// Matches every object.
    public static let everything = FieldSelector(terms: [])

    public var terms: [Term]

    public init(terms: [Term]) {
        self.terms = terms
    }

    /// Parses a field selector; an empty string selects everything.
    ///
    /// Errors (upstream texts): `invalid selector: 'a'; can't understand 'a'` (a term without an operator),
    /// `invalid field selector: invalid escape sequence: \x`,
    /// `invalid field selector: unescaped character in value: '='` (upstream prints the code point instead),
    /// and `field label not supported: X` for a field outside `supportedFields`.
    /// - Throws: ``SelectorError``.
    public static func parse(_ string: String,
                             supportedFields: Set<String> = defaultSupportedFields) throws(SelectorError) -> FieldSelector {
        var terms: [Term] = []
        for part in splitTerms(string).sorted() where !part.isEmpty {
            guard let split = splitTerm(part) else {
                throw SelectorError("invalid selector: '\(string)'; can't understand '\(part)'")
            }
            terms.append(Term(field: split.field, operator: split.operator, value: try unescape(split.value)))
        }
        // As upstream, the field labels are checked only once the whole string has parsed.
        if let unsupported = terms.first(where: { !supportedFields.contains($0.field) }) {
            throw SelectorError("field label not supported: \(unsupported.field)")
        }
        return FieldSelector(terms: terms)
    }

    /// True when there are no terms.
    public var isEmpty: Bool { terms.isEmpty }

    /// Whether every term matches (missing field = `""`).
    public func matches(fields: [String: String]) -> Bool {
        terms.allSatisfy { $0.matches(fields: fields) }
    }

    /// The value an `=` term demands for `field`, if any (e.g. `spec.nodeName` for a kubelet's pod watch).
    public func requiresExactMatch(_ field: String) -> String? {
        terms.first { $0.field == field && $0.operator == .equals }?.value
    }

    /// Terms joined by `,` (values escaped); empty for ``everything``.
    public var description: String {
        terms.map(\.description).joined(separator: ",")
    }

    // MARK: Lexing (upstream splitTerms, splitTerm, EscapeValue, UnescapeValue)

    /// Splits on commas not preceded by a backslash; escapes are kept for ``unescape(_:)``.
    static func splitTerms(_ string: String) -> [String] {
        guard !string.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var inEscape = false
        for character in string {
            if inEscape {
                inEscape = false
            } else if character == "\\" {
                inEscape = true
            } else if character == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        terms.append(current)
        return terms
    }

    /// Splits at the first `!=`, `==` or `=` (tried in that order at each position).
    static func splitTerm(_ term: String) -> (field: String, operator: Term.Operator, value: String)? {
        var index = term.startIndex
        while index < term.endIndex {
            let rest = term[index...]
            for (literal, op) in [("!=", Term.Operator.notEquals), ("==", .equals), ("=", .equals)]
            where rest.hasPrefix(literal) {
                return (String(term[..<index]), op, String(rest.dropFirst(literal.count)))
            }
            index = term.index(after: index)
        }
        return nil
    }

    /// Escapes `\`, `,` and `=` with a backslash.
    public static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            if character == "\\" || character == "," || character == "=" {
                out.append("\\")
            }
            out.append(character)
        }
        return out
    }

    /// Reverses ``escape(_:)``; rejects other escapes, a trailing backslash, and bare `,` or `=`.
    static func unescape(_ value: String) throws(SelectorError) -> String {
        var out = ""
        var inEscape = false
        for character in value {
            if inEscape {
                guard character == "\\" || character == "," || character == "=" else {
                    throw SelectorError("invalid field selector: invalid escape sequence: \\\(character)")
                }
                out.append(character)
                inEscape = false
            } else if character == "\\" {
                inEscape = true
            } else if character == "," || character == "=" {
                throw SelectorError("invalid field selector: unescaped character in value: '\(character)'")
            } else {
                out.append(character)
            }
        }
        if inEscape {
            throw SelectorError("invalid field selector: invalid escape sequence: \\")
        }
        return out
    }
}
