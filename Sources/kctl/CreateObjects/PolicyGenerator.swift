import KubeAPI
import Wire

/// The objects `kubectl create poddisruptionbudget` and `kubectl create priorityclass` build, with kubectl's checks
/// and error texts. Pure.
enum PolicyGenerator {
    /// A refusal, as kubectl prints it (`error: ...`).
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// A policy/v1 PodDisruptionBudget: `minAvailable` or `maxUnavailable` (a number, or a string such as `50%`),
    /// and the selector (`metav1.ParseToLabelSelector`).
    static func podDisruptionBudget(
        name: String, namespace: String?, selector: String?, minAvailable: String?, maxUnavailable: String?
    ) throws(Refusal) -> JSONValue {
        let minAvailable = minAvailable.flatMap { $0.isEmpty ? nil : $0 }
        let maxUnavailable = maxUnavailable.flatMap { $0.isEmpty ? nil : $0 }
        if minAvailable == nil, maxUnavailable == nil {
            throw Refusal(description: "error: one of min-available or max-unavailable must be specified")
        }
        if minAvailable != nil, maxUnavailable != nil {
            throw Refusal(description: "error: min-available and max-unavailable cannot be both specified")
        }
        guard let selector, !selector.isEmpty else { throw Refusal(description: "error: a selector must be specified") }
        var spec: JSONValue = ["selector": try labelSelector(selector)]
        if let minAvailable { spec["minAvailable"] = intOrString(minAvailable) }
        if let maxUnavailable { spec["maxUnavailable"] = intOrString(maxUnavailable) }
        var metadata: JSONValue = ["name": .string(name), "creationTimestamp": .null]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return [
            "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": metadata, "spec": spec,
            "status": ["currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0],
        ]
    }

    /// A scheduling.k8s.io/v1 PriorityClass: its value, whether it is the global default, its description and its
    /// preemption policy (`PreemptLowerPriority` unless told otherwise), all written as kubectl writes them.
    static func priorityClass(
        name: String, value: Int32, globalDefault: Bool, description: String, preemptionPolicy: String
    ) -> JSONValue {
        [
            "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
            "metadata": ["name": .string(name), "creationTimestamp": .null],
            "value": .int(Int64(value)), "globalDefault": .bool(globalDefault), "description": .string(description),
            "preemptionPolicy": .string(preemptionPolicy),
        ]
    }

    /// `intstr.Parse`: an integer when the text is one, else the text.
    static func intOrString(_ text: String) -> JSONValue {
        Int32(text).map { .int(Int64($0)) } ?? .string(text)
    }

    /// `metav1.ParseToLabelSelector`: `=`/`==` requirements become `matchLabels`, set-based ones `matchExpressions`.
    static func labelSelector(_ text: String) throws(Refusal) -> JSONValue {
        let parsed: Selector
        do {
            parsed = try LabelSelectorParser.parse(text)
        } catch {
            throw Refusal(description: "error: \(error)")
        }
        var labels: [String: JSONValue] = [:]
        var expressions: [JSONValue] = []
        for requirement in parsed.requirements {
            let op: String
            switch requirement.operator {
            case .equals, .doubleEquals:
                labels[requirement.key] = .string(requirement.values.first ?? "")
                continue
            case .in: op = "In"
            case .notIn: op = "NotIn"
            case .exists: op = "Exists"
            case .doesNotExist: op = "DoesNotExist"
            case .notEquals:
                throw Refusal(description: "error: \"!=\" is not a valid label selector operator")
            case .greaterThan, .lessThan:
                throw Refusal(description: "error: \"\(requirement.operator.rawValue)\" isn't supported in label selectors")
            }
            var expression: JSONValue = ["key": .string(requirement.key), "operator": .string(op)]
            if !requirement.values.isEmpty { expression["values"] = .array(requirement.values.map(JSONValue.string)) }
            expressions.append(expression)
        }
        var selector: JSONValue = [:]
        if !labels.isEmpty { selector["matchLabels"] = .object(labels) }
        if !expressions.isEmpty { selector["matchExpressions"] = .array(expressions) }
        return selector
    }
}
