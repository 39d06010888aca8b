import Foundation
import KubeAPI
import Wire

/// Decides a joining node's certificate signing request and issues its certificate, as Kubernetes' bootstrap token
/// authenticator, CSR validation and kubelet-client auto-approver do together.
///
/// In order: the bootstrap token in `spec.token` must be known and unexpired (else `401 Unauthorized`, checked
/// first, as authentication precedes everything); `spec.username` must be `system:node:<node>` with `<node>` a
/// DNS-1123 subdomain; `spec.request` must be a base64 PEM CSR whose signature verifies (else `422 Invalid`). The
/// certificate is issued by the CA for the CSR's key with `CN=system:node:<node>, O=system:nodes`, valid 1 year.
/// No clock is read: `now` and the tokens are parameters.
struct NodeCSRApprover: Sendable {
    /// The message of a refused token.
    static let invalidTokenMessage = "invalid bootstrap token"
    /// `CertificateSigningRequest.certificates.k8s.io`, how errors name the kind.
    static let qualifiedKind = "CertificateSigningRequest.certificates.k8s.io"

    /// The cluster CA that signs node certificates.
    let ca: ClusterPKI

    /// Approves `object` (a ``NodeCertificateSigningRequest``) and returns the answer: the object without
    /// `spec.token`, with `status.certificate` (base64 PEM) and an `Approved`/`AutoApproved` condition.
    ///
    /// - Throws: ``Status``: 401 Unauthorized for a missing, unknown or expired token; 422 Invalid for a bad
    ///   username, name or request.
    func approve(_ object: JSONValue?, tokens: [BootstrapToken], now: Date) throws -> JSONValue {
        guard let token = object?[path: ["spec", "token"]]?.stringValue,
            BootstrapTokenStore.authenticate(token, among: tokens, now: now) != nil
        else {
            throw Status(code: 401, reason: .unauthorized, message: Self.invalidTokenMessage)
        }
        guard var answer = object, answer.objectValue != nil else {
            throw Status.badRequest("the request carries no CertificateSigningRequest object")
        }
        let (nodeName, csrPEM) = try validate(answer)
        let certificate: String
        do {
            certificate = try ca.signCertificateSigningRequest(
                csrPEM, commonName: PeerIdentity.nodeCommonNamePrefix + nodeName,
                organizations: [PeerIdentity.nodesOrganization], now: now)
        } catch let error as PKIError {
            throw invalid(answer, [FieldError(type: .invalid, field: "spec.request", renderedValue: "[]byte{...}",
                                              detail: "\(error)")])
        }
        answer[path: ["spec", "token"]] = nil
        answer["apiVersion"] = .string(NodeCertificateSigningRequest.apiVersion)
        answer["kind"] = .string(NodeCertificateSigningRequest.kind)
        if answer[path: ["metadata", "name"]] == nil {
            answer[path: ["metadata", "name"]] = .string(NodeCertificateSigningRequest.namePrefix + nodeName)
        }
        answer[path: ["spec", "signerName"]] = .string(NodeCertificateSigningRequest.signerName)
        answer[path: ["spec", "usages"]] = .array(NodeCertificateSigningRequest.usages.map(JSONValue.string))
        answer["status"] = [
            "certificate": .string(NodeCertificateSigningRequest.encodePEM(certificate)),
            "conditions": [
                [
                    "type": "Approved", "status": "True", "reason": "AutoApproved",
                    "message": "Auto approving kubelet client certificate after a bootstrap token check.",
                    "lastUpdateTime": .string(Timestamp.format(now)),
                ]
            ],
        ]
        return answer
    }

    /// The node name and the CSR PEM, or a 422 listing every field error.
    private func validate(_ object: JSONValue) throws -> (nodeName: String, csrPEM: String) {
        var errors: [FieldError] = []
        if let name = object[path: ["metadata", "name"]]?.stringValue {
            for message in Validation.isDNS1123Subdomain(name) {
                errors.append(.invalid("metadata.name", GoQuote.quote(name), message))
            }
        }
        var nodeName = ""
        if let username = object[path: ["spec", "username"]]?.stringValue {
            let prefix = PeerIdentity.nodeCommonNamePrefix
            nodeName = username.hasPrefix(prefix) ? String(username.dropFirst(prefix.count)) : ""
            let problems = username.hasPrefix(prefix)
                ? Validation.isDNS1123Subdomain(nodeName).map { "node name: \($0)" }
                : ["must be \"system:node:<node name>\""]
            for problem in problems {
                errors.append(.invalid("spec.username", GoQuote.quote(username), problem))
            }
        } else {
            errors.append(.required("spec.username", "the node's user name, \"system:node:<node name>\""))
        }
        var csrPEM = ""
        if let request = object[path: ["spec", "request"]]?.stringValue {
            if let pem = NodeCertificateSigningRequest.decodePEM(request),
                pem.contains("-----BEGIN CERTIFICATE REQUEST-----")
            {
                csrPEM = pem
            } else {
                errors.append(FieldError(type: .invalid, field: "spec.request", renderedValue: "[]byte{...}",
                                         detail: "PEM block type must be CERTIFICATE REQUEST"))
            }
        } else {
            errors.append(.required("spec.request", ""))
        }
        guard errors.isEmpty else { throw invalid(object, errors) }
        return (nodeName, csrPEM)
    }

    /// `CertificateSigningRequest.certificates.k8s.io "<name>" is invalid: <errors>` (422).
    private func invalid(_ object: JSONValue, _ errors: [FieldError]) -> Status {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let rendered = errors.map(\.description)
        let list = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        let causes = errors.map { StatusCause(reason: $0.type.causeReason, message: $0.description, field: $0.field) }
        return Status(
            code: 422, reason: .invalid, message: "\(Self.qualifiedKind) \"\(name)\" is invalid: \(list)",
            details: StatusDetails(
                name: name, group: "certificates.k8s.io", kind: NodeCertificateSigningRequest.kind, causes: causes))
    }
}
