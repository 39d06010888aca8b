import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// The real kubectl (1.32, through the machines' dispatcher) against the in-process HTTPS front door
/// (``RESTFixture``), with a kubeconfig of three users: the admin, a node, and one without a client certificate (a
/// bearer token the server does not take; with no credentials at all kubectl would prompt for a user name).
/// What kubectl prints is checked: field validation (`--validate`), 401, 403, and `auth can-i --list`.
@Suite(.serialized, .enabled(if: kubectlForRESTTests != nil, "no kubectl on PATH"))
struct RESTKubectlTests {
    /// Writes the kubeconfig and runs kubectl as `user` (`admin`, `node`, `nobody`).
    private static func kubectl(
        _ fixture: RESTFixture, as user: String = "admin", _ arguments: [String], stdin: String? = nil
    ) async throws -> CommandResult {
        let config = fixture.file("kubeconfig")
        if !FileManager.default.fileExists(atPath: config) {
            _ = try fixture.nodeCredentials("n1")
            let text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:\(fixture.port)", certificate-authority: "\(fixture.file("ca.crt"))"}
                users:
                - name: admin
                  user: {client-certificate: "\(fixture.file("admin.crt"))", client-key: "\(fixture.file("admin.key"))"}
                - name: node
                  user: {client-certificate: "\(fixture.file("n1.crt"))", client-key: "\(fixture.file("n1.key"))"}
                - name: nobody
                  user: {token: not-a-credential}
                contexts:
                - {name: admin, context: {cluster: c, user: admin, namespace: default}}
                - {name: node, context: {cluster: c, user: node, namespace: default}}
                - {name: nobody, context: {cluster: c, user: nobody, namespace: default}}
                current-context: admin
                """
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        }
        return try await runCommand(
            try #require(kubectlForRESTTests),
            ["--kubeconfig", config, "--context", user, "--cache-dir", fixture.file("cache")] + arguments,
            stdin: stdin, environment: ["HOME": fixture.directory.path, "KUBECONFIG": ""], timeout: .seconds(60))
    }

    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: NAME
        spec:
          foo: 1
          containers:
          - name: c
            image: busybox:1.36
        """

    private static func write(_ fixture: RESTFixture, _ name: String) throws -> String {
        let path = fixture.file("\(name).yaml")
        try manifest.replacingOccurrences(of: "NAME", with: name).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func validate_strictRefuses_warnWarns_falseIsSilent() async throws {
        try await RESTFixture.with { fixture in
            let strict = try await Self.kubectl(fixture, ["create", "-f", try Self.write(fixture, "strict")])
            #expect(strict.status == 1, "\(strict)")
            #expect(strict.stderr == """
                Error from server (BadRequest): error when creating "\(fixture.file("strict.yaml"))": Pod in version "v1" \
                cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"

                """, "\(strict)")
            let warned = try await Self.kubectl(fixture, ["create", "--validate=warn", "-f", try Self.write(fixture, "warned")])
            #expect(warned.status == 0, "\(warned)")
            #expect(warned.stderr == "Warning: unknown field \"spec.foo\"\n", "\(warned)")
            #expect(warned.stdout == "pod/warned created\n", "\(warned)")
            let silent = try await Self.kubectl(fixture, ["create", "--validate=false", "-f", try Self.write(fixture, "silent")])
            #expect(silent.status == 0 && silent.stderr.isEmpty, "\(silent)")
            #expect(try fixture.api.store.get(ObjectKey(kind: "Pod", namespace: "default", name: "strict")) == nil)
        }
    }

    @Test func noCertificate_isUnauthorized_andANodeDoingAdminWork_isForbidden() async throws {
        try await RESTFixture.with { fixture in
            let nobody = try await Self.kubectl(fixture, as: "nobody", ["get", "pods"])
            #expect(nobody.status == 1, "\(nobody)")
            // As against Kubernetes: discovery's 401 first (logged), then kubectl's verdict.
            #expect(nobody.stderr.hasSuffix(
                "error: You must be logged in to the server (the server has asked for the client to provide credentials)\n"),
                "\(nobody)")
            let node = try await Self.kubectl(fixture, as: "node", ["create", "namespace", "x"])
            #expect(node.status == 1, "\(node)")
            #expect(node.stderr == """
                Error from server (Forbidden): namespaces is forbidden: User "system:node:n1" cannot create resource \
                "namespaces" in API group "" at the cluster scope

                """, "\(node)")
        }
    }

    @Test func getInChunks_followsTheContinueTokens() async throws {
        try await RESTFixture.with { fixture in
            for name in ["c1", "c2", "c3"] {
                let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"}}"#
                _ = try await fixture.curl(
                    "/api/v1/namespaces/default/configmaps", ["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body])
            }
            let listed = try await Self.kubectl(fixture, ["get", "configmaps", "--chunk-size=1", "-o", "name"])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout == "configmap/c1\nconfigmap/c2\nconfigmap/c3\n", "\(listed)")
            let table = try await Self.kubectl(fixture, ["get", "configmaps", "--chunk-size=2"])
            #expect(table.stdout.split(separator: "\n").map { $0.prefix(2) } == ["NA", "c1", "c2", "c3"], "\(table)")
        }
    }

    static let basicRules = """
        selfsubjectreviews.authentication.k8s.io        []                  []               [create]
        selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
        selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
                                                        [/api/*]            []               [get]
                                                        [/api]              []               [get]
                                                        [/apis/*]           []               [get]
                                                        [/apis]             []               [get]
                                                        [/healthz]          []               [get]
                                                        [/healthz]          []               [get]
                                                        [/livez]            []               [get]
                                                        [/livez]            []               [get]
                                                        [/openapi/*]        []               [get]
                                                        [/openapi]          []               [get]
                                                        [/readyz]           []               [get]
                                                        [/readyz]           []               [get]
                                                        [/version/]         []               [get]
                                                        [/version/]         []               [get]
                                                        [/version]          []               [get]
                                                        [/version]          []               [get]

        """

    @Test func authCanIList_printsTheAdminsAndANodesRules_asAgainstKubernetes() async throws {
        try await RESTFixture.with { fixture in
            let admin = try await Self.kubectl(fixture, ["auth", "can-i", "--list"])
            #expect(admin.status == 0, "\(admin)")
            #expect(admin.stderr.isEmpty, "\(admin)")
            #expect(admin.stdout == """
                Resources                                       Non-Resource URLs   Resource Names   Verbs
                *.*                                             []                  []               [*]
                                                                [*]                 []               [*]

                """ + Self.basicRules, "\(admin.stdout)")
            let node = try await Self.kubectl(fixture, as: "node", ["auth", "can-i", "--list"])
            #expect(node.status == 0, "\(node)")
            #expect(node.stderr == "Warning: the list may be incomplete: node authorizer does not support user rule resolution\n", "\(node)")
            #expect(node.stdout == """
                Resources                                       Non-Resource URLs   Resource Names   Verbs

                """ + Self.basicRules, "\(node.stdout)")
        }
    }
}

/// The kubectl on PATH (the dispatcher on these machines), if any.
let kubectlForRESTTests: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":")
    .map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
