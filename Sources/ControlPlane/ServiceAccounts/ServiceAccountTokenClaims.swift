import Foundation
import KubeAPI

/// The claims of a ServiceAccount token, as Kubernetes writes them. Pure: times are parameters.
///
/// - A bound token (TokenRequest, projected volumes): `iss`, `sub`, `aud`, `exp`, `iat`, `nbf`, `jti` and a
///   `kubernetes.io` object with `namespace`, `serviceaccount{name,uid}`, and `pod{name,uid}` (plus `node`) or
///   `secret{name,uid}` when bound to one; `warnafter` when the validity was extended.
/// - A legacy token (a `kubernetes.io/service-account-token` Secret): issuer `kubernetes/serviceaccount`, no expiry,
///   and the flat `kubernetes.io/serviceaccount/...` claims naming the namespace, the Secret and the account.
struct ServiceAccountTokenClaims: Sendable, Equatable {
    /// A named object with its uid (`pod`, `secret`, `node`, `serviceaccount` in the claims).
    struct Reference: Sendable, Equatable {
        var name: String
        var uid: String
    }

    /// The issuer of bound tokens, and the audience the API server accepts (kubeadm's and kind's default).
    static let issuer = "https://kubernetes.default.svc.cluster.local"
    /// The issuer of legacy Secret tokens.
    static let legacyIssuer = "kubernetes/serviceaccount"
    /// How far `exp` and `nbf` may be off (go-jose's default leeway, which Kubernetes' validator uses).
    static let leewaySeconds: Int64 = 60
    /// A projected token asking for exactly this validity (the kubelet's default) bound to a pod gets a year, with
    /// `warnafter` at the asked time (`--service-account-extend-token-expiration`, on by default).
    static let extendedRequestSeconds: Int64 = 3607
    /// The extended validity: one year.
    static let extendedSeconds: Int64 = 365 * 24 * 3600

    var issuer: String
    var audiences: [String]
    var namespace: String
    var serviceAccount: Reference
    /// nil for legacy tokens.
    var issuedAt: Int64?
    var notBefore: Int64?
    var expiry: Int64?
    var id: String?
    var pod: Reference?
    var node: Reference?
    var secret: Reference?
    var warnAfter: Int64?
    /// Set for legacy tokens: the Secret that holds it.
    var legacySecretName: String?

    /// `system:serviceaccount:<namespace>:<name>`.
    var subject: String { ServiceAccount.userName(namespace: namespace, name: serviceAccount.name) }

    /// The claims of a bound token issued at `now`, valid for `seconds`.
    static func bound(
        namespace: String, serviceAccount: Reference, audiences: [String], now: Date, seconds: Int64, id: String,
        pod: Reference? = nil, node: Reference? = nil, secret: Reference? = nil, warnAfter: Int64? = nil
    ) -> ServiceAccountTokenClaims {
        let issued = Int64(now.timeIntervalSince1970.rounded(.down))
        return ServiceAccountTokenClaims(
            issuer: issuer, audiences: audiences, namespace: namespace, serviceAccount: serviceAccount,
            issuedAt: issued, notBefore: issued, expiry: issued + seconds, id: id, pod: pod, node: node, secret: secret,
            warnAfter: warnAfter.map { issued + $0 })
    }

    /// The claims of a legacy token kept in Secret `secretName`.
    static func legacy(namespace: String, serviceAccount: Reference, secretName: String) -> ServiceAccountTokenClaims {
        ServiceAccountTokenClaims(
            issuer: legacyIssuer, audiences: [], namespace: namespace, serviceAccount: serviceAccount,
            legacySecretName: secretName)
    }

    // MARK: - JSON

    static let legacyPrefix = "kubernetes.io/serviceaccount/"

