import Foundation
import KubeAPI
import Wire

/// The self-reviews kubectl asks: `SelfSubjectAccessReview` (authorization.k8s.io/v1; `kubectl auth can-i`) and
/// `SelfSubjectReview` (authentication.k8s.io/v1; `kubectl auth whoami`). Bodies come as JSON or, from kubectl
/// 1.32, in the Kubernetes protobuf envelope. Pure: the API server's authorizer gives the decision.
enum RESTReview: Sendable, Equatable {
    case access
    case whoami
    /// `SelfSubjectRulesReview` (``RESTRulesReview``; `kubectl auth can-i --list`).
    case rules
    /// `SubjectAccessReview`: whether another user may do something (``APIServer/subjectAccessReview(_:from:)``).
    case subject

    /// The served review resources: group, version, resource (plural) and kind.
    static let resources: [(review: RESTReview, group: String, version: String, plural: String, kind: String)] = [
        (.access, "authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview"),
        (.whoami, "authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview"),
        (.rules, "authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview"),
        (.subject, "authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview"),
    ]

    /// The review at `group/version/plural`, or nil.
    static func at(group: String, version: String, plural: String) -> RESTReview? {
        resources.first { $0.group == group && $0.version == version && $0.plural == plural }?.review
    }

    /// The group-versions of the reviews, in ``resources``' order, each with its resources (plural, kind).
    static var groupVersions: [(group: String, version: String, resources: [(plural: String, kind: String)])] {
        var result: [(group: String, version: String, resources: [(plural: String, kind: String)])] = []
        for entry in resources {
            if let index = result.firstIndex(where: { $0.group == entry.group && $0.version == entry.version }) {
                result[index].resources.append((entry.plural, entry.kind))
            } else {
                result.append((entry.group, entry.version, [(entry.plural, entry.kind)]))
            }
        }
        return result
    }

    /// What an access review asks about: `spec.resourceAttributes`.
    struct Attributes: Sendable, Equatable {
        var namespace = ""
        var verb = ""
        var group = ""
        var version = ""
        var resource = ""
        var subresource = ""
        var name = ""

        var json: JSONValue {
            ["namespace": .string(namespace), "verb": .string(verb), "group": .string(group),
             "version": .string(version), "resource": .string(resource), "subresource": .string(subresource),
             "name": .string(name)]
        }
    }

    /// The resource attributes of an access review body (JSON, or protobuf with `contentType`
    /// `application/vnd.kubernetes.protobuf`).
    /// - Throws: 400 for a body that does not parse; 415 for another content type.
    static func attributes(body: [UInt8], contentType: String?) throws -> Attributes {
        let type = contentType.flatMap { RESTMediaType(parsing: Substring($0))?.type } ?? "application/json"
        switch type {
        case "application/vnd.kubernetes.protobuf":
            do {
                // SelfSubjectAccessReview: 2 spec → 1 resourceAttributes → 1..7.
                let review = try ProtobufReader.kubernetesObject(body)
                let spec = try ProtobufReader.bytes(review, 2) ?? []
                let attributes = try ProtobufReader.bytes(spec, 1) ?? []
                func field(_ number: Int) throws -> String { try ProtobufReader.string(attributes, number) ?? "" }
                return Attributes(
                    namespace: try field(1), verb: try field(2), group: try field(3), version: try field(4),
                    resource: try field(5), subresource: try field(6), name: try field(7))
            } catch {
                throw Status.badRequest("unable to decode the SelfSubjectAccessReview: \(error)")
            }
        case "application/json":
            let review: JSONValue
            do { review = try JSONValue(jsonData: Data(body)) } catch { throw RESTErrors.malformedBody("\(error)") }
            return attributes(of: review)
        default:
            throw RESTErrors.unsupportedMediaType()
        }
    }

    /// The resource attributes of an access review as JSON (`spec.resourceAttributes`; absent fields are empty).
    static func attributes(of review: JSONValue) -> Attributes {
        let attributes = review[path: ["spec", "resourceAttributes"]]
        func field(_ key: String) -> String { attributes?[key]?.stringValue ?? "" }
        return Attributes(
            namespace: field("namespace"), verb: field("verb"), group: field("group"), version: field("version"),
            resource: field("resource"), subresource: field("subresource"), name: field("name"))
    }

    /// The request the attributes describe, for the authorizer; nil when they name no served kind or a verb this
    /// API has no equivalent for (only an administrator may do those).
    static func request(for attributes: Attributes) -> (Request, ResourceKind)? {
        guard let verb = Verb(rawValue: attributes.verb),
            let kind = ResourceKind.all.first(where: { $0.plural == attributes.resource && $0.group == attributes.group })
        else { return nil }
        var request = Request(
            verb: verb, kind: kind.kind, namespace: attributes.namespace.isEmpty ? nil : attributes.namespace,
            name: attributes.name.isEmpty ? nil : attributes.name)
        request.subresource = attributes.subresource.isEmpty ? nil : attributes.subresource
        return (request, kind)
    }

    /// The answer to an access review.
    static func accessAnswer(_ attributes: Attributes, allowed: Bool, reason: String?) -> JSONValue {
        var status: JSONValue = ["allowed": .bool(allowed)]
        if let reason { status["reason"] = .string(reason) }
        return [
            "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
            "metadata": ["creationTimestamp": .null], "spec": ["resourceAttributes": attributes.json],
            "status": status,
        ]
    }

    /// The answer to `auth whoami`: the caller as authenticated from its certificate.
    static func whoamiAnswer(_ peer: PeerIdentity) -> JSONValue {
        [
            "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["creationTimestamp": .null],
            "status": ["userInfo": [
                "username": .string(peer.commonName),
                "groups": .array(
                    (peer.organizations + (peer.organizations.contains("system:authenticated") ? [] : ["system:authenticated"]))
                        .map(JSONValue.string)),
            ]],
        ]
    }
}
