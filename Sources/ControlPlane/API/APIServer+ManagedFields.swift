import Foundation
import KubeAPI
import Wire

/// Field ownership on every write (`metadata.managedFields`, ``FieldOwnership``): who each write is on behalf of,
/// and the record of what it changed.
extension APIServer {
    /// The manager a write from `peer` is recorded under when the request names none: `kubelet` for nodes, the
    /// component's name for the control plane's own clients (`system:kube-controller-manager` →
    /// `kube-controller-manager`), `kctl` for everyone else on the frame protocol. (Over HTTPS the REST front door
    /// names it after the User-Agent first, as Kubernetes does.)
    static func defaultFieldManager(for peer: PeerIdentity) -> String {
        if peer.nodeName != nil { return "kubelet" }
        let systemPrefix = "system:"
        if peer.commonName.hasPrefix(systemPrefix + "kube-") { return String(peer.commonName.dropFirst(systemPrefix.count)) }
        return "kctl"
    }

    /// `request` with its field manager: the one it names, else the default for `peer`.
    func withFieldManager(_ request: Request, _ peer: PeerIdentity) -> Request {
        guard request.fieldManager?.isEmpty ?? true else { return request }
        var request = request
        request.fieldManager = Self.defaultFieldManager(for: peer)
        return request
    }

    /// `object` (what a write of `request` makes of `old`, nil for a create) with its managedFields recorded for an
    /// `Update` by the request's manager. An apply records its own (``FieldOwnership/apply(_:to:writer:force:)``).
    func recordingOwnership(of object: JSONValue, old: JSONValue?, kind: ResourceKind, request: Request) -> JSONValue {
        if request.patchType == .apply { return object }
        return recordingOwnership(
            of: object, old: old, kind: kind, manager: request.fieldManager ?? "kctl", subresource: request.subresource)
    }

    /// `object` with its managedFields recorded for an `Update` by `manager` (of `subresource`, nil for the object).
    func recordingOwnership(
        of object: JSONValue, old: JSONValue?, kind: ResourceKind, manager: String, subresource: String? = nil
    ) -> JSONValue {
        let writer = writer(kind, manager: manager, subresource: subresource)
        guard let old else { return FieldOwnership.recordCreate(object, writer: writer) }
        return FieldOwnership.recordUpdate(old: old, new: object, writer: writer)
    }

    /// The writer of a change to an object of `kind` now.
    func writer(_ kind: ResourceKind, manager: String, subresource: String?) -> FieldOwnership.Writer {
        FieldOwnership.Writer(
            manager: manager, subresource: subresource == "status" ? "status" : nil, kind: kind.kind,
            apiVersion: kind.apiVersion, now: now())
    }
}
