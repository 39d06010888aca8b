import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The ServiceAccount controller, the root-CA publisher and the legacy token controller, driven against a real API
/// server (``ControllerHarness``).
@Suite struct ServiceAccountControllersTests {
    static let caPEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    let harness: ControllerHarness

    init() throws {
        harness = try ControllerHarness()
    }

    func createNamespace(_ name: String) async throws {
        try await harness.client.create(Namespace(metadata: ObjectMeta(name: name)), namespace: nil)
    }

    @Test func everyNamespace_getsADefaultServiceAccount_evenLaterOnes_andItComesBack() async throws {
        let controller = ServiceAccountController(client: harness.client)
        try await harness.run(controller)
        for namespace in APIServer.builtInNamespaces {
            #expect(try await harness.get(ServiceAccount.self, "default", namespace: namespace) != nil, "\(namespace)")
        }
        try await harness.run(controller, after: { try await createNamespace("team") })
        let created = try #require(try await harness.get(ServiceAccount.self, "default", namespace: "team"))
        #expect(created.secrets == nil && created.automountServiceAccountToken == nil)

        try await harness.run(controller, after: {
            try await harness.client.delete(.serviceAccount, namespace: "team", name: "default")
        })
        let again = try #require(try await harness.get(ServiceAccount.self, "default", namespace: "team"))
        #expect(again.metadata.uid != created.metadata.uid)
        // Another account's change wakes nothing.
        let run = try await harness.run(controller, after: {
            try await harness.client.create(
                ServiceAccount(metadata: ObjectMeta(name: "robot", namespace: "team")), namespace: "team")
        })
        #expect(run.synced.isEmpty)
    }

    @Test func everyNamespace_getsTheRootCA_andEditsAreUndone() async throws {
        let controller = RootCAPublisherController(client: harness.client, caPEM: Self.caPEM)
        try await harness.run(controller, after: { try await createNamespace("team") })
        try await harness.run(controller)
        for namespace in APIServer.builtInNamespaces + ["team"] {
            let configMap = try #require(try await harness.get(ConfigMap.self, "kube-root-ca.crt", namespace: namespace))
            #expect(configMap.data == ["ca.crt": Self.caPEM])
            #expect(configMap.metadata.annotations?["kubernetes.io/description"]?.hasPrefix("Contains a CA bundle") == true)
        }
        try await harness.run(controller, after: {
            var edited = try #require(try await harness.get(ConfigMap.self, "kube-root-ca.crt", namespace: "team"))
            edited.data = ["ca.crt": "tampered"]
            try await harness.client.update(edited)
        })
        #expect(try await harness.get(ConfigMap.self, "kube-root-ca.crt", namespace: "team")?.data == ["ca.crt": Self.caPEM])
        try await harness.run(controller, after: {
            try await harness.client.delete(.configMap, namespace: "team", name: "kube-root-ca.crt")
        })
        #expect(try await harness.get(ConfigMap.self, "kube-root-ca.crt", namespace: "team")?.data == ["ca.crt": Self.caPEM])
        // A second run writes nothing.
        let version = harness.api.store.resourceVersion
        try await harness.run(controller)
        #expect(harness.api.store.resourceVersion == version)
    }

    @Test func aTokenSecret_isFilled_authenticates_andGoesWithItsAccount() async throws {
        let controller = ServiceAccountTokenController(
            client: harness.client, signer: harness.api.tokenSigner, caPEM: Self.caPEM)
        var secret = Secret(
            metadata: ObjectMeta(name: "robot-token", namespace: "default"), type: ServiceAccount.tokenSecretType)
        secret.metadata.annotations = [ServiceAccount.nameAnnotation: "robot"]
        // Applied before its account: left alone until the account exists.
        try await harness.run(controller, after: { try await harness.client.create(secret, namespace: "default") })
        #expect(try await harness.get(Secret.self, "robot-token")?.data == nil)

        try await harness.run(controller, after: {
            try await harness.client.create(
                ServiceAccount(metadata: ObjectMeta(name: "robot", namespace: "default")), namespace: "default")
        })
        let account = try #require(try await harness.get(ServiceAccount.self, "robot"))
        let filled = try #require(try await harness.get(Secret.self, "robot-token"))
        #expect(filled.metadata.annotations?[ServiceAccount.uidAnnotation] == account.metadata.uid)
        let data = try #require(filled.data)
        #expect(data["ca.crt"] == Data(Self.caPEM.utf8).base64EncodedString())
        #expect(data["namespace"] == Data("default".utf8).base64EncodedString())
        let token = String(decoding: try #require(Data(base64Encoded: data["token"] ?? "")), as: UTF8.self)
        let identity = try await harness.api.authenticate(bearerToken: token)
        #expect(identity.commonName == "system:serviceaccount:default:robot")

        // The same token in another Secret, or after the Secret lost it, is refused.
        try await harness.run(controller, after: {
            var emptied = filled
            emptied.data?["token"] = Data("other".utf8).base64EncodedString()
            try await harness.client.update(emptied)
        })
        await #expect(throws: Status.self) { try await harness.api.authenticate(bearerToken: token) }

        // The account goes: so does its token Secret.
        try await harness.run(controller, after: {
            try await harness.client.delete(.serviceAccount, namespace: "default", name: "robot")
        })
        #expect(try await harness.get(Secret.self, "robot-token") == nil)
    }
}
