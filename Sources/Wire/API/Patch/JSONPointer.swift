import Foundation

/// A JSON pointer (RFC 6901): `/spec/containers/0/image`, with `~1` for `/` and `~0` for `~` in tokens.
struct JSONPointer: Equatable {
    /// The unescaped reference tokens; empty for the whole document.
    var tokens: [String]

    /// Parses pointer text.
    ///
    /// - Throws: ``PatchError`` with code `invalidPointer` when the text is neither empty nor starts with `/`.
    init(_ text: String) throws {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw PatchError(.invalidPointer, "JSON pointer \"\(text)\" must be empty or start with \"/\"")
        }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The value at this pointer, or `nil` when any step is missing.
    func value(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Self.arrayIndex(token), index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether `self` is a proper prefix of `other` (RFC 6902 forbids moving a value into its own child).
    func isProperPrefix(of other: JSONPointer) -> Bool {
        tokens.count < other.tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// An array index token: digits without leading zeros.
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            token == "0" || !token.hasPrefix("0")
        else { return nil }
        return Int(token)
    }
}
