import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// The pure parts of `kctl config`: the get-contexts table, set-context's choice of context, view's rendering.
@Suite struct ConfigCommandTests {
    static let document = try! KubeconfigDocument(
        yaml: """
            current-context: kcluster-a
            contexts:
            - name: kcluster-b
              context: {cluster: kcluster-b, user: kcluster-b-admin, namespace: kube-system}
            - name: kcluster-a
              context: {cluster: kcluster-a, user: kcluster-a-admin}
            clusters:
            - name: kcluster-a
              cluster: {server: "wire://127.0.0.1:6443", certificate-authority-data: Q0E=}
            users:
            - name: kcluster-a-admin
              user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
            """)

    @Test func getContexts_isKubectlsTable() {
        // kubectl 1.32's bytes: the current context starred, an empty last cell leaving the padding in place.
        let (table, missing) = ConfigContextsTable.render(Self.document, names: [], nameOnly: false)
        #expect(
            table == """
                CURRENT   NAME         CLUSTER      AUTHINFO           NAMESPACE
                *         kcluster-a   kcluster-a   kcluster-a-admin   \("")
                          kcluster-b   kcluster-b   kcluster-b-admin   kube-system

                """)
        #expect(missing.isEmpty)
        let (noHeaders, _) = ConfigContextsTable.render(Self.document, names: [], nameOnly: false, headers: false)
        #expect(noHeaders.hasPrefix("*     kcluster-a   "))
    }

    @Test func getContexts_namesSortedWhateverTheOrder_andMissingOnesReported() {
        let (names, missing) = ConfigContextsTable.render(
            Self.document, names: ["kcluster-b", "nope", "kcluster-a"], nameOnly: true)
        #expect(names == "kcluster-a\nkcluster-b\n")
        #expect(missing == ["nope"])
        let (header, _) = ConfigContextsTable.render(KubeconfigDocument(), names: [], nameOnly: false)
        #expect(header == "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n")
        let error = ConfigContextsTable.missingError(["a", "b"])
        #expect(error.map(KubectlErrors.checkErr) == "context a not found\ncontext b not found")
        #expect(ConfigContextsTable.missingError(["a"]).map(KubectlErrors.checkErr) == "error: context a not found")
        #expect(ConfigContextsTable.missingError([]) == nil)
    }

    @Test func setContext_choosesTheNamedOrTheCurrentContext() throws {
        #expect(try ConfigSetContext.contextName(argument: "x", current: false, document: Self.document) == "x")
        #expect(try ConfigSetContext.contextName(argument: nil, current: true, document: Self.document) == "kcluster-a")
        #expect(throws: MessageError("you must specify a non-empty context name or --current")) {
            try ConfigSetContext.contextName(argument: nil, current: false, document: Self.document)
        }
        #expect(throws: MessageError("no current context is set")) {
            try ConfigSetContext.contextName(argument: nil, current: true, document: KubeconfigDocument())
        }
        #expect(throws: MessageError("you cannot specify both a context name and --current")) {
            try ConfigSetContext.contextName(argument: "x", current: true, document: Self.document)
        }
    }

    @Test func view_minifiesRedactsAndRejectsOtherFormats() throws {
        let text = try ConfigView.render(Self.document, minify: true, context: nil, raw: false, output: "yaml")
        #expect(text.contains("certificate-authority-data: DATA+OMITTED") && !text.contains("kcluster-b"))
        let raw = try ConfigView.render(Self.document, minify: false, context: nil, raw: true, output: "json")
        #expect(raw.contains("\"certificate-authority-data\": \"Q0E=\""))
        #expect(
            throws: MessageError(
                "unable to match a printer suitable for the output format \"wide\", allowed formats are: json,yaml")
        ) {
            try ConfigView.render(Self.document, minify: false, context: nil, raw: false, output: "wide")
        }
    }

    @Test func kubeconfigFile_namesThePathAsGiven() {
        let flag = KubeconfigFile.locate(explicit: "cfg", environment: ["HOME": "/h"])
        #expect(flag.displayPath == "cfg" && flag.url.path.hasSuffix("/cfg"))
        let environment = KubeconfigFile.locate(explicit: nil, environment: ["HOME": "/h", "KUBECONFIG": "a:b"])
        #expect(environment.displayPath == "a")
        let home = KubeconfigFile.locate(explicit: nil, environment: ["HOME": "/h"])
        #expect(home.displayPath == "/h/.kctl/config")
    }

    @Test func options_listsTheGlobalFlagsAsKubectlOptionsDoes() {
        #expect(
            Options.text.hasPrefix(
                """
                The following options can be passed to any command that talks to the control plane:

                    --as='':
                \tThe user to run the request as (impersonation): a user name, or system:serviceaccount:NAMESPACE:NAME \
                for a service account.

                    --as-group=[]:
                \tA group to run the request as (impersonation); repeat the flag for several groups.

                    --context='':
                \tThe name of the kubeconfig context to use.

                """), "\(Options.text)")
        #expect(Options.text.contains("    -n, --namespace='':\n\t") && Options.text.hasSuffix("\n"))
        #expect(Options.text.contains("    --request-timeout='30s':\n"))
    }

    @Test func completion_scriptsForKnownShells_kubectlsErrorsOtherwise() throws {
        #expect(try Completion.script(for: "bash").contains("complete -o filenames -F _kctl kctl"))
        #expect(try Completion.script(for: "zsh").hasPrefix("#compdef kctl"))
        #expect(throws: MessageError("Shell not specified.\nSee 'kctl completion -h' for help and examples")) {
            try Completion.script(for: nil)
        }
        #expect(
            throws: MessageError("Unsupported shell type \"tcsh\".\nSee 'kctl completion -h' for help and examples")
        ) {
            try Completion.script(for: "tcsh")
        }
    }
}
