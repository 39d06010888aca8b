import Foundation
import KubeAPI
import Wire

/// The metadata and status rules the API server applies on every write, to the JSON of a request or to a typed value
/// (see ``LifecycleObject``).
///
/// Pure: the time, the uid and the random name suffix are parameters.
enum ObjectLifecycle {
    /// Annotation that mirrors a DaemonSet's template generation, as the apps/v1 API shows it.
    static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    /// Kinds whose `status` is written only through the `status` subresource (kept on ordinary updates).
    static func hasStatusSubresource(_ kind: ResourceKind) -> Bool {
        if [ResourceKind.ingress, .persistentVolume, .persistentVolumeClaim, .podDisruptionBudget, .apiService].contains(kind) { return true }
        return [ResourceKind.daemonSet, .deployment, .replicaSet, .statefulSet, .pod, .node, .service, .namespace,
                .job, .cronJob].contains(kind)
    }

    /// Kinds that track `metadata.generation`.
    static func tracksGeneration(_ kind: ResourceKind) -> Bool {
        if [ResourceKind.ingress, .ingressClass, .networkPolicy].contains(kind) { return true }
        return [ResourceKind.podDisruptionBudget, .daemonSet, .deployment, .replicaSet, .statefulSet, .job, .cronJob]
            .contains(kind)
    }

    /// The status a new object of `kind` starts with (nil: the kind keeps what it was given).
    static func initialStatus(_ kind: ResourceKind) -> JSONValue? {
        switch kind {
        // A pod's phase and QoS class are filled by the pod defaults that run next.
        case .daemonSet, .deployment, .replicaSet, .statefulSet, .pod, .job, .cronJob: return .object([:])
        case .service: return ["loadBalancer": [:]]
        case .ingress: return ["loadBalancer": [:]]
        case .persistentVolume, .persistentVolumeClaim: return ["phase": "Pending"]
        default: return nil
        }
    }

    /// ``prepareForCreate(_:kind:namespace:now:uid:nameSuffix:)-generic`` on a request's JSON.
    static func prepareForCreate(
        _ object: JSONValue, kind: ResourceKind, namespace: String?, now: Date, uid: String, nameSuffix: String
    ) -> JSONValue {
        prepareForCreate(
            JSONLifecycleObject(object), kind: kind, namespace: namespace, now: now, uid: uid, nameSuffix: nameSuffix
        ).value
    }

    /// ``prepareForUpdate(_:old:kind:subresource:)-generic`` on a request's JSON.
    static func prepareForUpdate(_ new: JSONValue, old: JSONValue, kind: ResourceKind, subresource: String?) -> JSONValue {
        prepareForUpdate(JSONLifecycleObject(new), old: JSONLifecycleObject(old), kind: kind, subresource: subresource)
            .value
    }

    /// Sets what the server owns on a new object: canonical apiVersion/kind, namespace, name (from generateName),
    /// uid, creationTimestamp, generation, and an initial status. One rule for both forms (``LifecycleObject``).
    static func prepareForCreate<Object: LifecycleObject>(
        _ object: Object, kind: ResourceKind, namespace: String?, now: Date, uid: String, nameSuffix: String
    ) -> Object {
        var object = object
        object.setTypeMeta(kind)
        object[meta: .namespace] = namespace.map(JSONValue.string)
        if object[meta: .name]?.stringValue?.isEmpty ?? true, let base = object[meta: .generateName]?.stringValue {
            object[meta: .name] = .string(String(base.prefix(58)) + nameSuffix)
        }
        object[meta: .uid] = .string(uid)
        object[meta: .creationTimestamp] = .string(Timestamp.format(now))
        for field in [LifecycleMetaField.resourceVersion, .deletionTimestamp, .deletionGracePeriodSeconds, .selfLink] {
            object[meta: field] = nil
        }
        object[meta: .generation] = tracksGeneration(kind) ? .int(1) : nil
        if kind == .daemonSet { object[annotation: templateGenerationAnnotation] = "1" }
        if let status = initialStatus(kind) { object.setStatus(status) }
        return object
    }

    /// Carries over what an update may not change (identity, creation time, status or spec depending on the
    /// subresource) and advances `generation` when the spec changed. One rule for both forms.
    static func prepareForUpdate<Object: LifecycleObject>(
        _ new: Object, old: Object, kind: ResourceKind, subresource: String?
    ) -> Object {
        if subresource == "status" {
            var result = old
            result.copyStatus(from: new, emptyIfAbsent: true)
            return result
        }
        var object = new
        object.setTypeMeta(kind)
        for field in [LifecycleMetaField.uid, .creationTimestamp, .namespace, .name, .deletionTimestamp,
                      .deletionGracePeriodSeconds, .generation] {
            object[meta: field] = old[meta: field]
        }
        if hasStatusSubresource(kind) { object.copyStatus(from: old, emptyIfAbsent: false) }
        if tracksGeneration(kind), !object.specEquals(old) {
            object[meta: .generation] = .int((old[meta: .generation]?.intValue ?? 0) + 1)
        }
        if kind == .daemonSet {
            let oldTemplateGeneration = Int64(old[annotation: templateGenerationAnnotation] ?? "1") ?? 1
            let changed = !new.templateEquals(old)
            object[annotation: templateGenerationAnnotation] = String(oldTemplateGeneration + (changed ? 1 : 0))
        }
        return object
    }

    /// The resourceVersion an update must match, from the object's metadata (nil: unconditional).
    static func expectedResourceVersion(_ object: JSONValue) throws -> Int64? {
        try expectedResourceVersion(object[path: ["metadata", "resourceVersion"]]?.stringValue)
    }

    /// The resourceVersion an update must match, from the text of `metadata.resourceVersion` (nil: unconditional).
    static func expectedResourceVersion(_ text: String?) throws -> Int64? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw Status.badRequest("metadata.resourceVersion: Invalid value: \"\(text)\": must be a decimal integer")
        }
        return value
    }

    /// Whether an update completes a pending deletion: the object has a deletionTimestamp and no finalizers left.
    /// (Pods are finished by their node's delete instead.)
    static func finishesDeletion(_ object: JSONValue) -> Bool {
        finishesDeletion(
            kind: object["kind"]?.stringValue ?? "", deleting: object[path: ["metadata", "deletionTimestamp"]] != nil,
            finalizers: object[path: ["metadata", "finalizers"]]?.arrayValue?.count ?? 0)
    }

    /// ``finishesDeletion(_:)`` for a typed object.
    static func finishesDeletion<R: APIResource>(_ object: R) -> Bool {
        finishesDeletion(
            kind: R.resourceKind.kind, deleting: object.metadata.deletionTimestamp != nil,
            finalizers: object.metadata.finalizers?.count ?? 0)
    }

    private static func finishesDeletion(kind: String, deleting: Bool, finalizers: Int) -> Bool {
        kind != ResourceKind.pod.kind && deleting && finalizers == 0
    }
}
