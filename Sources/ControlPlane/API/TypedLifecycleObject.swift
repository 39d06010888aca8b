import KubeAPI
import Wire

/// A kind with a `spec` and a `status`, as the lifecycle rules reach them on typed values.
protocol SpecAndStatusResource: APIResource {
    associatedtype Spec: Equatable
    associatedtype ObjectStatus: Codable
    var spec: Spec { get set }
    var status: ObjectStatus { get set }
}

extension DaemonSet: SpecAndStatusResource {}
extension Deployment: SpecAndStatusResource {}
extension ReplicaSet: SpecAndStatusResource {}
extension StatefulSet: SpecAndStatusResource {}
extension Pod: SpecAndStatusResource {}
extension Node: SpecAndStatusResource {}
extension ServiceObject: SpecAndStatusResource {}
extension Namespace: SpecAndStatusResource {}
extension PodDisruptionBudget: SpecAndStatusResource {}
extension APIService: SpecAndStatusResource {}
extension Job: SpecAndStatusResource {}
extension CronJob: SpecAndStatusResource {}

/// A typed API value as a ``LifecycleObject``: the in-process write path applies ``ObjectLifecycle``'s rules to the
/// typed value itself, with no JSON form in between.
struct TypedLifecycleObject<R: APIResource>: LifecycleObject {
    var value: R

    subscript(meta field: LifecycleMetaField) -> JSONValue? {
        get {
            let meta = value.metadata
            switch field {
            case .name: return meta.name.map(JSONValue.string)
            case .generateName: return meta.generateName.map(JSONValue.string)
            case .namespace: return meta.namespace.map(JSONValue.string)
            case .uid: return meta.uid.map(JSONValue.string)
            case .creationTimestamp: return meta.creationTimestamp.map(JSONValue.string)
            case .resourceVersion: return meta.resourceVersion.map(JSONValue.string)
            case .deletionTimestamp: return meta.deletionTimestamp.map(JSONValue.string)
            case .deletionGracePeriodSeconds: return meta.deletionGracePeriodSeconds.map(JSONValue.int)
            case .selfLink: return meta.selfLink.map(JSONValue.string)
            case .generation: return meta.generation.map(JSONValue.int)
            }
        }
        set {
            switch field {
            case .name: value.metadata.name = newValue?.stringValue
            case .generateName: value.metadata.generateName = newValue?.stringValue
            case .namespace: value.metadata.namespace = newValue?.stringValue
            case .uid: value.metadata.uid = newValue?.stringValue
            case .creationTimestamp: value.metadata.creationTimestamp = newValue?.stringValue
            case .resourceVersion: value.metadata.resourceVersion = newValue?.stringValue
            case .deletionTimestamp: value.metadata.deletionTimestamp = newValue?.stringValue
            case .deletionGracePeriodSeconds: value.metadata.deletionGracePeriodSeconds = newValue?.intValue
            case .selfLink: value.metadata.selfLink = newValue?.stringValue
            case .generation: value.metadata.generation = newValue?.intValue
            }
        }
    }

    subscript(annotation key: String) -> String? {
        get { value.metadata.annotations?[key] }
        set {
            var annotations = value.metadata.annotations ?? [:]
            annotations[key] = newValue
            value.metadata.annotations = annotations
        }
    }

    mutating func setTypeMeta(_ kind: ResourceKind) {
        value.apiVersion = kind.apiVersion
        value.kind = kind.kind
    }

    func specEquals(_ old: Self) -> Bool {
        guard let new = value as? any SpecAndStatusResource else { return true }
        return Self.sameSpec(new, old.value)
    }

    func templateEquals(_ old: Self) -> Bool {
        (value as? DaemonSet)?.spec.template == (old.value as? DaemonSet)?.spec.template
    }

    mutating func setStatus(_ initial: JSONValue) {
        guard let typed = value as? any SpecAndStatusResource else { return }
        // Only kinds with a status have an initial one; it is decoded from its small JSON form (`{}` mostly).
        if let reset = Self.withStatus(typed, initial) as? R { value = reset }
    }

    mutating func copyStatus(from other: Self, emptyIfAbsent: Bool) {
        guard let typed = value as? any SpecAndStatusResource else { return }
        if let copied = Self.withStatus(typed, of: other.value) as? R { value = copied }
    }

    private static func sameSpec<T: SpecAndStatusResource>(_ new: T, _ old: R) -> Bool {
        guard let old = old as? T else { return false }
        return new.spec == old.spec
    }

    private static func withStatus<T: SpecAndStatusResource>(_ object: T, _ initial: JSONValue) -> T {
        var object = object
        if let status = try? initial.decode(as: T.ObjectStatus.self) { object.status = status }
        return object
    }

    private static func withStatus<T: SpecAndStatusResource>(_ object: T, of other: R) -> T {
        guard let other = other as? T else { return object }
        var object = object
        object.status = other.status
        return object
    }
}
