import KubeAPI
import Wire

/// The server-owned metadata fields the lifecycle rules set, clear or carry over.
enum LifecycleMetaField: String, CaseIterable, Sendable {
    case name, generateName, namespace, uid, creationTimestamp, resourceVersion, deletionTimestamp
    case deletionGracePeriodSeconds, selfLink, generation
}

/// What ``ObjectLifecycle``'s rules read and write of an object, whatever its form: the JSON of a request (the wire
/// path) or a typed value (the in-process path, ``TypedLifecycleObject``). The rules are written once, against this
/// protocol; each form only says how to reach a field.
///
/// Metadata scalars travel as ``JSONValue`` (`.string`, `.int`) so that both forms share one currency; nil is absent.
protocol LifecycleObject {
    subscript(meta field: LifecycleMetaField) -> JSONValue? { get set }
    /// One entry of `metadata.annotations`.
    subscript(annotation key: String) -> String? { get set }
    /// Sets `apiVersion` and `kind` to the canonical ones.
    mutating func setTypeMeta(_ kind: ResourceKind)
    /// Whether `spec` equals `old`'s.
    func specEquals(_ old: Self) -> Bool
    /// Whether `spec.template` equals `old`'s (DaemonSets).
    func templateEquals(_ old: Self) -> Bool
    /// Replaces `status` with `initial` (``ObjectLifecycle/initialStatus(_:)``).
    mutating func setStatus(_ initial: JSONValue)
    /// Replaces `status` with `other`'s; when `other` has none, with `{}` if `emptyIfAbsent`, else none.
    mutating func copyStatus(from other: Self, emptyIfAbsent: Bool)
}

/// A request's JSON object as a ``LifecycleObject``: its members and its `metadata` members held apart while the
/// rules run, so each rule is one dictionary write (not a path copy), and put back together once.
///
/// A value that is not a JSON object is left as it is (strict decoding reports it later).
struct JSONLifecycleObject: LifecycleObject {
    private var members: [String: JSONValue]
    private var meta: [String: JSONValue]
    private let original: JSONValue?

    init(_ value: JSONValue) {
        guard var members = value.objectValue else {
            (self.members, meta, original) = ([:], [:], value)
            return
        }
        meta = members.removeValue(forKey: "metadata")?.objectValue ?? [:]
        self.members = members
        original = nil
    }

    /// The object with the rules applied.
    var value: JSONValue {
        if let original { return original }
        var object = members
        object["metadata"] = .object(meta)
        return .object(object)
    }

    subscript(meta field: LifecycleMetaField) -> JSONValue? {
        get { meta[field.rawValue] }
        set { meta[field.rawValue] = newValue }
    }

    subscript(annotation key: String) -> String? {
        get { meta["annotations"]?[key]?.stringValue }
        set {
            var annotations = meta["annotations"]?.objectValue ?? [:]
            annotations[key] = newValue.map(JSONValue.string)
            meta["annotations"] = .object(annotations)
        }
    }

    mutating func setTypeMeta(_ kind: ResourceKind) {
        members["apiVersion"] = .string(kind.apiVersion)
        members["kind"] = .string(kind.kind)
    }

    /// Equal specs, or specs equal once the kind's defaults fill this one: as Kubernetes compares them after
    /// defaulting, a request leaving out what defaulting adds changes nothing (a StatefulSet's `volumeClaimTemplates`,
    /// a list a patch replaces whole, come back from every `kubectl apply` without their defaults).
    func specEquals(_ old: Self) -> Bool {
        if members["spec"] == old.members["spec"] { return true }
        guard let kind = members["kind"]?.stringValue.flatMap(ResourceKind.forKind),
              let defaulted = try? Defaulting.defaulted(value, as: kind)
        else { return false }
        return defaulted["spec"] == old.members["spec"]
    }

    func templateEquals(_ old: Self) -> Bool { members["spec"]?["template"] == old.members["spec"]?["template"] }

    mutating func setStatus(_ initial: JSONValue) { members["status"] = initial }

    mutating func copyStatus(from other: Self, emptyIfAbsent: Bool) {
        members["status"] = other.members["status"] ?? (emptyIfAbsent ? .object([:]) : nil)
    }
}
