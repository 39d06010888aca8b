import KubeAPI
import Wire

/// Equality as upstream's `apiequality.Semantic.DeepEqual` sees it: a missing list, map or value equals an empty
/// one, so an object read back from the store compares equal to the same object sent with `env: []`.
enum SemanticEquality {
    /// Whether `a` and `b` are equal once nulls, empty arrays and empty objects are dropped from their JSON forms.
    static func equal<Value: Encodable & Equatable>(_ a: Value, _ b: Value) -> Bool {
        if a == b { return true }
        guard let left = try? JSONValue(encoding: a), let right = try? JSONValue(encoding: b) else { return false }
        return pruned(left) == pruned(right)
    }

    /// `value` without nulls, empty arrays and empty objects, recursively (`nil` when nothing is left).
    static func pruned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null:
            return nil
        case .array(let items):
            let kept = items.map { pruned($0) ?? .null }
            return kept.isEmpty ? nil : .array(kept)
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members {
                if let member = pruned(member) { kept[key] = member }
            }
            return kept.isEmpty ? nil : .object(kept)
        default:
            return value
        }
    }
}
