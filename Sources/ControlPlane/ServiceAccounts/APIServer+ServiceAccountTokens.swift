import Foundation
import KubeAPI
import Logging
import Wire

extension APIServer {
    /// A TokenRequest's validation errors as Kubernetes' `NewInvalid` writes them:
    /// `TokenRequest.authentication.k8s.io "x" is invalid: spec.expirationSeconds: ...`.
    static func invalidTokenRequest(name: String, errors: [FieldError]) -> Status {
        let rendered = errors.map(\.description)
        let list = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        let causes = errors.map { StatusCause(reason: $0.type.causeReason, message: $0.body, field: $0.field) }
        return Status(
            code: 422, reason: .invalid, message: "TokenRequest.authentication.k8s.io \"\(name)\" is invalid: \(list)",
            details: StatusDetails(name: name, group: "authentication.k8s.io", kind: "TokenRequest", causes: causes))
    }

    /// `create serviceaccounts/<name>/token`: a signed token for the ServiceAccount (Kubernetes' TokenREST). The
    /// request is defaulted (`expirationSeconds` 3600, the API server's audience) and validated (at least 600 and at
    /// most 2^32 seconds); a `boundObjectRef` must name an existing Pod (running as this account), Secret or Node,
    /// with its uid when one is given. A node may ask only for a token bound to a pod scheduled on it, with the
    /// pod's uid (Kubernetes' NodeRestriction). The answer is the TokenRequest with its status; nothing is stored.
    func createToken(namespace: String, _ request: Request, peer: PeerIdentity) throws -> JSONValue {
        let name = try name(of: request)
        var tokenRequest: TokenRequest
        // The status is the server's to write (kubectl sends an empty one).
        var body = request.object ?? [:]
        body["status"] = nil
        do {
            tokenRequest = try body.decode(as: TokenRequest.self)
        } catch {
            throw Status.badRequest("the TokenRequest does not decode: \(error)")
        }
        let seconds = tokenRequest.spec.expirationSeconds ?? TokenRequest.defaultExpirationSeconds
        tokenRequest.spec.expirationSeconds = seconds
        var errors: [FieldError] = []
        if seconds < TokenRequest.minimumExpirationSeconds {
            errors.append(.invalid("spec.expirationSeconds", String(seconds), "may not specify a duration less than 10 minutes"))
        }
        if seconds > 1 << 32 {
            errors.append(.invalid("spec.expirationSeconds", String(seconds), "may not specify a duration larger than 2^32 seconds"))
        }
        guard errors.isEmpty else { throw Self.invalidTokenRequest(name: name, errors: errors) }
        let account = try typedObject(ServiceAccount.self, namespace: namespace, name: name)
        guard let account, account.metadata.deletionTimestamp == nil else {
            throw Status.notFound(.serviceAccount, name: name)
        }
        if let node = peer.nodeName, peer.organizations.contains(PeerIdentity.nodesOrganization), !peer.isAdmin {
            try restrictNodeToken(tokenRequest.spec.boundObjectRef, namespace: namespace, account: name, node: node)
        }
        var audiences = tokenRequest.spec.audiences ?? []
        if audiences.isEmpty { audiences = [ServiceAccountTokenClaims.issuer] }
        tokenRequest.spec.audiences = audiences
        let binding = try tokenBinding(tokenRequest.spec.boundObjectRef, namespace: namespace, serviceAccount: name)
        var validity = seconds
        var warnAfter: Int64?
        if binding.pod != nil, seconds == ServiceAccountTokenClaims.extendedRequestSeconds,
            audiences == [ServiceAccountTokenClaims.issuer]
        {
            warnAfter = seconds
            validity = ServiceAccountTokenClaims.extendedSeconds
        }
        let issuedAt = now()
        let claims = ServiceAccountTokenClaims.bound(
            namespace: namespace,
            serviceAccount: .init(name: name, uid: account.metadata.uid ?? ""), audiences: audiences, now: issuedAt,
            seconds: validity, id: UUID().uuidString.lowercased(), pod: binding.pod, node: binding.node,
            secret: binding.secret, warnAfter: warnAfter)
        let token = try tokenSigner.sign(claims.json)
        tokenRequest.apiVersion = TokenRequest.apiVersion
        tokenRequest.kind = "TokenRequest"
        tokenRequest.metadata = ObjectMeta(name: name, namespace: namespace)
        tokenRequest.status = TokenRequestStatus(
            token: token, expirationTimestamp: Timestamp.format(issuedAt.addingTimeInterval(Double(seconds))))
        var answer = try JSONValue(encoding: tokenRequest)
        // As Kubernetes encodes it (Go fields without omitempty): the request is not an object the server keeps.
        answer[path: ["metadata", "creationTimestamp"]] = .null
        if tokenRequest.spec.boundObjectRef == nil { answer[path: ["spec", "boundObjectRef"]] = .null }
        return answer
    }

