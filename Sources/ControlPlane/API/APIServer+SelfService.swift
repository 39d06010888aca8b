import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// Answers the requests about the API and the caller rather than about stored objects, for both front doors:
    /// `get APIGroupDiscoveryList` (`api` or `apis`: the aggregated discovery documents) and `create` of a
    /// `SelfSubjectAccessReview`, `SelfSubjectRulesReview` or `SelfSubjectReview` (PROTOCOL.md, section 6). nil when `request` is none of
    /// these. Every authenticated caller may ask them, as in Kubernetes.
    func selfService(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        switch request.kind {
        case APIDiscoveryRequest.requestKind:
            guard request.verb == .get else { throw Self.methodNotAllowed(request) }
            switch request.name ?? APIDiscoveryRequest.groupsName {
            case APIDiscoveryRequest.coreName: return RESTDiscovery.aggregated(core: true)
            case APIDiscoveryRequest.groupsName: return RESTDiscovery.aggregated(core: false, custom: customResources.types)
            default: throw Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")
            }
        case SelfReviewRequest.whoamiKind:
            guard request.verb == .create else { throw Self.methodNotAllowed(request) }
            return RESTReview.whoamiAnswer(peer)
        case SelfReviewRequest.rulesReviewKind:
            guard request.verb == .create else { throw Self.methodNotAllowed(request) }
            guard let namespace = request.object?[path: ["spec", "namespace"]]?.stringValue, !namespace.isEmpty else {
                throw Status.badRequest("no namespace on request")
            }
            return rulesReview(for: peer, namespace: namespace)
        case SelfReviewRequest.accessReviewKind:
            guard request.verb == .create else { throw Self.methodNotAllowed(request) }
            let review = request.object ?? [:]
            if let nonResource = review[path: ["spec", "nonResourceAttributes"]], nonResource.objectValue != nil,
                review[path: ["spec", "resourceAttributes"]] == nil
            {
                // Paths outside the API's resources (`/logs`, `/healthz`...), as RBAC says.
                let decision = rbacDecision(
                    .nonResource(verb: nonResource["verb"]?.stringValue ?? "", path: nonResource["path"]?.stringValue ?? ""),
                    peer: peer)
                var status: JSONValue = ["allowed": .bool(decision.allowed)]
                if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
                return [
                    "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                    "metadata": ["creationTimestamp": .null], "spec": ["nonResourceAttributes": nonResource],
                    "status": status,
                ]
            }
            return try await accessReview(RESTReview.attributes(of: review), from: peer)
        default:
            return nil
        }
    }

    /// Whether `peer` may do what `attributes` describe, decided by the authorizer (what names no served kind or
    /// verb, e.g. `impersonate` or a custom resource not yet defined: by RBAC on the attributes as given), as a
    /// SelfSubjectAccessReview answer; a denial carries RBAC's reason (roles bound but missing).
    func accessReview(_ attributes: RESTReview.Attributes, from peer: PeerIdentity) async throws -> JSONValue {
        guard let (request, kind) = RESTReview.request(for: attributes) else {
            let decision = rbacDecision(
                AuthorizationAttributes(
                    verb: attributes.verb, apiGroup: attributes.group, resource: attributes.resource,
                    subresource: attributes.subresource, name: attributes.name, namespace: attributes.namespace),
                peer: peer)
            return RESTReview.accessAnswer(
                attributes, allowed: decision.allowed, reason: decision.reason.isEmpty ? nil : decision.reason)
        }
        do {
            try await authorize(request, kind: kind, namespace: try namespace(of: request, kind: kind), peer: peer)
            return RESTReview.accessAnswer(attributes, allowed: true, reason: nil)
        } catch let status as Status where status.code == 403 || status.code == 404 {
            let reason = status.message.flatMap { message in
                message.range(of: ": RBAC: ").map { "RBAC: " + message[$0.upperBound...] }
            }
            return RESTReview.accessAnswer(attributes, allowed: false, reason: reason)
        }
    }

    private static func methodNotAllowed(_ request: Request) -> Status {
        Status(
            code: 405, reason: .methodNotAllowed,
            message: "the server does not allow this method on the requested resource (\(request.verb.rawValue) \(request.kind))")
    }
}
