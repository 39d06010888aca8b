import KubeAPI

/// The one place the API verbs' ``Request``s are built (PROTOCOL.md sections 5 and 6): what ``WireClusterClient``
/// sends for a get, list, watch, create, update, patch, delete or binding. Pure.
///
/// Callers use ``WireClusterClient``; they take a request from here only when they need the request itself: to add
/// a member the client's calls do not carry (a server-side `timeoutSeconds`, a table) or to send it again (a
/// watcher that relists and re-watches).
///
/// A namespace given for a cluster-scoped kind is dropped (the server would ignore it); nil leaves the server's
/// rule: the object's own namespace, else `default` (for list and watch: every namespace).
public enum APIRequests {
    /// `get` of `namespace/name`.
    public static func get(_ kind: ResourceKind, namespace: String?, name: String) -> Request {
        Request(verb: .get, kind: kind.kind, namespace: scoped(kind, namespace), name: name)
    }

    /// `list` of the objects matching `options`' selectors (its resourceVersion is not sent: a list ignores it).
    public static func list(_ kind: ResourceKind, namespace: String?, options: ListOptions) -> Request {
        var request = Request(verb: .list, kind: kind.kind, namespace: scoped(kind, namespace))
        request.labelSelector = options.labelSelector
        request.fieldSelector = options.fieldSelector
        return request
    }

    /// `watch` from `options.resourceVersion` (nil: the current objects first), with `options`' selectors.
    public static func watch(_ kind: ResourceKind, namespace: String?, options: ListOptions) -> Request {
        var request = list(kind, namespace: namespace, options: options)
        request.verb = .watch
        request.resourceVersion = options.resourceVersion
        return request
    }

    /// `create` of `object`.
    public static func create(_ kind: ResourceKind, namespace: String?, object: JSONValue, options: WriteOptions)
        -> Request
    {
        var request = Request(verb: .create, kind: kind.kind, namespace: scoped(kind, namespace))
        request.object = object
        request.dryRun = dryRun(options.dryRun)
        return request
    }

    /// `update` of `namespace/name` with `object` (its resourceVersion, when present, is the precondition);
    /// `subresource` "status" replaces only the status.
    public static func update(
        _ kind: ResourceKind, namespace: String?, name: String, object: JSONValue, subresource: String?,
        options: WriteOptions
    ) -> Request {
        var request = Request(verb: .update, kind: kind.kind, namespace: scoped(kind, namespace), name: name)
        request.object = object
        request.subresource = subresource
        request.dryRun = dryRun(options.dryRun)
        return request
    }

    /// `patch` of `namespace/name` with the document `patch` of `patchType`; `subresource` "status" patches the
    /// status only.
    public static func patch(
        _ kind: ResourceKind, namespace: String?, name: String, patch: JSONValue, patchType: PatchType,
        subresource: String?, options: WriteOptions
    ) -> Request {
        var request = Request(verb: .patch, kind: kind.kind, namespace: scoped(kind, namespace), name: name)
        request.patch = patch
        request.patchType = patchType
        request.subresource = subresource
        request.dryRun = dryRun(options.dryRun)
        return request
    }

    /// `delete` of `namespace/name`, with a pod's grace period and the propagation policy when given.
    public static func delete(_ kind: ResourceKind, namespace: String?, name: String, options: DeleteOptions)
        -> Request
    {
        var request = Request(verb: .delete, kind: kind.kind, namespace: scoped(kind, namespace), name: name)
        request.gracePeriodSeconds = options.gracePeriodSeconds
        request.propagationPolicy = options.propagationPolicy
        request.dryRun = dryRun(options.dryRun)
        return request
    }

    /// `create` on `pods/binding`: assigns the pod `namespace/pod` to `node`.
    public static func binding(namespace: String, pod: String, node: String) -> Request {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = "binding"
        request.object = [
            "apiVersion": "v1", "kind": "Binding",
            "metadata": ["name": .string(pod), "namespace": .string(namespace)],
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
        return request
    }

    /// The namespace to send: none for a cluster-scoped kind.
    private static func scoped(_ kind: ResourceKind, _ namespace: String?) -> String? {
        kind.namespaced ? namespace : nil
    }

    /// `dryRun` is sent only when set (absent members are omitted on the wire).
    private static func dryRun(_ value: Bool) -> Bool? { value ? true : nil }
}
