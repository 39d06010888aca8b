import KubeAPI
import Wire

/// Claiming of pods and ControllerRevisions by one DaemonSet (upstream `BaseControllerRefManager.ClaimObject`).
///
/// - controlled by this DaemonSet (controller ownerRef UID) and matching the selector: owned;
/// - controlled by it but no longer matching: released (its ownerRef is removed);
/// - orphan (no controller ownerRef), matching, not being deleted: adopted (a controller ownerRef is added);
/// - controlled by anything else: ignored, even when its labels match.
///
/// Callers never claim for a DaemonSet that is being deleted (the sync stops before), which is when upstream
/// refuses to adopt or release.
struct DaemonSetOwnership: Sendable {
    /// What claiming decides for one object.
    enum Claim: Sendable, Equatable {
        case owned
        case adopt
        case release
        case ignore
    }

    let uid: String
    let namespace: String
    let selector: Selector
    /// The ownerReference this DaemonSet puts on what it owns: apps/v1 DaemonSet, controller, blockOwnerDeletion.
    let controllerRef: OwnerReference

    /// The ownership rules of `daemonSet` with its converted selector.
    init(daemonSet: DaemonSet, selector: Selector) {
        uid = daemonSet.metadata.uid ?? ""
        namespace = daemonSet.namespace
        self.selector = selector
        controllerRef = OwnerReference(
            apiVersion: DaemonSet.resourceKind.apiVersion, kind: DaemonSet.resourceKind.kind,
            name: daemonSet.name, uid: uid, controller: true, blockOwnerDeletion: true)
    }

    /// The decision for an object with this metadata.
    func claim(_ metadata: ObjectMeta) -> Claim {
        if let owner = metadata.controllerRef {
            guard owner.uid == uid else { return .ignore }
            return selector.matches(metadata.labels ?? [:]) ? .owned : .release
        }
        guard selector.matches(metadata.labels ?? [:]), metadata.deletionTimestamp == nil else { return .ignore }
        if let objectNamespace = metadata.namespace, !objectNamespace.isEmpty, objectNamespace != namespace {
            return .ignore
        }
        return .adopt
    }

    /// `metadata` with this DaemonSet's controller ownerRef added.
    func adopting(_ metadata: ObjectMeta) -> ObjectMeta {
        var result = metadata
        result.ownerReferences = (metadata.ownerReferences ?? []) + [controllerRef]
        return result
    }

    /// `metadata` without the ownerRefs that point at this DaemonSet's UID.
    func releasing(_ metadata: ObjectMeta) -> ObjectMeta {
        var result = metadata
        let remaining = (metadata.ownerReferences ?? []).filter { $0.uid != uid }
        result.ownerReferences = remaining.isEmpty ? nil : remaining
        return result
    }

    /// Claims every object: returns the ones this DaemonSet now owns (adoptions applied) and, in input order,
    /// the changed objects to write back (adopted and released ones).
    func claimAll<Object: APIResource>(_ objects: [Object]) -> (owned: [Object], changed: [Object]) {
        var owned: [Object] = []
        var changed: [Object] = []
        for object in objects {
            switch claim(object.metadata) {
            case .owned:
                owned.append(object)
            case .adopt:
                var adopted = object
                adopted.metadata = adopting(object.metadata)
                owned.append(adopted)
                changed.append(adopted)
            case .release:
                var released = object
                released.metadata = releasing(object.metadata)
                changed.append(released)
            case .ignore:
                continue
            }
        }
        return (owned, changed)
    }
}
