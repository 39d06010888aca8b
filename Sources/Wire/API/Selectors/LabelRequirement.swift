/// One requirement of a label selector: a key, an operator and values (upstream `labels.Requirement`).
///
/// Build it with ``init(key:operator:values:)``, which validates like upstream `NewRequirement`.
public struct LabelRequirement: Sendable, Hashable, CustomStringConvertible {
    /// Selector operators; raw values are upstream's `selection.Operator` spellings.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public let key: String
    public let `operator`: Operator
    /// The values as given (the parser passes them sorted and de-duplicated).
    public let values: [String]

    /// Validates and builds a requirement.
    ///
    /// Rules and messages (paths as upstream with no base path): the key must be a qualified name
    /// (`key: Invalid value: …`); `in`/`notin` need at least one value; `=`, `==`, `!=` exactly one;
    /// `exists`/`!` none; `gt`/`lt` exactly one integer; every value must be a valid label value
    /// (`values[0][<key>]: Invalid value: …`). Several errors are reported as `[e1, e2]`.
    /// - Throws: ``SelectorError`` carrying the field errors.
    public init(key: String, operator: Operator, values: [String] = []) throws(SelectorError) {
        let errors = Self.validationErrors(key: key, operator: `operator`, values: values)
        guard errors.isEmpty else {
            throw SelectorError(SelectorError.aggregate(errors), fieldErrors: errors)
        }
        self.init(unchecked: key, operator: `operator`, values: values)
    }

    /// Builds a requirement without validation (for values already known to be valid).
    init(unchecked key: String, operator: Operator, values: [String]) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// Whether `labels` satisfy the requirement. `notIn`, `notEquals` and `doesNotExist` match objects lacking the
    /// key; `greaterThan`/`lessThan` compare as 64-bit integers and fail if either side is not one.
    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[key]
        switch self.operator {
        case .in, .equals, .doubleEquals:
            guard let actual else { return false }
            return values.contains(actual)
        case .notIn, .notEquals:
            guard let actual else { return true }
            return !values.contains(actual)
        case .exists:
            return actual != nil
        case .doesNotExist:
            return actual == nil
        case .greaterThan, .lessThan:
            guard let actual, let lhs = Int64(actual), values.count == 1, let rhs = Int64(values[0]) else {
                return false
            }
            return self.operator == .greaterThan ? lhs > rhs : lhs < rhs
        }
    }

    /// Upstream `Requirement.String()`: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`,
    /// `k<1`; several values are printed sorted.
    public var description: String {
        var out = self.operator == .doesNotExist ? "!" + key : key
        switch self.operator {
        case .equals: out += "="
        case .doubleEquals: out += "=="
        case .notEquals: out += "!="
        case .in: out += " in ("
        case .notIn: out += " notin ("
        case .greaterThan: out += ">"
        case .lessThan: out += "<"
        case .exists, .doesNotExist: return out
        }
        out += values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
        if self.operator == .in || self.operator == .notIn {
            out += ")"
        }
        return out
    }

    /// Upstream `NewRequirement` checks, in upstream order.
    static func validationErrors(key: String, operator: Operator, values: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        let keyMessages = Validation.isQualifiedName(key)
        if !keyMessages.isEmpty {
            errors.append(.invalid("key", GoQuote.quote(key), keyMessages.joined(separator: "; ")))
        }
        let rendered = renderGoStrings(values)
        switch `operator` {
        case .in, .notIn:
            if values.isEmpty {
                errors.append(.invalid("values", rendered, "for 'in', 'notin' operators, values set can't be empty"))
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                errors.append(.invalid("values", rendered, "exact-match compatibility requires one single value"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                errors.append(.invalid("values", rendered, "values set must be empty for exists and does not exist"))
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                errors.append(.invalid("values", rendered, "for 'Gt', 'Lt' operators, exactly one value is required"))
            }
            for (index, value) in values.enumerated() where Int64(value) == nil {
                errors.append(.invalid("values[\(index)]", GoQuote.quote(value),
                                       "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (index, value) in values.enumerated() {
            let messages = Validation.isValidLabelValue(value)
            if !messages.isEmpty {
                errors.append(.invalid("values[\(index)][\(key)]", GoQuote.quote(value),
                                       messages.joined(separator: "; ")))
            }
        }
        return errors
    }

    /// Go's `%#v` of a `[]string`: `[]string{"a", "b"}`, or `[]string(nil)` when empty.
    static func renderGoStrings(_ values: [String]) -> String {
        if values.isEmpty { return "[]string(nil)" }
        return "[]string{" + values.map { GoQuote.quote($0) }.joined(separator: ", ") + "}"
    }
}
