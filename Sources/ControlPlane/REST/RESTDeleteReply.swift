import Foundation
import KubeAPI

/// What Kubernetes answers a DELETE with: the object when it is still there (a graceful deletion, or finalizers
/// pending: it carries a `deletionTimestamp`) or when its kind's storage returns deleted objects (pods, services and
/// namespaces: `ReturnDeletedObject`); otherwise, for an object removed at once (a DaemonSet, a ConfigMap...), a
/// Success `Status` whose details name it, with its uid (kubectl's delete waits on that uid; the Python client decodes
/// a `V1Status`). Pure.
enum RESTDeleteReply {
    /// Kinds whose DELETE answers the object itself even when it is gone.
    static let kindsReturningTheObject: Set<String> = [
        ResourceKind.pod.kind, ResourceKind.service.kind, ResourceKind.namespace.kind,
    ]

    /// The reply to a DELETE of a `kind` object, from the one that carries the API server's answer (other replies, and
    /// failures, are kept).
    static func reply(_ reply: RESTReply, kind: ResourceKind) -> RESTReply {
        guard case .full(200, let contentType, let body) = reply, let deleted = try? JSONValue(jsonData: Data(body))
        else { return reply }
        return .json(self.body(deleted: deleted, kind: kind), contentType: contentType)
    }

    /// The body of the reply to a DELETE of a `kind` object that the API server answered with `deleted`.
    static func body(deleted: JSONValue, kind: ResourceKind) -> JSONValue {
        guard !kindsReturningTheObject.contains(kind.kind), deleted[path: ["metadata", "deletionTimestamp"]] == nil,
            let name = deleted[path: ["metadata", "name"]]?.stringValue
        else { return deleted }
        var details = StatusDetails(name: name, group: kind.group.isEmpty ? nil : kind.group, kind: kind.plural)
        details.uid = deleted[path: ["metadata", "uid"]]?.stringValue
        guard var status = try? JSONValue(encoding: Status.success(details: details)) else { return deleted }
        // Kubernetes leaves a Success status's code out.
        status["code"] = nil
        return status
    }
}
