import KubeAPI
import Wire

/// A write the garbage collector wants made.
enum GarbageCollectionAction: Sendable, Equatable {
    /// Delete the object (background propagation: its own dependents are collected in turn).
    case deleteObject(kind: String, namespace: String, name: String)
    /// Drop the owner reference with this uid from the object's `metadata.ownerReferences`.
    case removeOwnerReference(kind: String, namespace: String, name: String, ownerUID: String)
}

/// Kubernetes' garbage collector over a snapshot, pure.
///
/// Owners are identified by uid only: an owner deleted and recreated under the same name is a different
/// owner. The caller must pass a consistent snapshot (or confirm absence with a live read before deleting,
/// as Kubernetes does), so that an owner created after the snapshot is not taken for a dead one.
///
/// - Background propagation (`collect`): an object all of whose owners are gone is deleted; an object with
///   at least one live owner stays, and its dangling references are removed.
/// - Orphan propagation is carried out by the API server when an owner is deleted with
///   `propagationPolicy: Orphan`: `orphanActions` strips the owner's references from its dependents first.
/// - Foreground propagation: the owner (with the `foregroundDeletion` finalizer) is kept until no dependent
///   with `blockOwnerDeletion: true` remains (`foregroundBlocked`); `foregroundActions` deletes the dependents.
enum GarbageCollector {
    /// Background cascading deletion: actions for every object with an owner reference to a uid that is not
    /// live. Objects already being deleted are skipped. Uids of `objects` count as live too.
    static func collect(objects: [GCObject], liveUIDs: Set<String>) -> [GarbageCollectionAction] {
        let live = liveUIDs.union(objects.map(\.uid))
        var actions: [GarbageCollectionAction] = []
        for object in objects where !object.deleting && !object.ownerReferences.isEmpty {
            let dead = uniqueUIDs(object.ownerReferences.filter { !live.contains($0.uid) })
            if dead.isEmpty { continue }
            if object.ownerReferences.allSatisfy({ !live.contains($0.uid) }) {
                actions.append(.deleteObject(kind: object.kind, namespace: object.namespace, name: object.name))
            } else {
                actions += dead.map { remove($0, from: object) }
            }
        }
        return actions
    }

    /// Orphan propagation: remove the references to `ownerUID` from each of its dependents, so they survive
    /// the owner's deletion.
    static func orphanActions(ownerUID: String, dependents: [GCObject]) -> [GarbageCollectionAction] {
        dependents.filter { $0.isOwned(by: ownerUID) }.map { remove(ownerUID, from: $0) }
    }

    /// Foreground propagation: whether the owner must still wait, i.e. some existing dependent (even one
    /// being deleted) references it with `blockOwnerDeletion: true`.
    static func foregroundBlocked(ownerUID: String, dependents: [GCObject]) -> Bool {
        dependents.contains { dependent in
            dependent.ownerReferences.contains { $0.uid == ownerUID && $0.blockOwnerDeletion == true }
        }
    }

    /// Foreground propagation: delete every dependent of `ownerUID` not already being deleted.
    static func foregroundActions(ownerUID: String, dependents: [GCObject]) -> [GarbageCollectionAction] {
        dependents.filter { !$0.deleting && $0.isOwned(by: ownerUID) }.map {
            .deleteObject(kind: $0.kind, namespace: $0.namespace, name: $0.name)
        }
    }

    private static func remove(_ ownerUID: String, from object: GCObject) -> GarbageCollectionAction {
        .removeOwnerReference(kind: object.kind, namespace: object.namespace, name: object.name, ownerUID: ownerUID)
    }

    /// The references' uids, first occurrence first, without repeats.
    private static func uniqueUIDs(_ references: [OwnerReference]) -> [String] {
        var seen = Set<String>()
        return references.map(\.uid).filter { seen.insert($0).inserted }
    }
}
