import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// Kinds whose objects can be dependents (carry ownerReferences) of another object.
    static let dependentKinds: [ResourceKind] = [.pod, .replicaSet, .controllerRevision, .endpoints]

    /// Deletes an object as Kubernetes does: pods bound to a live node terminate gracefully (deletionTimestamp, then
    /// the node finishes the deletion); objects with finalizers (or `Foreground` propagation) get a deletionTimestamp
    /// and go when their finalizers are gone; `Orphan` propagation first releases the dependents; `Background`
    /// (the default) deletes at once and leaves dependents to the garbage collector.
    func delete(_ kind: ResourceKind, _ namespace: String?, _ request: Request) throws -> JSONValue {
        let name = try name(of: request)
        if kind == .namespace, ["default", "kube-system", "kube-public", "kube-node-lease"].contains(name) {
            throw Status.forbidden("namespaces \"\(name)\" is forbidden: this namespace may not be deleted")
        }
        let key = ObjectKey(kind: kind.kind, namespace: namespace ?? "", name: name)
        guard let current = try store.get(key) else { throw Status.notFound(kind, name: name) }
        if request.dryRun == true { return current }
        let policy = request.propagationPolicy ?? "Background"
        guard ["Background", "Foreground", "Orphan"].contains(policy) else {
            throw Status.badRequest("propagationPolicy: Unsupported value: \"\(policy)\"")
        }
        do {
            if policy == "Orphan" { try orphanDependents(of: current, namespace: namespace ?? "") }
            if kind == .pod, let terminating = try terminateGracefully(current, key: key, request: request) {
                return terminating
            }
            if kind == .namespace { try deleteContents(ofNamespace: name) }
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
                return try store.update(key, object: marked, expectedResourceVersion: resourceVersion(of: current))
            }
            return try store.delete(key, expectedResourceVersion: nil)
        } catch {
            throw map(error, kind: kind, name: name)
        }
    }

    /// For a pod bound to a node that exists: marks it terminating (deletionTimestamp = now + grace) and returns it;
    /// the node stops its containers and then deletes it with grace 0. Returns nil when the pod must go at once
    /// (grace 0, not scheduled, finished, or its node is gone).
    private func terminateGracefully(_ pod: JSONValue, key: ObjectKey, request: Request) throws -> JSONValue? {
        let grace = request.gracePeriodSeconds ?? pod[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
        let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
        guard grace > 0, !node.isEmpty, phase != "Succeeded", phase != "Failed",
            try store.get(ObjectKey(kind: ResourceKind.node.kind, namespace: "", name: node)) != nil
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
        return try store.update(key, object: terminating, expectedResourceVersion: resourceVersion(of: pod))
    }

    /// Removes the ownerReference to `owner` from every dependent in its namespace (`Orphan` propagation).
    private func orphanDependents(of owner: JSONValue, namespace: String) throws {
        guard let uid = owner[path: ["metadata", "uid"]]?.stringValue else { return }
        for kind in Self.dependentKinds {
            for dependent in try store.list(kind: kind.kind, namespace: namespace).items {
                let references = dependent[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
                let kept = references.filter { $0["uid"]?.stringValue != uid }
                guard kept.count != references.count else { continue }
                var released = dependent
                released[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
                let name = dependent[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try store.update(
                    ObjectKey(kind: kind.kind, namespace: namespace, name: name), object: released,
                    expectedResourceVersion: resourceVersion(of: dependent))
            }
        }
    }

    /// Deleting a namespace deletes everything in it first.
    private func deleteContents(ofNamespace namespace: String) throws {
        for kind in ResourceKind.all where kind.namespaced && kind != .lease {
            for object in try store.list(kind: kind.kind, namespace: namespace).items {
                let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try? store.delete(ObjectKey(kind: kind.kind, namespace: namespace, name: name),
                                      expectedResourceVersion: nil)
            }
        }
    }

    func resourceVersion(of object: JSONValue) -> Int64? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }
}
