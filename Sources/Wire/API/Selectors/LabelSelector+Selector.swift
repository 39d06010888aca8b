/// Conversion of the API selector (`spec.selector`) into a matchable ``Selector``, as upstream
/// `metav1.LabelSelectorAsSelector`, and its `kubectl get -o wide` SELECTOR form (`metav1.FormatLabelSelector`).
extension LabelSelector {
    /// `matchLabels` become `key=value`, `matchExpressions` become `in`/`notin`/exists/`!` requirements.
    /// An empty selector (no labels, no expressions) selects everything.
    /// - Throws: ``SelectorError``: `"Foo" is not a valid label selector operator`, or the requirement's
    ///   validation message (e.g. `key: Invalid value: "bad key": name part must …`).
    public func selector() throws(SelectorError) -> Selector {
        let labels = matchLabels ?? [:]
        let expressions = matchExpressions ?? []
        if labels.isEmpty && expressions.isEmpty {
            return .everything
        }
        var requirements: [LabelRequirement] = []
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            requirements.append(try LabelRequirement(key: key, operator: .equals, values: [value]))
        }
        for expression in expressions {
            let op: LabelRequirement.Operator
            switch expression.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                throw SelectorError("\(GoQuote.quote(expression.operator)) is not a valid label selector operator")
            }
            requirements.append(try LabelRequirement(key: expression.key, operator: op,
                                                     values: expression.values ?? []))
        }
        return Selector(requirements)
    }

    /// The SELECTOR column: `app=filebeat,release=stable`; `<none>` when empty; `<error>` when unconvertible.
    public var displayString: String {
        guard let selector = try? selector() else { return "<error>" }
        let text = selector.description
        return text.isEmpty ? "<none>" : text
    }
}

extension Optional where Wrapped == LabelSelector {
    /// A missing selector selects nothing (upstream `LabelSelectorAsSelector(nil)`); otherwise as
    /// ``LabelSelector/selector()``.
    public func selector() throws(SelectorError) -> Selector {
        guard let wrapped = self else { return .nothing }
        return try wrapped.selector()
    }

    /// The SELECTOR column for a possibly missing selector: `<none>` when missing.
    public var displayString: String {
        self?.displayString ?? "<none>"
    }
}
