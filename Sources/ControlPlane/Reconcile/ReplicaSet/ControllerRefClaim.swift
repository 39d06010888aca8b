import KubeAPI
import Wire

/// Upstream `BaseControllerRefManager.ClaimObject`: what a controller does with one object its selector may
/// cover (a Deployment with ReplicaSets, a ReplicaSet with pods). Pure.
enum ControllerRefClaim {
    /// The outcome for one object.
    enum Decision: Sendable, Equatable {
        /// Ours and matching: keep it.
        case keep
        /// An orphan that matches: add our controller ownerReference.
        case adopt
        /// Ours but no longer matching: remove our ownerReference.
        case release
        /// Someone else's, or an orphan we may not take: leave it alone.
        case ignore
    }

    /// Decides for one object.
    /// - Parameters:
    ///   - ownerUID: the controller's uid.
    ///   - ownerDeleting: the controller has a deletionTimestamp (it then neither adopts nor releases).
    ///   - meta: the object's metadata.
    ///   - matches: the controller's selector matches the object's labels.
    static func decide(ownerUID: String, ownerDeleting: Bool, meta: ObjectMeta, matches: Bool) -> Decision {
        if let ref = meta.controllerRef {
            guard ref.uid == ownerUID else { return .ignore }
            if matches { return .keep }
            return ownerDeleting ? .ignore : .release
        }
        guard matches, !ownerDeleting, meta.deletionTimestamp == nil else { return .ignore }
        return .adopt
    }

    /// `meta` with `ref` appended to its ownerReferences (upstream's adoption patch).
    static func adopting(_ meta: ObjectMeta, ref: OwnerReference) -> ObjectMeta {
        var meta = meta
        var refs = meta.ownerReferences ?? []
        refs.removeAll { $0.uid == ref.uid }
        refs.append(ref)
        meta.ownerReferences = refs
        return meta
    }

    /// `meta` without the ownerReference to `ownerUID` (upstream's release patch).
    static func releasing(_ meta: ObjectMeta, ownerUID: String) -> ObjectMeta {
        var meta = meta
        let refs = (meta.ownerReferences ?? []).filter { $0.uid != ownerUID }
        meta.ownerReferences = refs.isEmpty ? nil : refs
        return meta
    }

    /// A controller ownerReference (`controller: true`, `blockOwnerDeletion: true`), as `metav1.NewControllerRef`.
    static func controllerRef(kind: ResourceKind, meta: ObjectMeta) -> OwnerReference {
        OwnerReference(
            apiVersion: kind.apiVersion, kind: kind.kind, name: meta.name ?? "", uid: meta.uid ?? "",
            controller: true, blockOwnerDeletion: true)
    }
}
