import ArgumentParser
import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl describe serviceaccount` (kubectl's describeServiceAccount, text taken from kubectl 1.32 on the same
/// objects) and the TokenRequest `kctl create token` builds from its flags, with kubectl's validation messages.
@Suite struct ServiceAccountCommandsTests {
    static func parse(_ json: String) -> JSONValue { (try? JSONValue(jsonData: Data(json.utf8))) ?? .null }

    static let account = parse(#"""
        {"apiVersion":"v1","kind":"ServiceAccount",
         "metadata":{"name":"builder","namespace":"default","uid":"sa-uid","labels":{"team":"ci"},"annotations":{"note":"hello"}},
         "imagePullSecrets":[{"name":"regcred"},{"name":"missing-pull"}],
         "secrets":[{"name":"mounted"},{"name":"builder-token"}],"automountServiceAccountToken":false}
        """#)

    static let secrets = [
        parse(#"{"metadata":{"name":"regcred"},"type":"Opaque"}"#),
        parse(#"""
            {"metadata":{"name":"builder-token","annotations":{"kubernetes.io/service-account.name":"builder",
              "kubernetes.io/service-account.uid":"sa-uid"}},"type":"kubernetes.io/service-account-token"}
            """#),
        // Names the account but another uid (an earlier account of that name): not its token.
        parse(#"""
            {"metadata":{"name":"stale-token","annotations":{"kubernetes.io/service-account.name":"builder",
              "kubernetes.io/service-account.uid":"old-uid"}},"type":"kubernetes.io/service-account-token"}
            """#),
    ]

    @Test func describe_listsPullMountableAndTokenSecrets_markingTheMissing() {
        let text = ServiceAccountDescriber.describe(Self.account, secrets: Self.secrets, events: [], now: Date())
        #expect(text == """
            Name:                builder
            Namespace:           default
            Labels:              team=ci
            Annotations:         note: hello
            Image pull secrets:  regcred
                                 missing-pull (not found)
            Mountable secrets:   mounted (not found)
                                 builder-token
            Tokens:              builder-token
            Events:              <none>

            """)
    }

    @Test func describe_withoutSecretsOrTheirList_printsNone_andMarksNothingMissing() {
        let bare = Self.parse(#"{"metadata":{"name":"default","namespace":"team"}}"#)
        let text = ServiceAccountDescriber.describe(bare, secrets: [], events: nil, now: Date())
        #expect(text == """
            Name:                default
            Namespace:           team
            Labels:              <none>
            Annotations:         <none>
            Image pull secrets:  <none>
            Mountable secrets:   <none>
            Tokens:              <none>

            """)
        let unlisted = ServiceAccountDescriber.describe(Self.account, secrets: nil, events: nil, now: Date())
        #expect(!unlisted.contains("not found") && unlisted.contains("Tokens:              <none>"))
    }

    @Test func tokenRequest_fromTheFlags() throws {
        let plain = try CreateToken.tokenRequest(audiences: [], duration: "0s", boundKind: "", boundName: "", boundUID: "")
        #expect(plain == [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "metadata": [:],
            "spec": ["audiences": .null],
        ])
        let bound = try CreateToken.tokenRequest(
            audiences: ["vault", "api"], duration: "2h", boundKind: "Pod", boundName: "web", boundUID: "u1")
        #expect(bound["spec"] == [
            "audiences": ["vault", "api"], "expirationSeconds": 7200,
            "boundObjectRef": ["kind": "Pod", "apiVersion": "v1", "name": "web", "uid": "u1"],
        ])
    }

    @Test func tokenRequest_refusesWhatKubectlRefuses() {
        func message(_ audiences: [String] = [], _ duration: String = "0s", _ kind: String = "", _ name: String = "",
                     _ uid: String = "") -> String? {
            do {
                _ = try CreateToken.tokenRequest(
                    audiences: audiences, duration: duration, boundKind: kind, boundName: name, boundUID: uid)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message(["", "x"]) == "--audience must not be an empty string")
        #expect(message([], "1.5s") == "--duration cannot be expressed in units less than seconds")
        #expect(message([], "0s", "Pod") == "--bound-object-name is required if --bound-object-kind is provided")
        #expect(message([], "0s", "", "p") == "--bound-object-name can only be set if --bound-object-kind is provided")
        #expect(message([], "0s", "", "", "u") == "--bound-object-uid can only be set if --bound-object-kind is provided")
        #expect(message([], "0s", "Deployment", "d") == "supported --bound-object-kind values are Node, Pod, Secret")
    }
}
