import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// The `Priority` admission plugin (``PodPriorityAdmission``) on a pod being created, as sent (JSON).
    func admittingPriority(_ pod: JSONValue) throws -> JSONValue {
        let name = pod[path: ["metadata", "name"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            ?? pod[path: ["metadata", "generateName"]]?.stringValue ?? ""
        let outcome = try PodPriorityAdmission.admit(
            className: pod[path: ["spec", "priorityClassName"]]?.stringValue,
            priority: pod[path: ["spec", "priority"]]?.intValue.map { Int32(clamping: $0) },
            preemptionPolicy: pod[path: ["spec", "preemptionPolicy"]]?.stringValue, podName: name,
            lookup: priorityClass(named:), classes: priorityClasses)
        var admitted = pod
        if let className = outcome.className { admitted[path: ["spec", "priorityClassName"]] = .string(className) }
        admitted[path: ["spec", "priority"]] = .int(Int64(outcome.priority))
        admitted[path: ["spec", "preemptionPolicy"]] = .string(outcome.preemptionPolicy)
        return admitted
    }

    /// The same on a typed pod (the in-process path).
    func admittingPriority(_ pod: Pod) throws -> Pod {
        let name = pod.metadata.name.flatMap { $0.isEmpty ? nil : $0 } ?? pod.metadata.generateName ?? ""
        let outcome = try PodPriorityAdmission.admit(
            className: pod.spec.priorityClassName, priority: pod.spec.priority,
            preemptionPolicy: pod.spec.preemptionPolicy, podName: name, lookup: priorityClass(named:),
            classes: priorityClasses)
        var admitted = pod
        if let className = outcome.className { admitted.spec.priorityClassName = className }
        admitted.spec.priority = outcome.priority
        admitted.spec.preemptionPolicy = outcome.preemptionPolicy
        return admitted
    }

    private func priorityClass(named name: String) throws -> PriorityClass? {
        try store.get(ObjectKey(kind: ResourceKind.priorityClass.kind, namespace: "", name: name))?
            .decode(as: PriorityClass.self)
    }

    /// The global-default PriorityClasses: the only ones the plugin reads when a pod names no class (most pods), so
    /// only those are decoded.
    private func priorityClasses() throws -> [PriorityClass] {
        try store.list(kind: ResourceKind.priorityClass.kind, namespace: nil).items
            .filter { $0["globalDefault"]?.boolValue == true }
            .map { try $0.decode(as: PriorityClass.self) }
    }

    /// The system's PriorityClasses (`system-node-critical`, `system-cluster-critical`), created when missing, as
    /// Kubernetes' API server does at start.
    func ensureSystemPriorityClasses() throws {
        for system in PriorityClass.systemClasses {
            let key = ObjectKey(kind: ResourceKind.priorityClass.kind, namespace: "", name: system.name)
            guard try store.get(key) == nil else { continue }
            var priorityClass = PriorityClass(
                metadata: ObjectMeta(name: system.name), value: system.value, globalDefault: false,
                description: system.description)
            priorityClass.applyDefaults()
            let prepared = ObjectLifecycle.prepareForCreate(
                try JSONValue(encoding: priorityClass), kind: .priorityClass, namespace: nil, now: now(),
                uid: UUID().uuidString.lowercased(), nameSuffix: "")
            _ = try store.create(key, object: prepared)
        }
    }
}