    /// NodeRestriction for a node's TokenRequest: bound (`v1` `Pod`, with its uid) to a pod scheduled on `node`.
    private func restrictNodeToken(
        _ reference: BoundObjectReference?, namespace: String, account: String, node: String
    ) throws {
        func forbidden(_ why: String) -> Status { .forbidden("serviceaccounts \"\(account)\" is forbidden: \(why)") }
        guard let reference, reference.apiVersion == "v1", reference.kind == "Pod", let podName = reference.name,
            !podName.isEmpty
        else { throw forbidden("node requested token not bound to a pod") }
        guard let uid = reference.uid, !uid.isEmpty else {
            throw forbidden("node requested token with a pod binding without a uid")
        }
        guard let pod = try typedObject(Pod.self, namespace: namespace, name: podName) else {
            throw Status.notFound(.pod, name: podName)
        }
        guard pod.metadata.uid == uid else {
            throw forbidden(
                "the UID in the bound object reference (\(uid)) does not match the UID in record. The object might "
                    + "have been deleted and then recreated")
        }
        guard pod.spec.nodeName == node else {
            throw forbidden("node requested token bound to a pod scheduled on a different node")
        }
    }

    /// What a token is bound to (all nil: nothing).
    struct TokenBinding {
        var pod: ServiceAccountTokenClaims.Reference?
        var node: ServiceAccountTokenClaims.Reference?
        var secret: ServiceAccountTokenClaims.Reference?
    }

    /// Resolves a `boundObjectRef` against the store, with Kubernetes' errors.
    private func tokenBinding(
        _ reference: BoundObjectReference?, namespace: String, serviceAccount: String
    ) throws -> TokenBinding {
        guard let reference else { return TokenBinding() }
        let kind = reference.kind ?? ""
        let apiVersion = reference.apiVersion ?? ""
        let name = reference.name ?? ""
        var binding = TokenBinding()
        let uid: String
        switch (apiVersion, kind) {
        case ("v1", "Pod"), ("", "Pod"):
            guard let pod = try typedObject(Pod.self, namespace: namespace, name: name) else {
                throw Status.notFound(.pod, name: name)
            }
            if pod.spec.serviceAccountName ?? "default" != serviceAccount {
                throw Status.badRequest(
                    "cannot bind token for serviceaccount \"\(serviceAccount)\" to pod running with different serviceaccount name.")
            }
            uid = pod.metadata.uid ?? ""
            binding.pod = .init(name: name, uid: uid)
            if let nodeName = pod.spec.nodeName, !nodeName.isEmpty,
                let node = try typedObject(Node.self, namespace: nil, name: nodeName)
            {
                binding.node = .init(name: nodeName, uid: node.metadata.uid ?? "")
            }
        case ("v1", "Secret"), ("", "Secret"):
            guard let secret = try typedObject(Secret.self, namespace: namespace, name: name) else {
                throw Status.notFound(.secret, name: name)
            }
            uid = secret.metadata.uid ?? ""
            binding.secret = .init(name: name, uid: uid)
        case ("v1", "Node"), ("", "Node"):
            guard let node = try typedObject(Node.self, namespace: nil, name: name) else {
                throw Status.notFound(.node, name: name)
            }
            uid = node.metadata.uid ?? ""
            binding.node = .init(name: name, uid: uid)
        default:
            let group = apiVersion.contains("/") ? apiVersion : "/\(apiVersion)"
            throw Status.badRequest("cannot bind token to object of type \(group), Kind=\(kind)")
        }
        if let expected = reference.uid, !expected.isEmpty, expected != uid {
            throw Status(
                code: 409, reason: .conflict,
                message: "Operation cannot be fulfilled on \(kind) \"\(name)\": the UID in the bound object reference "
                    + "(\(expected)) does not match the UID in record. The object might have been deleted and then "
                    + "recreated")
        }
        return binding
    }

