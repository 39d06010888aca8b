extension LabelSelectorParser {
    /// Recursive-descent parser over the scanned items (upstream `labels.Parser`), with upstream's messages.
    struct Parser {
        /// In `values` context the keywords `in` and `notin` are plain identifiers.
        enum Context {
            case keyAndOperator
            case values
        }

        private let items: [Item]
        private var position = 0

        /// `items` must end with an `endOfString` item (``Lexer/scanAll()`` guarantees it).
        init(items: [Item]) {
            self.items = items
        }

        mutating func parse() throws(SelectorError) -> [LabelRequirement] {
            var requirements: [LabelRequirement] = []
            while true {
                let next = lookahead(.values)
                switch next.token {
                case .identifier, .doesNotExist:
                    do {
                        requirements.append(try parseRequirement())
                    } catch {
                        throw SelectorError("unable to parse requirement: \(error.message)",
                                            fieldErrors: error.fieldErrors)
                    }
                    let after = consume(.values)
                    switch after.token {
                    case .endOfString:
                        return requirements
                    case .comma:
                        let following = lookahead(.values)
                        if following.token != .identifier && following.token != .doesNotExist {
                            throw SelectorError("found '\(following.literal)', expected: identifier after ','")
                        }
                    default:
                        throw SelectorError("found '\(after.literal)', expected: ',' or 'end of string'")
                    }
                case .endOfString:
                    return requirements
                default:
                    throw SelectorError("found '\(next.literal)', expected: !, identifier, or 'end of string'")
                }
            }
        }

        private mutating func parseRequirement() throws(SelectorError) -> LabelRequirement {
            let (key, inferred) = try parseKeyAndInferOperator()
            if let inferred {
                return try LabelRequirement(key: key, operator: inferred, values: [])
            }
            let op = try parseOperator()
            let values: [String]
            switch op {
            case .in, .notIn:
                values = try parseValues()
            default:
                values = try parseExactValue()
            }
            return try LabelRequirement(key: key, operator: op, values: values)
        }

        /// Reads `[!] KEY`; infers `exists` / `doesNotExist` when no operator follows.
        private mutating func parseKeyAndInferOperator() throws(SelectorError)
            -> (key: String, inferred: LabelRequirement.Operator?)
        {
            var item = consume(.values)
            var negated = false
            if item.token == .doesNotExist {
                negated = true
                item = consume(.values)
            }
            guard item.token == .identifier else {
                throw SelectorError("found '\(item.literal)', expected: identifier")
            }
            let messages = Validation.isQualifiedName(item.literal)
            if !messages.isEmpty {
                // Upstream validates with a nil field path here, which prints as `<nil>`.
                let error = FieldError.invalid("<nil>", GoQuote.quote(item.literal),
                                               messages.joined(separator: "; "))
                throw SelectorError(error.description, fieldErrors: [error])
            }
            if negated {
                return (item.literal, .doesNotExist)
            }
            let next = lookahead(.values).token
            return (item.literal, next == .endOfString || next == .comma ? .exists : nil)
        }

        private mutating func parseOperator() throws(SelectorError) -> LabelRequirement.Operator {
            let item = consume(.keyAndOperator)
            switch item.token {
            case .in: return .in
            case .equals: return .equals
            case .doubleEquals: return .doubleEquals
            case .greaterThan: return .greaterThan
            case .lessThan: return .lessThan
            case .notIn: return .notIn
            case .notEquals: return .notEquals
            default:
                throw SelectorError("found '\(item.literal)', expected: in, notin, =, ==, !=, gt, lt")
            }
        }

        /// `( a, b, … )`; `()` is the single empty value.
        private mutating func parseValues() throws(SelectorError) -> [String] {
            let open = consume(.values)
            guard open.token == .openPar else {
                throw SelectorError("found '\(open.literal)' expected: '('")
            }
            let next = lookahead(.values)
            switch next.token {
            case .identifier, .comma:
                let values = try parseIdentifiersList()
                let close = consume(.values)
                guard close.token == .closedPar else {
                    throw SelectorError("found '\(close.literal)', expected: ')'")
                }
                return values
            case .closedPar:
                _ = consume(.values)
                return [""]
            default:
                throw SelectorError("found '\(next.literal)', expected: ',', ')' or identifier")
            }
        }

        /// A comma-separated list of possibly empty identifiers, up to (not including) `)`; sorted, unique.
        private mutating func parseIdentifiersList() throws(SelectorError) -> [String] {
            var values = Set<String>()
            while true {
                let item = consume(.values)
                switch item.token {
                case .identifier:
                    values.insert(item.literal)
                    let next = lookahead(.values)
                    switch next.token {
                    case .comma: continue
                    case .closedPar: return values.sorted()
                    default: throw SelectorError("found '\(next.literal)', expected: ',' or ')'")
                    }
                case .comma:
                    if values.isEmpty { values.insert("") }  // `(,`
                    let next = lookahead(.values).token
                    if next == .closedPar {
                        values.insert("")  // `,)`
                        return values.sorted()
                    }
                    if next == .comma {
                        _ = consume(.values)
                        values.insert("")  // `,,`
                    }
                default:
                    throw SelectorError("found '\(item.literal)', expected: ',', or identifier")
                }
            }
        }

        /// The single value after `=`, `==`, `!=`, `>`, `<`; nothing before `,` or the end means `""`.
        private mutating func parseExactValue() throws(SelectorError) -> [String] {
            let next = lookahead(.values).token
            if next == .endOfString || next == .comma {
                return [""]
            }
            let item = consume(.values)
            guard item.token == .identifier else {
                throw SelectorError("found '\(item.literal)', expected: identifier")
            }
            return [item.literal]
        }

        private func lookahead(_ context: Context) -> Item {
            Self.adjust(items[min(position, items.count - 1)], context)
        }

        private mutating func consume(_ context: Context) -> Item {
            let item = lookahead(context)
            position += 1
            return item
        }

        private static func adjust(_ item: Item, _ context: Context) -> Item {
            guard context == .values, item.token == .in || item.token == .notIn else { return item }
            return Item(token: .identifier, literal: item.literal)
        }
    }
}
