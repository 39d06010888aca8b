import Foundation
import KubeAPI
import Wire

/// `kubectl get --sort-by=JSONPATH`: orders objects by the first value the expression finds in each, as kubectl
/// 1.32's `TableSorter`/`RuntimeSort` and `isLess` do on unstructured objects: numbers numerically, strings as
/// quantities when both parse as one (`500m` < `2`), else bytewise (`a-10` < `a-9`; RFC 3339 times thus
/// chronologically); an object without the field "sorts first" (its `Less` is true whatever the other). kubectl
/// sorts with Go's unstable `sort.Sort`, reproduced by ``GoSort``, so ties end up where kubectl leaves them. Pure.
struct ObjectSorter: Sendable {
    /// The expression as kubectl runs it (`{.metadata.name}`).
    let expression: String
    private let path: JSONPath

    /// Why objects could not be sorted (kubectl's messages).
    struct Failure: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Accepts `.a.b`, `a.b`, `{.a.b}` or `{a.b}` (`RelaxedJSONPathExpression`).
    /// - Throws: ``Failure`` for other shapes or a template that does not parse.
    init(_ field: String) throws(Failure) {
        do {
            expression = try JSONPath.relaxed(field)
        } catch {
            throw Failure(description: error.description)
        }
        do {
            path = try JSONPath(expression)
        } catch {
            throw Failure(description: "error parsing jsonpath \(expression), \(error)")
        }
    }

    /// The objects in kubectl's order.
    /// - Throws: ``Failure`` `couldn't find any field with path "{.x}" in the list of objects` when no object has
    ///   the field, or `... is an unsortable type` for values that do not compare (objects, Booleans).
    func sorted(_ objects: [JSONValue]) throws(Failure) -> [JSONValue] {
        try order(objects).map { objects[$0] }
    }

    /// The indices of `objects` in kubectl's order (to sort what goes with them, e.g. table rows).
    /// - Throws: as ``sorted(_:)``.
    func order(_ objects: [JSONValue]) throws(Failure) -> [Int] {
        let keys: [JSONValue?] = objects.map { object in
            guard let groups = try? path.results(on: object), let first = groups.first?.first else { return nil }
            return first
        }
        if !objects.isEmpty && keys.allSatisfy({ $0 == nil }) {
            throw Failure(
                description: "couldn't find any field with path \(GoQuote.quote(expression)) in the list of objects")
        }
        var failure: Failure?
        let ordered = GoSort.order(count: objects.count) { i, j in
            // kubectl's Less: a missing value is less than anything, even another missing one.
            guard let left = keys[i] else { return true }
            guard let right = keys[j] else { return false }
            return Self.compare(left, right, failure: &failure)
        }
        if let failure { throw failure }
        return ordered
    }

    /// `isLess` on two found values (a JSON null is a nil interface: less than any value but another null).
    static func compare(_ left: JSONValue, _ right: JSONValue, failure: inout Failure?) -> Bool {
        if left == .null { return right != .null }
        if right == .null { return false }
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.string(let a), .string(let b)):
            if let p = Quantity(a), let q = Quantity(b), isQuantityText(a), isQuantityText(b) {
                return p.approximateValue < q.approximateValue
            }
            return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) where !compare(x, y, failure: &failure) { return false }
            return true
        default:
            failure = failure ?? Failure(description: "unsortable type: \(goType(left))")
            return false
        }
    }

    /// Whether `text` has no characters Go's `ParseQuantity` would reject but ``Quantity`` trims (spaces).
    private static func isQuantityText(_ text: String) -> Bool { !text.contains(" ") && !text.isEmpty }

    /// Go's `%T` of an unstructured value, for the unsortable-type message.
    private static func goType(_ value: JSONValue) -> String {
        switch value {
        case .bool: return "bool"
        case .object: return "map[string]interface {}"
        case .array: return "[]interface {}"
        case .int: return "int64"
        case .double: return "float64"
        case .string: return "string"
        case .null: return "<nil>"
        }
    }
}

extension Quantity {
    /// The value as a Double, to order quantities (`Cmp`) across formats and scales.
    var approximateValue: Double { Double(mantissa) * pow(10, Double(scale)) }
}
