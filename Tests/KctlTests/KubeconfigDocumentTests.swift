import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl config`'s view of a kubeconfig: kubectl's serialisation, redaction, minify and context edits, with the
/// expected texts taken from kubectl 1.32 run on the same files.
@Suite struct KubeconfigDocumentTests {
    /// Two contexts, the second with a namespace; written out of kubectl's order on purpose.
    static let twoContexts = """
        kind: Config
        apiVersion: v1
        current-context: kcluster-a
        users:
        - name: kcluster-b-admin
          user: {client-certificate-data: Q0VSVEI=, client-key-data: S0VZQg==}
        - name: kcluster-a-admin
          user: {client-certificate-data: Q0VSVEE=, client-key-data: S0VZQQ==}
        clusters:
        - name: kcluster-a
          cluster: {server: "wire://127.0.0.1:6443", certificate-authority-data: Q0FEQVRB}
        - name: kcluster-b
          cluster: {server: "wire://127.0.0.1:7443", certificate-authority-data: Q0FEQVRC}
        contexts:
        - name: kcluster-b
          context: {cluster: kcluster-b, user: kcluster-b-admin, namespace: kube-system}
        - name: kcluster-a
          context: {cluster: kcluster-a, user: kcluster-a-admin}
        """

    @Test func view_isKubectlsSerialisation_withSecretsOmitted() throws {
        let document = try KubeconfigDocument(yaml: Self.twoContexts)
        #expect(
            document.redacted().yaml == """
                apiVersion: v1
                clusters:
                - cluster:
                    certificate-authority-data: DATA+OMITTED
                    server: wire://127.0.0.1:6443
                  name: kcluster-a
                - cluster:
                    certificate-authority-data: DATA+OMITTED
                    server: wire://127.0.0.1:7443
                  name: kcluster-b
                contexts:
                - context:
                    cluster: kcluster-a
                    user: kcluster-a-admin
                  name: kcluster-a
                - context:
                    cluster: kcluster-b
                    namespace: kube-system
                    user: kcluster-b-admin
                  name: kcluster-b
                current-context: kcluster-a
                kind: Config
                preferences: {}
                users:
                - name: kcluster-a-admin
                  user:
                    client-certificate-data: DATA+OMITTED
                    client-key-data: DATA+OMITTED
                - name: kcluster-b-admin
                  user:
                    client-certificate-data: DATA+OMITTED
                    client-key-data: DATA+OMITTED

                """)
        #expect(document.yaml.contains("client-key-data: S0VZQQ=="))
        #expect(document.contexts.map(\.name) == ["kcluster-a", "kcluster-b"])
        #expect(document.context(named: "kcluster-b")?.namespace == "kube-system")
    }

    @Test func emptyConfig_printsAsKubectlPrintsAMissingFile() throws {
        let expected = """
            apiVersion: v1
            clusters: null
            contexts: null
            current-context: ""
            kind: Config
            preferences: {}
            users: null

            """
        #expect(KubeconfigDocument().yaml == expected)
        #expect(try KubeconfigDocument(yaml: "# nothing\n").yaml == expected)
    }

    @Test func fieldsKctlDoesNotUse_survive_andTokensAreRedacted() throws {
        let document = try KubeconfigDocument(
            yaml: """
                users:
                - name: u
                  user: {token: abc, password: secret, username: bob, exec: {command: foo}}
                clusters:
                - name: x
                  cluster: {server: "https://1.2.3.4", insecure-skip-tls-verify: true}
                """)
        let redacted = document.redacted().yaml
        #expect(redacted.contains("    token: REDACTED\n") && redacted.contains("    password: REDACTED\n"))
        #expect(redacted.contains("    username: bob\n") && redacted.contains("      command: foo\n"))
        #expect(redacted.contains("    insecure-skip-tls-verify: true\n"))
        #expect(document.yaml.contains("    token: abc\n"))
    }

    @Test func minify_keepsTheChosenContextWithItsClusterAndUser() throws {
        let document = try KubeconfigDocument(yaml: Self.twoContexts)
        let minified = try document.minified(context: "kcluster-b")
        #expect(minified.currentContext == "kcluster-b")
        #expect(minified.names(.clusters) == ["kcluster-b"] && minified.names(.users) == ["kcluster-b-admin"])
        #expect(minified.contexts.map(\.name) == ["kcluster-b"])
        #expect(try document.minified().names(.clusters) == ["kcluster-a"])
        #expect(throws: KubeconfigError.minify("current-context must exist in order to minify")) {
            try KubeconfigDocument().minified()
        }
        #expect(throws: KubeconfigError.minify("cannot locate context nope")) {
            try document.minified(context: "nope")
        }
    }

    @Test func setAndDeleteContext_asKubectlDoes() throws {
        var document = try KubeconfigDocument(yaml: Self.twoContexts)
        let modified = document.setContext("kcluster-a", cluster: nil, user: nil, namespace: "bar")
        #expect(!modified)
        #expect(document.context(named: "kcluster-a")?.namespace == "bar")
        let created = document.setContext("new", cluster: nil, user: nil, namespace: "x")
        #expect(created)
        #expect(
            document.yaml.contains("- context:\n    cluster: \"\"\n    namespace: x\n    user: \"\"\n  name: new\n"))
        document.setCurrentContext("new")
        #expect(document.currentContext == "new")
        let deleted = document.deleteContext("kcluster-a")
        let deletedAgain = document.deleteContext("kcluster-a")
        #expect(deleted && !deletedAgain)
        // Only the context goes: its cluster and user stay, as with kubectl.
        #expect(document.names(.clusters) == ["kcluster-a", "kcluster-b"])
        #expect(document.names(.users) == ["kcluster-a-admin", "kcluster-b-admin"])
        document.setContext("kcluster-b", cluster: nil, user: nil, namespace: "")
        #expect(document.context(named: "kcluster-b")?.namespace == "")
    }
}
