import Foundation
import KubeAPI
import TestSupport
import Testing

/// ServiceAccounts and their tokens on a `kctl cluster create` cluster, with the real kubectl and with kctl: the
/// default account and kube-root-ca.crt in every namespace, `create serviceaccount`, `get`/`describe sa` as kubectl
/// prints them, `create token` (and its validation), the token as a bearer token (a kubeconfig user with `token:`,
/// and `--token`) authenticated as the account and authorized by RBAC (a fresh account may list nothing), a bad
/// token refused, a legacy token Secret filled by the token controller, and the token volume new pods get.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct ServiceAccountEndToEndTests {
    static let forbidden =
        #"Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:robot" cannot list resource "pods" in API group "" in the namespace "default""#

    /// A kubeconfig with the cluster of the current context and two users: `robot` (its `token`) and `empty`.
    static func tokenKubeconfig(_ kubectl: KubectlSession, token: String) async throws -> String {
        let server = try await kubectl("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")
        let ca = try await kubectl(
            "config", "view", "--minify", "--raw", "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}")
        return try kubectl.file(
            "robot.kubeconfig",
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: \(server.stdout)
                certificate-authority-data: \(ca.stdout)
            users:
            - name: robot
              user:
                token: \(token)
            - name: other
              user:
                tokenFile: \(kubectl.home.url.appendingPathComponent("token").path)
            contexts:
            - name: robot
              context: {cluster: c, user: robot}
            - name: other
              context: {cluster: c, user: other}
            current-context: robot

            """)
    }

    @Test func tokens_authenticateAsTheAccount_onBothFrontDoors() async throws {
        try await KubectlSession.withCluster("sa", nodes: 1) { kubectl in
            let home = kubectl.home
            // The controllers' objects in every namespace.
            try await kubectl.until("default accounts", "get", "sa", "-A", "--no-headers") { result in
                result.stdout.split(separator: "\n").filter { $0.contains(" default ") }.count == 4
            }
            try await kubectl.until("root CAs", "get", "cm", "-A", "--field-selector", "metadata.name=kube-root-ca.crt",
                                    "--no-headers") { $0.stdout.split(separator: "\n").count == 4 }

            let created = try await kubectl("create", "serviceaccount", "robot")
            #expect(created.stdout == "serviceaccount/robot created\n", "\(created)")
            let table = try await kubectl("get", "sa", "robot")
            #expect(table.stdout.split(separator: "\n").first?.split(separator: " ") == ["NAME", "SECRETS", "AGE"], "\(table)")
            #expect(table.stdout.split(separator: "\n").last?.split(separator: " ").prefix(2) == ["robot", "0"], "\(table)")
            let described = try await kubectl("describe", "sa", "robot")
            #expect(described.stdout == """
                Name:                robot
                Namespace:           default
                Labels:              <none>
                Annotations:         <none>
                Image pull secrets:  <none>
                Mountable secrets:   <none>
                Tokens:              <none>
                Events:              <none>

                """, "\(described)")
            let kctlDescribed = try await home.kctl(["describe", "sa", "robot"], defaultKubeconfig: true)
            #expect(kctlDescribed.stdout == described.stdout, "\(kctlDescribed)")

            let short = try await kubectl("create", "token", "robot", "--duration=5m")
            #expect(short.status == 1)
            #expect(short.stderr == #"error: failed to create token: TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes"# + "\n", "\(short)")
            let missing = try await kubectl("create", "token", "nobody")
            #expect(missing.stderr == #"error: failed to create token: serviceaccounts "nobody" not found"# + "\n", "\(missing)")

            // -o yaml: the TokenRequest as the server answered it, the same from kubectl and kctl.
            func masked(_ text: String) -> String {
                text.split(separator: "\n").map { line in
                    line.contains("token:") || line.contains("expirationTimestamp:") ? String(line.prefix { $0 != ":" }) : String(line)
                }.joined(separator: "\n")
            }
            let yaml = try await kubectl("create", "token", "robot", "--duration=1h", "-o", "yaml")
            let kctlYAML = try await home.kctl(["create", "token", "robot", "--duration=1h", "-o", "yaml"], defaultKubeconfig: true)
            #expect(yaml.stdout.contains("kind: TokenRequest") && masked(kctlYAML.stdout) == masked(yaml.stdout), "\(yaml) \(kctlYAML)")

            let issued = try await kubectl("create", "token", "robot")
            #expect(issued.status == 0 && !issued.stdout.contains("\n"), "\(issued)")
            let token = issued.stdout
            #expect(token.split(separator: ".").count == 3)
            let config = try await Self.tokenKubeconfig(kubectl, token: token)

            // kubectl as the account: authenticated, and RBAC grants a fresh account nothing.
            let whoami = try await kubectl("--kubeconfig", config, "auth", "whoami")
            #expect(whoami.stdout.contains("system:serviceaccount:default:robot"), "\(whoami)")
            #expect(whoami.stdout.contains("[system:serviceaccounts system:serviceaccounts:default system:authenticated]"), "\(whoami)")
            let pods = try await kubectl("--kubeconfig", config, "get", "pods")
            #expect(pods.status == 1 && pods.stderr == Self.forbidden + "\n", "\(pods)")
            let bad = try await kubectl("--kubeconfig", config, "--token", "not-a-token", "get", "pods")
            #expect(bad.status == 1, "\(bad)")
            #expect(bad.stderr.hasSuffix("error: You must be logged in to the server (Unauthorized)\n"), "\(bad)")

            // kctl: its own token, a tokenFile user, --token, over the frame protocol.
            let kctlToken = try await home.kctl(["create", "token", "robot", "--duration", "1h"], defaultKubeconfig: true)
            #expect(kctlToken.status == 0 && kctlToken.stdout.split(separator: ".").count == 3, "\(kctlToken)")
            try kctlToken.stdout.write(to: home.url.appendingPathComponent("token"), atomically: true, encoding: .utf8)
            let kctlWhoami = try await home.kctl(["--kubeconfig", config, "--context", "other", "auth", "whoami"])
            #expect(kctlWhoami.stdout == whoami.stdout, "\(kctlWhoami)")
            let kctlPods = try await home.kctl(["--kubeconfig", config, "get", "pods"])
            #expect(kctlPods.status == 1 && kctlPods.stderr == Self.forbidden + "\n", "\(kctlPods)")
            let kctlBad = try await home.kctl(["--kubeconfig", config, "--token", "not-a-token", "get", "pods"])
            #expect(kctlBad.status == 1 && kctlBad.stderr == "error: You must be logged in to the server (Unauthorized)\n", "\(kctlBad)")

            // A legacy token Secret: filled by the token controller, and its token authenticates too.
            let secret = try kubectl.file("secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: robot-token
                  annotations:
                    kubernetes.io/service-account.name: robot
                type: kubernetes.io/service-account-token

                """)
            #expect(try await kubectl("apply", "-f", secret).status == 0)
            let data = try await kubectl.until("the token controller", "get", "secret", "robot-token", "-o", "json") {
                $0.stdout.contains("\"token\"") && $0.stdout.contains("\"ca.crt\"")
            }
            let stored = try JSONValue(jsonData: Data(data.stdout.utf8))
            let legacy = String(decoding: try #require(Data(base64Encoded: stored[path: ["data", "token"]]?.stringValue ?? "")), as: UTF8.self)
            #expect(stored[path: ["data", "namespace"]] == .string(Data("default".utf8).base64EncodedString()))
            let legacyWhoami = try await kubectl("--kubeconfig", config, "--token", legacy, "auth", "whoami")
            #expect(legacyWhoami.stdout == whoami.stdout, "\(legacyWhoami)")
            let describedAgain = try await kubectl("describe", "sa", "robot")
            #expect(describedValue(describedAgain.stdout, "Tokens") == "robot-token", "\(describedAgain)")

            // New pods mount the account's token.
            #expect(try await kubectl("run", "p", "--image=busybox:1.36", "--", "sleep", "3600").status == 0)
            let pod = try JSONValue(jsonData: Data(try await kubectl("get", "pod", "p", "-o", "json").stdout.utf8))
            let volume = pod[path: ["spec", "volumes"]]?.arrayValue?.first
            #expect(volume?["name"]?.stringValue?.hasPrefix("kube-api-access-") == true, "\(pod)")
            #expect(pod[path: ["spec", "containers"]]?.arrayValue?.first?["volumeMounts"]?.arrayValue?.first?["mountPath"]
                == "/var/run/secrets/kubernetes.io/serviceaccount")
            // The kubelet fills it (a token bound to the pod, the CA, the namespace): what the process reads works.
            let directory = "/var/run/secrets/kubernetes.io/serviceaccount"
            let namespace = try await kubectl.until("the token volume", "exec", "p", "--", "cat", "\(directory)/namespace") {
                $0.status == 0
            }
            #expect(namespace.stdout == "default", "\(namespace)")
            let ca = try await kubectl("exec", "p", "--", "cat", "\(directory)/ca.crt")
            #expect(ca.stdout.hasPrefix("-----BEGIN CERTIFICATE-----"), "\(ca)")
            let podToken = try await kubectl.until("the pod's token", "exec", "p", "--", "cat", "\(directory)/token") {
                $0.status == 0 && $0.stdout.split(separator: ".").count == 3
            }
            let podWhoami = try await kubectl("--kubeconfig", config, "--token", podToken.stdout, "auth", "whoami")
            #expect(podWhoami.stdout.contains("system:serviceaccount:default:default"), "\(podWhoami)")

            // The account deleted: its tokens stop working, its token Secret goes.
            #expect(try await kubectl("delete", "sa", "robot").status == 0)
            try await kubectl.until("the token Secret deleted", "get", "secret", "robot-token") { $0.status != 0 }
            let after = try await kubectl("--kubeconfig", config, "get", "pods")
            #expect(after.stderr.hasSuffix("error: You must be logged in to the server (Unauthorized)\n"), "\(after)")
        }
    }
}
