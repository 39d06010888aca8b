import KubeAPI
import Wire

/// Kubernetes' `Priority` admission plugin on pod creation. Pure: the PriorityClasses come from the caller.
///
/// A pod that names a class gets the class's value as `spec.priority` and its preemption policy; a pod that names
/// none gets the global-default class (the lowest value among several; its name is set too), or priority 0 and
/// `PreemptLowerPriority`. A missing class, or a priority or policy in the pod that differs from the computed one, is
/// Forbidden with Kubernetes' message.
enum PodPriorityAdmission {
    /// What the plugin sets on the pod.
    struct Outcome: Equatable {
        var className: String?
        var priority: Int32
        var preemptionPolicy: String
    }

    static let defaultPreemptionPolicy = "PreemptLowerPriority"

    /// - Parameters:
    ///   - podName: the pod's name, or its generateName when the name is still to be generated (as the message
    ///     says it).
    ///   - lookup: the PriorityClass of a name, nil when there is none.
    ///   - classes: every PriorityClass (read only when the pod names no class, for the global default).
    static func admit(
        className: String?, priority: Int32?, preemptionPolicy: String?, podName: String,
        lookup: (String) throws -> PriorityClass?, classes: () throws -> [PriorityClass]
    ) throws -> Outcome {
        var outcome: Outcome
        if let name = className, !name.isEmpty {
            guard let found = try lookup(name) else {
                throw forbidden(podName, "no PriorityClass with name \(name) was found")
            }
            outcome = Outcome(
                className: name, priority: found.value,
                preemptionPolicy: found.preemptionPolicy ?? defaultPreemptionPolicy)
        } else if let global = try classes().filter({ $0.globalDefault == true }).min(by: { $0.value < $1.value }) {
            outcome = Outcome(
                className: global.metadata.name, priority: global.value,
                preemptionPolicy: global.preemptionPolicy ?? defaultPreemptionPolicy)
        } else {
            outcome = Outcome(className: className, priority: 0, preemptionPolicy: defaultPreemptionPolicy)
        }
        if let priority, priority != outcome.priority {
            throw forbidden(
                podName,
                "the integer value of priority (\(priority)) must not be provided in pod spec; priority admission "
                    + "controller computed \(outcome.priority) from the given PriorityClass name")
        }
        if let preemptionPolicy, preemptionPolicy != outcome.preemptionPolicy {
            throw forbidden(
                podName,
                "the string value of PreemptionPolicy (\(preemptionPolicy)) must not be provided in pod spec; priority "
                    + "admission controller computed \(outcome.preemptionPolicy) from the given PriorityClass name")
        }
        return outcome
    }

    private static func forbidden(_ podName: String, _ reason: String) -> Status {
        .forbidden("pods \"\(podName)\" is forbidden: \(reason)")
    }
}
