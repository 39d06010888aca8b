import Foundation
import KubeAPI
import Wire

extension APIServer {
    /// `create subjectaccessreviews` (authorization.k8s.io/v1): whether the user and groups of `spec` may do what
    /// its `resourceAttributes` or `nonResourceAttributes` describe, as RBAC decides; the caller needs `create` on
    /// `subjectaccessreviews`. Nothing is stored.
    /// - Throws: Forbidden for a caller that may not ask; 422 with Kubernetes' messages for a spec without a user or
    ///   group, or without exactly one kind of attributes.
    func subjectAccessReview(_ review: JSONValue, from peer: PeerIdentity) throws -> JSONValue {
        let asking = AuthorizationAttributes(verb: "create", apiGroup: "authorization.k8s.io", resource: "subjectaccessreviews")
        if !peer.isAdmin, case .deny(let status) = Authorizer.rbacDecision(asking, peer: peer, policy: rbacPolicies.policy()) {
            throw status
        }
        let spec = review["spec"] ?? [:]
        let user = spec["user"]?.stringValue ?? ""
        let groups = spec["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let resource = spec["resourceAttributes"].flatMap { $0.objectValue == nil ? nil : $0 }
        let nonResource = spec["nonResourceAttributes"].flatMap { $0.objectValue == nil ? nil : $0 }
        var errors: [FieldError] = []
        if user.isEmpty && groups.isEmpty {
            errors.append(.invalid("spec.user", GoQuote.quote(user), "at least one of user or group must be specified"))
        }
        if resource != nil && nonResource != nil {
            errors.append(.invalid(
                "spec.nonResourceAttributes", "&authorization.NonResourceAttributes{Path:\(GoQuote.quote(nonResource?["path"]?.stringValue ?? "")), "
                    + "Verb:\(GoQuote.quote(nonResource?["verb"]?.stringValue ?? ""))}",
                "cannot be specified in combination with resourceAttributes"))
        } else if resource == nil && nonResource == nil {
            errors.append(.invalid(
                "spec.resourceAttributes", GoQuote.quote("null"), "exactly one of nonResourceAttributes or resourceAttributes must be specified"))
        }
        guard errors.isEmpty else {
            let list = errors.count == 1 ? errors[0].description : "[" + errors.map(\.description).joined(separator: ", ") + "]"
            throw Status(
                code: 422, reason: .invalid, message: "SubjectAccessReview.authorization.k8s.io \"\" is invalid: \(list)")
        }
        let attributes: AuthorizationAttributes
        if let nonResource {
            attributes = .nonResource(
                verb: nonResource["verb"]?.stringValue ?? "", path: nonResource["path"]?.stringValue ?? "")
        } else {
            func field(_ key: String) -> String { resource?[key]?.stringValue ?? "" }
            attributes = AuthorizationAttributes(
                verb: field("verb"), apiGroup: field("group"), resource: field("resource"),
                subresource: field("subresource"), name: field("name"), namespace: field("namespace"))
        }
        let decision = RBACAuthorizer(policy: rbacPolicies.policy()).authorize(RBACUser(name: user, groups: groups), attributes)
        var status: JSONValue = ["allowed": .bool(decision.allowed)]
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        var answer = review
        answer["kind"] = "SubjectAccessReview"
        answer["apiVersion"] = "authorization.k8s.io/v1"
        answer["metadata"] = ["creationTimestamp": .null]
        answer["status"] = status
        return answer
    }
}
