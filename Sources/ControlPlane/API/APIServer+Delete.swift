import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// Kinds whose objects can be dependents (carry ownerReferences) of another object.
    static let dependentKinds: [ResourceKind] = [
        .pod, .replicaSet, .controllerRevision, .endpoints, .endpointSlice, .job, .persistentVolumeClaim,
    ]

    /// Deletes an object as Kubernetes does: pods bound to a live node terminate gracefully (deletionTimestamp, then
    /// the node finishes the deletion); objects with finalizers (or `Foreground` propagation) get a deletionTimestamp
    /// and go when their finalizers are gone; `Orphan` propagation first releases the dependents; `Background`
    /// (the default) deletes at once and leaves dependents to the garbage collector.
    ///
    /// The cascade is one store transaction: the released dependents (`Orphan`), a namespace's contents and the
    /// object itself change together or not at all.
    func delete(_ kind: ResourceKind, _ namespace: String?, _ request: Request) throws -> JSONValue {
        let name = try name(of: request)
        if kind == .namespace, Self.builtInNamespaces.contains(name) {
            throw Status.forbidden("namespaces \"\(name)\" is forbidden: this namespace may not be deleted")
        }
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        guard let current = try store.get(key) else { throw Status.notFound(kind, name: name) }
        if request.dryRun == true { return current }
        let policy = request.propagationPolicy ?? Self.defaultPropagationPolicy(for: kind)
        guard ["Background", "Foreground", "Orphan"].contains(policy) else {
            throw Status.badRequest("propagationPolicy: Unsupported value: \"\(policy)\"")
        }
        do {
            return try store.transaction { tx in
                try delete(current, key: key, kind: kind, policy: policy, request: request, in: tx)
            }
        } catch {
            throw map(error, kind: kind, name: name)
        }
    }

    /// The writes of ``delete(_:_:_:)`` for `current`, stored at `key`.
    private func delete(
        _ current: JSONValue, key: ObjectKey, kind: ResourceKind, policy: String, request: Request,
        in tx: any ObjectStorageTransaction
    ) throws -> JSONValue {
        if policy == "Orphan" { try orphanDependents(of: current, namespace: key.namespace, in: tx) }
        if kind == .pod, let terminating = try terminateGracefully(current, key: key, request: request, in: tx) {
            return terminating
        }
        if kind == .namespace { try deleteContents(ofNamespace: key.name, in: tx) }
        if kind == .namespace { try deleteCustomResources(inNamespace: key.name, in: tx) }
        if kind == .customResourceDefinition { try deleteCustomResources(ofDefinition: current, in: tx) }
        var finalizers = current[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        if policy == "Foreground", !finalizers.contains("foregroundDeletion") {
            finalizers.append("foregroundDeletion")
        }
        if !finalizers.isEmpty, kind != .namespace {
            if current[path: ["metadata", "deletionTimestamp"]] != nil, finalizers.count
                == (current[path: ["metadata", "finalizers"]]?.arrayValue?.count ?? 0)
            {
                return current
            }
            var marked = current
            marked[path: ["metadata", "finalizers"]] = .array(finalizers)
            if marked[path: ["metadata", "deletionTimestamp"]] == nil {
                marked[path: ["metadata", "deletionTimestamp"]] = .string(Timestamp.format(now()))
                marked[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(0)
            }
            return try tx.update(key, object: marked, expectedResourceVersion: resourceVersion(of: current))
        }
        return try tx.delete(key, expectedResourceVersion: nil)
    }

    /// For a pod bound to a node that exists: marks it terminating (deletionTimestamp = now + grace) and returns it;
    /// the node stops its containers and then deletes it with grace 0. Returns nil when the pod must go at once
    /// (grace 0, not scheduled, finished, or its node is gone).
    private func terminateGracefully(
        _ pod: JSONValue, key: ObjectKey, request: Request, in tx: any ObjectStorageTransaction
    ) throws -> JSONValue? {
        let grace = request.gracePeriodSeconds ?? pod[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
        let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
        guard grace > 0, !node.isEmpty, phase != "Succeeded", phase != "Failed",
            try tx.get(ObjectKey(kind: ResourceKind.node.kind, namespace: "", name: node)) != nil
        else { return nil }
        let now = now()
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            let current = pod[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? grace
            guard grace < current else { return pod }
        }
        var terminating = pod
        terminating[path: ["metadata", "deletionTimestamp"]] =
            .string(Timestamp.format(now.addingTimeInterval(TimeInterval(grace))))
        terminating[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
        return try tx.update(key, object: terminating, expectedResourceVersion: resourceVersion(of: pod))
    }

    /// Removes the ownerReference to `owner` from every dependent in its namespace (`Orphan` propagation).
    private func orphanDependents(of owner: JSONValue, namespace: String, in tx: any ObjectStorageTransaction) throws {
        guard let uid = owner[path: ["metadata", "uid"]]?.stringValue else { return }
        for kind in Self.dependentKinds {
            for dependent in try tx.list(kind: kind.kind, namespace: namespace) {
                let references = dependent[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
                let kept = references.filter { $0["uid"]?.stringValue != uid }
                guard kept.count != references.count else { continue }
                var released = dependent
                released[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
                let name = dependent[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try tx.update(
                    ObjectKey(kind: kind.kind, namespace: namespace, name: name), object: released,
                    expectedResourceVersion: resourceVersion(of: dependent))
            }
        }
    }

    /// Deleting a namespace deletes everything in it first.
    private func deleteContents(ofNamespace namespace: String, in tx: any ObjectStorageTransaction) throws {
        for kind in ResourceKind.all where kind.namespaced && kind != .lease {
            for object in try tx.list(kind: kind.kind, namespace: namespace) {
                let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try? tx.delete(ObjectKey(kind: kind.kind, namespace: namespace, name: name),
                                   expectedResourceVersion: nil)
            }
        }
    }

    func resourceVersion(of object: JSONValue) -> Int64? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }
}
