import Foundation
import KubeAPI
import Wire

extension ContainerEnvironment {
    /// A container's environment as the kubelet's `makeEnvironmentVariables` builds it, stopping at the first
    /// ConfigMap or Secret it cannot use (the container then waits in `CreateContainerConfigError`, or, for an
    /// object not read yet, waits silently):
    ///
    /// 1. the service variables and `HOSTNAME`;
    /// 2. `envFrom`, in order: every `data` key of the ConfigMap, every `data` key of the Secret (decoded), each
    ///    behind the source's `prefix` (a missing `optional` source adds nothing);
    /// 3. `env`, in order: literal values `$(VAR)`-expanded against the variables before them, `valueFrom` from a
    ///    `fieldRef`, a `resourceFieldRef` (``ResourceFieldValue``), a `configMapKeyRef` or a `secretKeyRef` (a
    ///    missing `optional` object or key leaves the variable unset; otherwise `configmap "x" not found` or
    ///    `couldn't find key k in ConfigMap ns/x`).
    static func resolve(
        pod: Pod, container: Container, context: PodEnvironmentContext
    ) -> (environment: [String: String], notes: [String], problem: ConfigProblem?) {
        var environment = context.serviceEnvironment
        environment["HOSTNAME"] = pod.spec.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? pod.metadata.name ?? ""
        var notes: [String] = []
        let namespace = pod.metadata.namespace ?? "default"
        for source in container.envFrom ?? [] {
            switch sourceValues(source, namespace: namespace, objects: context.objects) {
            case .success(let values): environment.merge(values) { _, new in new }
            case .failure(let problem): return (environment, notes, problem)
            }
        }
        for variable in container.env ?? [] where !variable.name.isEmpty {
            guard let valueFrom = variable.valueFrom, !valueFrom.isNull else {
                environment[variable.name] = expand(variable.value ?? "", with: environment)
                continue
            }
            switch value(from: valueFrom, pod: pod, container: container, context: context) {
            case .success(let value?): environment[variable.name] = value
            case .success(nil): continue
            case .failure(.error(let message)) where message.hasPrefix(unsupportedPrefix):
                notes.append("env \(variable.name): \(message.dropFirst(unsupportedPrefix.count)); variable not set")
            case .failure(let problem): return (environment, notes, problem)
            }
        }
        return (environment, notes, nil)
    }

    /// Why `container` cannot start yet for want of a ConfigMap or Secret its environment names, if so
    /// (``resolve(pod:container:context:)``'s problem; containers that name none are never checked further).
    static func problem(pod: Pod, container: Container, context: PodEnvironmentContext) -> ConfigProblem? {
        let refersToObjects =
            !(container.envFrom ?? []).isEmpty
            || (container.env ?? []).contains {
                $0.valueFrom?["configMapKeyRef"] != nil || $0.valueFrom?["secretKeyRef"] != nil
            }
        guard refersToObjects else { return nil }
        return resolve(pod: pod, container: container, context: context).problem
    }

    private static let unsupportedPrefix = "unsupported: "

    /// The variables one `envFrom` entry adds.
    private static func sourceValues(
        _ source: JSONValue, namespace: String, objects: PodObjects
    ) -> Result<[String: String], ConfigProblem> {
        let prefix = source["prefix"]?.stringValue ?? ""
        if let reference = source["configMapRef"], !reference.isNull {
            let name = reference["name"]?.stringValue ?? ""
            return objects.configMap(name, namespace: namespace, optional: reference["optional"]?.boolValue ?? false)
                .map { map in
                    Dictionary((map?.data ?? [:]).map { (prefix + $0.key, $0.value) }, uniquingKeysWith: { $1 })
                }
        }
        if let reference = source["secretRef"], !reference.isNull {
            let name = reference["name"]?.stringValue ?? ""
            return objects.secret(name, namespace: namespace, optional: reference["optional"]?.boolValue ?? false)
                .map { secret in
                    guard let secret else { return [:] }
                    let keys = (secret.data ?? [:]).keys
                    return Dictionary(
                        keys.map { (prefix + $0, String(decoding: secret.decodedValue($0) ?? [], as: UTF8.self)) },
                        uniquingKeysWith: { $1 })
                }
        }
        return .success([:])
    }

    /// The value of one `valueFrom`: nil for an optional object or key that is absent; a failure starting with
    /// ``unsupportedPrefix`` for what the emulator cannot resolve.
    private static func value(
        from valueFrom: JSONValue, pod: Pod, container: Container, context: PodEnvironmentContext
    ) -> Result<String?, ConfigProblem> {
        let namespace = pod.metadata.namespace ?? "default"
        if let path = valueFrom["fieldRef"]?["fieldPath"]?.stringValue {
            guard let value = fieldValue(path, pod: pod, context: context) else {
                return .failure(.error(unsupportedPrefix + "fieldRef \(path) is not supported by the emulator"))
            }
            return .success(value)
        }
        if let selector = valueFrom["resourceFieldRef"], !selector.isNull {
            let owner = selector["containerName"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let target =
                owner.flatMap { name in
                    (pod.spec.containers + (pod.spec.initContainers ?? [])).first { $0.name == name }
                } ?? container
            return ResourceFieldValue.value(
                resource: selector["resource"]?.stringValue ?? "", divisor: selector["divisor"], container: target,
                allocatable: context.allocatable
            ).map { $0 }
        }
        if let selector = valueFrom["configMapKeyRef"], !selector.isNull {
            let name = selector["name"]?.stringValue ?? ""
            let key = selector["key"]?.stringValue ?? ""
            let optional = selector["optional"]?.boolValue ?? false
            return context.objects.configMap(name, namespace: namespace, optional: optional).flatMap { map in
                guard let map else { return .success(nil) }
                if let value = map.data?[key] { return .success(value) }
                if optional { return .success(nil) }
                return .failure(.error("couldn't find key \(key) in ConfigMap \(namespace)/\(name)"))
            }
        }
        if let selector = valueFrom["secretKeyRef"], !selector.isNull {
            let name = selector["name"]?.stringValue ?? ""
            let key = selector["key"]?.stringValue ?? ""
            let optional = selector["optional"]?.boolValue ?? false
            return context.objects.secret(name, namespace: namespace, optional: optional).flatMap { secret in
                guard let secret else { return .success(nil) }
                if let value = secret.decodedValue(key) { return .success(String(decoding: value, as: UTF8.self)) }
                if optional { return .success(nil) }
                return .failure(.error("couldn't find key \(key) in Secret \(namespace)/\(name)"))
            }
        }
        return .failure(.error(unsupportedPrefix + "valueFrom is not supported by the emulator"))
    }
}
