import KubeAPI
import Wire

/// One taint as `kubectl taint` parses it: `key=value:Effect`, `key:Effect` or `key` (the last two only for
/// removal, with a trailing `-`). A port of `k8s.io/kubectl/pkg/cmd/taint/utils.go` `parseTaints`. Pure.
struct TaintSpec: Sendable, Equatable {
    var key: String
    var value: String
    /// `NoSchedule`, `PreferNoSchedule`, `NoExecute`, or "" (a removal by key alone).
    var effect: String

    static let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    /// Go's `Taint.ToString()`: `key=value:Effect`, `key:Effect`, `key=value:` or `key`.
    var text: String {
        if effect.isEmpty { return value.isEmpty ? key : "\(key)=\(value):" }
        return value.isEmpty ? "\(key):\(effect)" : "\(key)=\(value):\(effect)"
    }

    /// Go's `%v` of a `v1.Taint` struct (used by the duplicate-taint message): `{key value NoSchedule <nil>}`.
    var goValue: String { "{\(key) \(value) \(effect) <nil>}" }

    /// Whether a stored taint (a node's `spec.taints` item) has this key and effect (`MatchTaint`).
    func matches(_ taint: JSONValue) -> Bool {
        taint["key"]?.stringValue ?? "" == key && taint["effect"]?.stringValue ?? "" == effect
    }

    /// The taint as stored in `spec.taints` (no `value` when empty, as Go's omitempty).
    var json: JSONValue {
        var object: [String: JSONValue] = ["key": .string(key), "effect": .string(effect)]
        if !value.isEmpty { object["value"] = .string(value) }
        return .object(object)
    }

    /// `parseTaint`: one spec without its trailing `-`.
    /// - Throws: ``RolloutError`` `invalid taint spec: X[, reasons]` or `invalid taint effect: E, unsupported
    ///   taint effect`.
    static func parse(_ spec: String) throws(RolloutError) -> TaintSpec {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var taint = TaintSpec(key: "", value: "", effect: "")
        switch parts.count {
        case 1:
            taint.key = parts[0]
        case 2:
            taint.effect = parts[1]
            guard effects.contains(taint.effect) else {
                throw RolloutError("invalid taint effect: \(taint.effect), unsupported taint effect")
            }
            let keyValue = parts[0].split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard keyValue.count <= 2 else { throw RolloutError("invalid taint spec: \(spec)") }
            taint.key = keyValue[0]
            if keyValue.count == 2 {
                taint.value = keyValue[1]
                let errors = Validation.isValidLabelValue(taint.value)
                if !errors.isEmpty {
                    throw RolloutError("invalid taint spec: \(spec), \(errors.joined(separator: "; "))")
                }
            }
        default:
            throw RolloutError("invalid taint spec: \(spec)")
        }
        let errors = Validation.isQualifiedName(taint.key)
        if !errors.isEmpty { throw RolloutError("invalid taint spec: \(spec), \(errors.joined(separator: "; "))") }
        return taint
    }
}
