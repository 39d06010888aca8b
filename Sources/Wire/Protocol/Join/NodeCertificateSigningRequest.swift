import Foundation
import KubeAPI

/// The certificate signing request a joining node sends to the bootstrap port, in the shape of Kubernetes'
/// `certificates.k8s.io/v1` CertificateSigningRequest, plus the bootstrap token in `spec.token`.
///
/// `{"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"node-csr-n1"},
///   "spec":{"request":"<base64 PEM CSR>","username":"system:node:n1","token":"<id.secret>"}}`
///
/// The approved answer is the same object without `spec.token`, with `status.certificate` (base64 PEM) and
/// `status.conditions[0]` = `{"type":"Approved","status":"True","reason":"AutoApproved"}`.
public enum NodeCertificateSigningRequest {
    /// The kind.
    public static let kind = "CertificateSigningRequest"
    /// The API version.
    public static let apiVersion = "certificates.k8s.io/v1"
    /// The signer that issues kubelet client certificates, as in Kubernetes.
    public static let signerName = "kubernetes.io/kube-apiserver-client-kubelet"
    /// The usages of the issued certificate, as Kubernetes spells them.
    public static let usages = ["digital signature", "client auth"]
    /// The object name prefix, followed by the node name.
    public static let namePrefix = "node-csr-"

    /// The request object for `nodeName`, carrying `csrPEM` (base64-encoded) and the bootstrap `token`.
    public static func object(nodeName: String, csrPEM: String, token: String) -> JSONValue {
        [
            "apiVersion": .string(apiVersion),
            "kind": .string(kind),
            "metadata": ["name": .string(namePrefix + nodeName)],
            "spec": [
                "request": .string(encodePEM(csrPEM)),
                "username": .string(PeerIdentity.nodeCommonNamePrefix + nodeName),
                "token": .string(token),
                "signerName": .string(signerName),
                "usages": .array(usages.map(JSONValue.string)),
            ],
        ]
    }

    /// The issued certificate PEM in an approved answer (`status.certificate`), or nil if there is none.
    public static func issuedCertificate(in answer: JSONValue) -> String? {
        answer[path: ["status", "certificate"]]?.stringValue.flatMap(decodePEM)
    }

    /// Base64 of a PEM document's UTF-8 bytes, as `spec.request` and `status.certificate` carry it.
    public static func encodePEM(_ pem: String) -> String {
        Data(pem.utf8).base64EncodedString()
    }

    /// The PEM text that `encoded` is the base64 of, or nil if it is not base64 of UTF-8 text.
    public static func decodePEM(_ encoded: String) -> String? {
        guard let data = Data(base64Encoded: encoded) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
