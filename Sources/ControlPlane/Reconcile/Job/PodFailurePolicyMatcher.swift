import KubeAPI
import Wire

/// A Job's `podFailurePolicy` applied to its failed pods (upstream `matchPodFailurePolicy`): the first rule that
/// matches a pod decides. `FailJob` fails the Job (reason `PodFailurePolicy`, upstream's message), `Ignore` leaves the
/// failure out of the count, `Count` (and no match) counts it. `FailIndex` counts it (per-index backoff is not
/// emulated). Pure.
enum PodFailurePolicyMatcher {
    /// The outcome over a Job's failed pods.
    struct Outcome: Equatable {
        /// Failed pods that count against `backoffLimit`.
        var counted: Int
        /// The message of the first pod a `FailJob` rule matched, if any.
        var failJobMessage: String?
    }

    static func evaluate(_ policy: PodFailurePolicy?, failed pods: [Pod]) -> Outcome {
        guard let rules = policy?.rules, !rules.isEmpty else { return Outcome(counted: pods.count, failJobMessage: nil) }
        var outcome = Outcome(counted: 0, failJobMessage: nil)
        for pod in pods {
            switch match(rules, pod) {
            case (nil, _):
                outcome.counted += 1
            case ("Ignore"?, _):
                break
            case ("FailJob"?, let message):
                outcome.counted += 1
                if outcome.failJobMessage == nil { outcome.failJobMessage = message }
            default:
                outcome.counted += 1
            }
        }
        return outcome
    }

    /// The action of the first rule matching `pod`, with the FailJob message it would give.
    static func match(_ rules: [PodFailurePolicyRule], _ pod: Pod) -> (action: String?, message: String?) {
        let target = "\(pod.namespace)/\(pod.name)"
        for (index, rule) in rules.enumerated() {
            if let codes = rule.onExitCodes {
                guard let (container, code) = matchingExitCode(codes, pod) else { continue }
                return (rule.action, "Container \(container) for pod \(target) failed with exit code \(code) matching "
                            + "\(rule.action) rule at index \(index)")
            }
            if let patterns = rule.onPodConditions, !patterns.isEmpty {
                let conditions = pod.status.conditions ?? []
                guard let hit = conditions.first(where: { condition in
                    patterns.contains { $0.type == condition.type && ($0.status ?? "True") == condition.status }
                }) else { continue }
                return (rule.action, "Pod \(target) has condition \(hit.type) matching \(rule.action) rule at index \(index)")
            }
        }
        return (nil, nil)
    }

    /// The first terminated container (init containers first) with a non-zero exit code the requirement matches.
    static func matchingExitCode(_ requirement: PodFailurePolicyOnExitCodesRequirement, _ pod: Pod) -> (String, Int32)? {
        let statuses = (pod.status.initContainerStatuses ?? []) + (pod.status.containerStatuses ?? [])
        for status in statuses {
            guard let code = status.state?.terminated?.exitCode, code != 0 else { continue }
            if let name = requirement.containerName, name != status.name { continue }
            let listed = requirement.values.contains(code)
            if (requirement.operator == "In" && listed) || (requirement.operator == "NotIn" && !listed) {
                return (status.name, code)
            }
        }
        return nil
    }
}
