import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// ServiceAccount tokens without a server: the compact JWT form, ES256 signing and verification, the claims
/// Kubernetes writes, and their time and audience checks with time as a parameter.
@Suite struct ServiceAccountTokenTests {
    static let account = ServiceAccountTokenClaims.Reference(name: "robot", uid: "uid-robot")
    static let issued = Date(timeIntervalSince1970: 1_800_000_000)

    static func claims(seconds: Int64 = 3600, pod: ServiceAccountTokenClaims.Reference? = nil) -> ServiceAccountTokenClaims {
        .bound(namespace: "team", serviceAccount: account, audiences: [ServiceAccountTokenClaims.issuer], now: issued,
               seconds: seconds, id: "jti-1", pod: pod)
    }

    @Test func aSignedToken_verifies_andReadsBackItsClaims() throws {
        let signer = ServiceAccountTokenSigner.ephemeral()
        let token = try signer.sign(Self.claims().json)
        #expect(token.split(separator: ".").count == 3)
        let header = try JSONWebToken(compact: token).header
        #expect(header == ["alg": "ES256", "kid": .string(signer.keyID)])
        let claims = try #require(signer.verify(token))
        #expect(ServiceAccountTokenClaims(json: claims) == Self.claims())
    }

    @Test func aTamperedToken_orOneOfAnotherKey_orGarbage_doesNotVerify() throws {
        let signer = ServiceAccountTokenSigner.ephemeral()
        let token = try signer.sign(Self.claims().json)
        var parts = token.split(separator: ".").map(String.init)
        var forged = Self.claims()
        forged.serviceAccount = .init(name: "admin", uid: "uid-robot")
        parts[1] = JSONWebToken.base64URL(forged.json.canonicalJSON)
        #expect(signer.verify(parts.joined(separator: ".")) == nil)
        #expect(ServiceAccountTokenSigner.ephemeral().verify(token) == nil)
        #expect(signer.verify("not.a.token") == nil)
        #expect(signer.verify("") == nil)
        #expect(signer.verify(token + "x") == nil)
        // alg none with the same claims is refused.
        let none = JSONWebToken.base64URL(#"{"alg":"none"}"#.utf8) + "." + parts[1] + "."
        #expect(signer.verify(none) == nil)
    }

    @Test func boundClaims_areKubernetesShape() throws {
        let pod = ServiceAccountTokenClaims.Reference(name: "web-1", uid: "uid-pod")
        let json = Self.claims(pod: pod).json
        #expect(json["iss"] == "https://kubernetes.default.svc.cluster.local")
        #expect(json["sub"] == "system:serviceaccount:team:robot")
        #expect(json["aud"] == ["https://kubernetes.default.svc.cluster.local"])
        #expect(json["iat"] == .int(1_800_000_000) && json["nbf"] == .int(1_800_000_000))
        #expect(json["exp"] == .int(1_800_003_600))
        #expect(json["jti"] == "jti-1")
        #expect(json["kubernetes.io"] == [
            "namespace": "team", "serviceaccount": ["name": "robot", "uid": "uid-robot"],
            "pod": ["name": "web-1", "uid": "uid-pod"],
        ])
    }

    @Test func legacyClaims_areKubernetesShape_andNeverExpire() throws {
        let claims = ServiceAccountTokenClaims.legacy(namespace: "team", serviceAccount: Self.account, secretName: "robot-token")
        #expect(claims.json == [
            "iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:team:robot",
            "kubernetes.io/serviceaccount/namespace": "team",
            "kubernetes.io/serviceaccount/secret.name": "robot-token",
            "kubernetes.io/serviceaccount/service-account.name": "robot",
            "kubernetes.io/serviceaccount/service-account.uid": "uid-robot",
        ])
        #expect(ServiceAccountTokenClaims(json: claims.json) == claims)
        #expect(throws: Never.self) { try claims.check(now: Self.issued.addingTimeInterval(10 * 365 * 86400)) }
    }

    @Test func check_expiry_notBefore_audience_withAMinuteOfLeeway() throws {
        let claims = Self.claims()
        #expect(throws: Never.self) { try claims.check(now: Self.issued) }
        #expect(throws: Never.self) { try claims.check(now: Self.issued.addingTimeInterval(3600 + 60)) }
        #expect(throws: ServiceAccountTokenClaims.Rejection.expired) {
            try claims.check(now: Self.issued.addingTimeInterval(3600 + 61))
        }
        #expect(throws: Never.self) { try claims.check(now: Self.issued.addingTimeInterval(-60)) }
        #expect(throws: ServiceAccountTokenClaims.Rejection.notYetValid) {
            try claims.check(now: Self.issued.addingTimeInterval(-61))
        }
        var other = claims
        other.audiences = ["vault"]
        #expect(throws: ServiceAccountTokenClaims.Rejection.wrongAudience) { try other.check(now: Self.issued) }
        other = claims
        other.issuer = "someone-else"
        #expect(throws: ServiceAccountTokenClaims.Rejection.wrongIssuer) { try other.check(now: Self.issued) }
        other = claims
        other.expiry = nil
        #expect(throws: ServiceAccountTokenClaims.Rejection.noExpiry) { try other.check(now: Self.issued) }
        // A claim set that is not a ServiceAccount token's is not read.
        #expect(ServiceAccountTokenClaims(json: ["iss": "x", "sub": "y"]) == nil)
    }

    @Test func theKey_isKeptInTheDataDirectory_andSurvivesAReload() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sa-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ServiceAccountTokenSigner.loadOrCreate(dataDir: directory)
        let token = try first.sign(Self.claims().json)
        let second = try ServiceAccountTokenSigner.loadOrCreate(dataDir: directory)
        #expect(second.keyID == first.keyID)
        #expect(second.verify(token) != nil)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: directory.appendingPathComponent("sa.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func bearerHeaders_areReadAsKubernetesReadsThem() {
        #expect(RESTHandler.bearerToken("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(RESTHandler.bearerToken("bearer   abc") == "abc")
        #expect(RESTHandler.bearerToken("Basic dXNlcjpwdw==") == nil)
        #expect(RESTHandler.bearerToken("Bearer ") == nil)
        #expect(RESTHandler.bearerToken("Bearer") == nil)
    }

    @Test func userNames_parseBack() {
        #expect(ServiceAccount.userName(namespace: "team", name: "robot") == "system:serviceaccount:team:robot")
        let parsed = ServiceAccount.parseUserName("system:serviceaccount:team:robot")
        #expect(parsed?.namespace == "team" && parsed?.name == "robot")
        #expect(ServiceAccount.parseUserName("system:serviceaccount:team") == nil)
        #expect(ServiceAccount.parseUserName("kubernetes-admin") == nil)
        #expect(ServiceAccount.groups(namespace: "team")
            == ["system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated"])
    }
}