    /// The identity a bearer token stands for: a token this control plane signed, for its audience, not expired,
    /// whose ServiceAccount still exists with the same uid, and whose bound Pod, Secret or Node still exists (a
    /// legacy token: whose Secret still holds it). Anything else is 401 Unauthorized, as Kubernetes answers.
    func authenticate(bearerToken: String) async throws -> PeerIdentity {
        let unauthorized = Status(code: 401, reason: .unauthorized, message: "Unauthorized")
        guard let json = tokenSigner.verify(bearerToken), let claims = ServiceAccountTokenClaims(json: json) else {
            throw unauthorized
        }
        let at = now()
        do {
            try claims.check(now: at)
        } catch {
            logger.debug("bearer token refused", metadata: ["reason": "\(error)", "user": "\(claims.subject)"])
            throw unauthorized
        }
        let namespace = claims.namespace
        guard let account = try typedObject(ServiceAccount.self, namespace: namespace, name: claims.serviceAccount.name),
            account.metadata.uid == claims.serviceAccount.uid, account.metadata.deletionTimestamp == nil
        else { throw unauthorized }
        if let secretName = claims.legacySecretName {
            guard let secret = try typedObject(Secret.self, namespace: namespace, name: secretName),
                secret.type == ServiceAccount.tokenSecretType,
                secret.metadata.annotations?[ServiceAccount.nameAnnotation] == claims.serviceAccount.name,
                let stored = secret.data?["token"].flatMap({ Data(base64Encoded: $0) }),
                String(decoding: stored, as: UTF8.self) == bearerToken
            else { throw unauthorized }
        }
        if let pod = claims.pod {
            guard let stored = try typedObject(Pod.self, namespace: namespace, name: pod.name),
                stored.metadata.uid == pod.uid, !Self.deleted(stored.metadata, before: at)
            else { throw unauthorized }
        } else if let node = claims.node {
            guard let stored = try typedObject(Node.self, namespace: nil, name: node.name), stored.metadata.uid == node.uid
            else { throw unauthorized }
        }
        if let secret = claims.secret {
            guard let stored = try typedObject(Secret.self, namespace: namespace, name: secret.name),
                stored.metadata.uid == secret.uid, !Self.deleted(stored.metadata, before: at)
            else { throw unauthorized }
        }
        return PeerIdentity(commonName: claims.subject, organizations: ServiceAccount.groups(namespace: namespace))
    }

    /// Whether an object's deletion took effect before `time` (a pod in its grace period still counts until then).
    private static func deleted(_ metadata: ObjectMeta, before time: Date) -> Bool {
        guard let text = metadata.deletionTimestamp, let date = Timestamp.parse(text) else { return false }
        return date < time
    }

    /// A stored object, decoded; nil when there is none.
    func typedObject<R: APIResource>(_ type: R.Type, namespace: String?, name: String) throws -> R? {
        let key = ObjectKey(kind: R.resourceKind.kind, namespace: namespace ?? "", name: name)
        return try store.get(key).map { try $0.decode(as: R.self) }
    }
}
