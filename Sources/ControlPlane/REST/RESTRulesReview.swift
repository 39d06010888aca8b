import Foundation
import KubeAPI
import Wire

/// `SelfSubjectRulesReview` (authorization.k8s.io/v1; `kubectl auth can-i --list`): what the caller may do in a
/// namespace, as the rules Kubernetes' authorizers report for the same identity with the default (kubeadm) policy.
/// kubectl breaks the rules down, compacts, sorts and prints them itself. Pure.
///
/// - An administrator (`system:masters`) is bound to `cluster-admin`: every verb on every resource and every
///   non-resource URL.
/// - Every authenticated identity has the `system:basic-user`, `system:discovery` and
///   `system:public-info-viewer` rules (the self-reviews, the discovery and version paths).
/// - A node's other rights come from the Node authorizer, which cannot list them: the answer is `incomplete`, with
///   its evaluation error, as Kubernetes answers a kubelet.
enum RESTRulesReview {
    /// One rule on resources.
    struct ResourceRule: Sendable, Equatable {
        var verbs: [String]
        var apiGroups: [String]
        var resources: [String]

        var json: JSONValue {
            ["verbs": .array(verbs.map(JSONValue.string)), "apiGroups": .array(apiGroups.map(JSONValue.string)),
             "resources": .array(resources.map(JSONValue.string))]
        }
    }

    /// One rule on paths outside the API's resources.
    struct NonResourceRule: Sendable, Equatable {
        var verbs: [String]
        var nonResourceURLs: [String]

        var json: JSONValue {
            ["verbs": .array(verbs.map(JSONValue.string)), "nonResourceURLs": .array(nonResourceURLs.map(JSONValue.string))]
        }
    }

    /// What the Node authorizer says when asked to list a node's rules.
    static let nodeEvaluationError = "node authorizer does not support user rule resolution"

    /// `system:basic-user`: the self-reviews.
    static let basicUserRules = [
        ResourceRule(verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
        ResourceRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"]),
    ]

    /// `system:discovery` and `system:public-info-viewer`, in that order (both name the health and version paths).
    static let discoveryRules = [
        NonResourceRule(
            verbs: ["get"],
            nonResourceURLs: ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                              "/readyz", "/version", "/version/"]),
        NonResourceRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"]),
    ]

    /// The namespace a review asks about: `spec.namespace` of a JSON body, or of a protobuf one (kubectl 1.32:
    /// `SelfSubjectRulesReview` field 2 `spec` → field 1 `namespace`).
    /// - Throws: 400 for a body that does not parse or names no namespace (Kubernetes' `no namespace on request`);
    ///   415 for another content type.
    static func namespace(body: [UInt8], contentType: String?) throws -> String {
        let type = contentType.flatMap { RESTMediaType(parsing: Substring($0))?.type } ?? "application/json"
        let namespace: String
        switch type {
        case "application/vnd.kubernetes.protobuf":
            do {
                let review = try ProtobufReader.kubernetesObject(body)
                namespace = try ProtobufReader.string(try ProtobufReader.bytes(review, 2) ?? [], 1) ?? ""
            } catch {
                throw Status.badRequest("unable to decode the SelfSubjectRulesReview: \(error)")
            }
        case "application/json":
            let review: JSONValue
            do { review = try JSONValue(jsonData: Data(body)) } catch { throw RESTErrors.malformedBody("\(error)") }
            namespace = review[path: ["spec", "namespace"]]?.stringValue ?? ""
        default:
            throw RESTErrors.unsupportedMediaType()
        }
        guard !namespace.isEmpty else { throw Status.badRequest("no namespace on request") }
        return namespace
    }

    /// The answer for `peer` in `namespace`.
    static func answer(for peer: PeerIdentity, namespace: String) -> JSONValue {
        var resourceRules: [ResourceRule] = []
        var nonResourceRules: [NonResourceRule] = []
        if peer.isAdmin {
            resourceRules.append(ResourceRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]))
            nonResourceRules.append(NonResourceRule(verbs: ["*"], nonResourceURLs: ["*"]))
        }
        resourceRules += basicUserRules
        nonResourceRules += discoveryRules
        var status: JSONValue = [
            "resourceRules": .array(resourceRules.map(\.json)),
            "nonResourceRules": .array(nonResourceRules.map(\.json)),
            "incomplete": false,
        ]
        if isNode(peer) {
            status["incomplete"] = true
            status["evaluationError"] = .string(nodeEvaluationError)
        }
        return [
            "kind": "SelfSubjectRulesReview", "apiVersion": "authorization.k8s.io/v1",
            "metadata": ["creationTimestamp": .null], "spec": [:], "status": status,
        ]
    }

    /// The answer for a caller RBAC decides for: `rules` as resource rules (verbs, API groups, resources, resource
    /// names) and non-resource rules, in the authorizer's order; `incomplete` with the evaluation error when roles
    /// bound were missing, or when `peer` is a node (the Node authorizer cannot list its rules).
    static func answer(for peer: PeerIdentity, rules: [PolicyRule], errors: [String]) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var resourceRules: [JSONValue] = []
        var nonResourceRules: [JSONValue] = []
        for rule in rules {
            if let urls = rule.nonResourceURLs, !urls.isEmpty {
                nonResourceRules.append(["verbs": strings(rule.verbs), "nonResourceURLs": strings(urls)])
                continue
            }
            var entry: JSONValue = ["verbs": strings(rule.verbs)]
            if let groups = rule.apiGroups, !groups.isEmpty { entry["apiGroups"] = strings(groups) }
            if let resources = rule.resources, !resources.isEmpty { entry["resources"] = strings(resources) }
            if let names = rule.resourceNames, !names.isEmpty { entry["resourceNames"] = strings(names) }
            resourceRules.append(entry)
        }
        var evaluationErrors = errors
        if isNode(peer) { evaluationErrors.append(nodeEvaluationError) }
        var status: JSONValue = [
            "resourceRules": .array(resourceRules), "nonResourceRules": .array(nonResourceRules),
            "incomplete": .bool(!evaluationErrors.isEmpty),
        ]
        if !evaluationErrors.isEmpty {
            status["evaluationError"] = .string(
                evaluationErrors.count == 1 ? evaluationErrors[0] : "[\(evaluationErrors.joined(separator: ", "))]")
        }
        return [
            "kind": "SelfSubjectRulesReview", "apiVersion": "authorization.k8s.io/v1",
            "metadata": ["creationTimestamp": .null], "spec": [:], "status": status,
        ]
    }

    /// Whether the Node authorizer speaks for `peer` (a `system:node:<name>` in `system:nodes`).
    private static func isNode(_ peer: PeerIdentity) -> Bool {
        peer.nodeName != nil && peer.organizations.contains("system:nodes")
    }
}
