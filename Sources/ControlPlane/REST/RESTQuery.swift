import Foundation

/// The query parameters of a request URL (`?labelSelector=app%3Dweb&watch=1&command=sh&command=-c`), decoded:
/// `+` is a space and `%XX` escapes are resolved; a parameter may repeat. Pure.
struct RESTQuery: Sendable, Equatable {
    /// Every value of every parameter, in the order given.
    private(set) var values: [String: [String]] = [:]

    /// An empty query.
    init() {}

    /// Parses the part after `?` (without it).
    init(parsing text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// The first value of `name`, or nil.
    subscript(name: String) -> String? { values[name]?.first }

    /// Every value of `name` (empty when absent).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// `name` as a boolean: `true`, `1` (Kubernetes' `watch=1`) are true; `false`, `0` and absent are false.
    /// - Throws: 400 for another value.
    func flag(_ name: String) throws -> Bool {
        guard let value = self[name], !value.isEmpty else { return false }
        switch value.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw RESTErrors.badQuery(name, value)
        }
    }

    /// `name` as an integer, or nil when absent.
    /// - Throws: 400 when it is not an integer.
    func integer(_ name: String) throws -> Int64? {
        guard let value = self[name], !value.isEmpty else { return nil }
        guard let number = Int64(value) else { throw RESTErrors.badQuery(name, value) }
        return number
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