    /// The claims as the token's payload.
    var json: JSONValue {
        var claims: [String: JSONValue] = ["iss": .string(issuer), "sub": .string(subject)]
        if let legacySecretName {
            claims[Self.legacyPrefix + "namespace"] = .string(namespace)
            claims[Self.legacyPrefix + "secret.name"] = .string(legacySecretName)
            claims[Self.legacyPrefix + "service-account.name"] = .string(serviceAccount.name)
            claims[Self.legacyPrefix + "service-account.uid"] = .string(serviceAccount.uid)
            return .object(claims)
        }
        claims["aud"] = .array(audiences.map(JSONValue.string))
        if let expiry { claims["exp"] = .int(expiry) }
        if let issuedAt { claims["iat"] = .int(issuedAt) }
        if let notBefore { claims["nbf"] = .int(notBefore) }
        if let id { claims["jti"] = .string(id) }
        func reference(_ r: Reference) -> JSONValue { ["name": .string(r.name), "uid": .string(r.uid)] }
        var privateClaims: [String: JSONValue] = [
            "namespace": .string(namespace), "serviceaccount": reference(serviceAccount),
        ]
        if let pod { privateClaims["pod"] = reference(pod) }
        if let node { privateClaims["node"] = reference(node) }
        if let secret { privateClaims["secret"] = reference(secret) }
        if let warnAfter { privateClaims["warnafter"] = .int(warnAfter) }
        claims["kubernetes.io"] = .object(privateClaims)
        return .object(claims)
    }

    static func reference(_ value: JSONValue?) -> Reference? {
        guard let name = value?["name"]?.stringValue, let uid = value?["uid"]?.stringValue else { return nil }
        return Reference(name: name, uid: uid)
    }

    // MARK: - Validation

    /// Why claims are not accepted by the API server.
    enum Rejection: Error, Equatable {
        case wrongIssuer
        case wrongAudience
        case expired
        case notYetValid
        case noExpiry
    }

    /// Checks what needs no stored objects: the issuer, that a bound token is for the API server (`apiAudiences`)
    /// and valid at `now` (within ``leewaySeconds``). Legacy tokens never expire.
    func check(now: Date, apiAudiences: [String] = [Self.issuer]) throws(Rejection) {
        if legacySecretName != nil {
            guard issuer == Self.legacyIssuer else { throw .wrongIssuer }
            return
        }
        guard issuer == Self.issuer else { throw .wrongIssuer }
        guard audiences.contains(where: apiAudiences.contains) else { throw .wrongAudience }
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        guard let expiry else { throw .noExpiry }
        if seconds > expiry + Self.leewaySeconds { throw .expired }
        if let notBefore, seconds + Self.leewaySeconds < notBefore { throw .notYetValid }
    }
}

extension ServiceAccountTokenClaims {
    /// Reads the claims of a bound or legacy token; nil when they are not a ServiceAccount token's.
    init?(json: JSONValue) {
        guard let issuer = json["iss"]?.stringValue else { return nil }
        if issuer == Self.legacyIssuer {
            let p = Self.legacyPrefix
            guard let namespace = json[p + "namespace"]?.stringValue, let secret = json[p + "secret.name"]?.stringValue,
                let name = json[p + "service-account.name"]?.stringValue,
                let uid = json[p + "service-account.uid"]?.stringValue
            else { return nil }
            self = .legacy(namespace: namespace, serviceAccount: Reference(name: name, uid: uid), secretName: secret)
            return
        }
        guard let privateClaims = json["kubernetes.io"], let namespace = privateClaims["namespace"]?.stringValue,
            let serviceAccount = Self.reference(privateClaims["serviceaccount"])
        else { return nil }
        let audiences: [String]
        switch json["aud"] {
        case .string(let one)?: audiences = [one]
        case .array(let list)?: audiences = list.compactMap(\.stringValue)
        default: audiences = []
        }
        self.init(
            issuer: issuer, audiences: audiences, namespace: namespace, serviceAccount: serviceAccount,
            issuedAt: json["iat"]?.intValue, notBefore: json["nbf"]?.intValue, expiry: json["exp"]?.intValue,
            id: json["jti"]?.stringValue, pod: Self.reference(privateClaims["pod"]), node: Self.reference(privateClaims["node"]),
            secret: Self.reference(privateClaims["secret"]), warnAfter: privateClaims["warnafter"]?.intValue)
    }
}
