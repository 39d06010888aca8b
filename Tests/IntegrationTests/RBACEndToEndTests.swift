import Foundation
import KubeAPI
import TestSupport
import Testing

/// Issue 10's RBAC acceptance on a `kctl cluster create` cluster with the real kubectl: a ServiceAccount's token
/// (`kubectl create token`, then `kubectl --token` with the kubeconfig's server and CA) may do exactly what its Role
/// (namespaced, with resourceNames and a subresource), an aggregated ClusterRole bound in its namespace and a
/// ClusterRole bound cluster-wide grant, and gets Kubernetes' Forbidden text otherwise; `kubectl auth can-i
/// --as=system:serviceaccount:apps:robot` as the admin agrees with what the server then did, case by case.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct RBACEndToEndTests {
    static let user = "system:serviceaccount:apps:robot"

    static let manifest = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: apps}
        rules:
        - apiGroups: [""]
          resources: [pods, pods/log]
          verbs: [get, list, watch]
        - apiGroups: [""]
          resources: [configmaps]
          resourceNames: [settings]
          verbs: [get, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: robot-reads, namespace: apps}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        subjects:
        - {kind: ServiceAccount, name: robot, namespace: apps}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-peeker}
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {example.com/aggregate-to-peeker: "true"}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: secret-getter
          labels: {example.com/aggregate-to-peeker: "true"}
        rules:
        - apiGroups: [""]
          resources: [secrets]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: robot-peeks, namespace: apps}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-peeker}
        subjects:
        - {kind: ServiceAccount, name: robot}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: node-reader}
        rules:
        - apiGroups: [""]
          resources: [nodes]
          verbs: [get, list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: robot-nodes}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
        subjects:
        - {kind: ServiceAccount, name: robot, namespace: apps}

        """

    /// One thing the account tries: what `auth can-i` is asked, what kubectl then does, and the server's Forbidden
    /// message when it is refused (nil: allowed).
    struct Case: Sendable, CustomStringConvertible {
        var question: [String]
        var command: [String]
        var forbidden: String?
        /// How kubectl introduces the server's message. exec is refused after the WebSocket upgrade here, so kubectl
        /// prints `error: MESSAGE`; Kubernetes refuses the upgrade itself, and kubectl's SPDY fallback then prints
        /// `Error from server (Forbidden): MESSAGE` (README, RBAC: not done).
        var prefix = "Error from server (Forbidden): "
        var description: String { command.joined(separator: " ") }
    }

    static func forbidden(_ what: String, _ verb: String, _ resource: String, _ scope: String = "in the namespace \"apps\"")
        -> String
    {
        "\(what) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(resource)\" in API group \"\" \(scope)"
    }

    static let cases: [Case] = [
        Case(question: ["list", "pods", "-n", "apps"], command: ["get", "pods", "-n", "apps", "-o", "name"]),
        Case(question: ["get", "pods", "-n", "apps"], command: ["get", "pod", "web", "-n", "apps", "-o", "name"]),
        Case(question: ["get", "pods", "--subresource=log", "-n", "apps"], command: ["logs", "web", "-n", "apps"]),
        Case(question: ["delete", "pods", "-n", "apps"], command: ["delete", "pod", "web", "-n", "apps"],
             forbidden: forbidden("pods \"web\"", "delete", "pods")),
        Case(question: ["create", "pods", "--subresource=exec", "-n", "apps"], command: ["exec", "web", "-n", "apps", "--", "true"],
             forbidden: forbidden("pods \"web\"", "create", "pods/exec"), prefix: "error: "),
        Case(question: ["list", "pods", "-n", "default"], command: ["get", "pods", "-n", "default"],
             forbidden: forbidden("pods", "list", "pods", "in the namespace \"default\"")),
        Case(question: ["get", "configmaps/settings", "-n", "apps"], command: ["get", "configmap", "settings", "-n", "apps", "-o", "name"]),
        Case(question: ["get", "configmaps/other", "-n", "apps"], command: ["get", "configmap", "other", "-n", "apps"],
             forbidden: forbidden("configmaps \"other\"", "get", "configmaps")),
        Case(question: ["list", "configmaps", "-n", "apps"], command: ["get", "configmaps", "-n", "apps"],
             forbidden: forbidden("configmaps", "list", "configmaps")),
        Case(question: ["patch", "configmaps/settings", "-n", "apps"], command: ["label", "configmap", "settings", "-n", "apps", "x=y"],
             forbidden: forbidden("configmaps \"settings\"", "patch", "configmaps")),
        Case(question: ["get", "secrets/s", "-n", "apps"], command: ["get", "secret", "s", "-n", "apps", "-o", "name"]),
        Case(question: ["get", "secrets/s", "-n", "default"], command: ["get", "secret", "s", "-n", "default"],
             forbidden: forbidden("secrets \"s\"", "get", "secrets", "in the namespace \"default\"")),
        Case(question: ["list", "nodes"], command: ["get", "nodes", "-o", "name"]),
        Case(question: ["delete", "nodes/n1"], command: ["delete", "node", "n1"],
             forbidden: forbidden("nodes \"n1\"", "delete", "nodes", "at the cluster scope")),
    ]

    @Test func aServiceAccountToken_getsExactlyWhatItsRolesGrant_andCanIAgrees() async throws {
        try await KubectlSession.withCluster("rbac", nodes: 1) { kubectl in
            #expect(try await kubectl("create", "namespace", "apps").status == 0)
            #expect(try await kubectl("create", "serviceaccount", "robot", "-n", "apps").status == 0)
            let applied = try await kubectl("apply", "-f", try kubectl.file("rbac.yaml", Self.manifest))
            #expect(applied.status == 0, "\(applied)")
            for namespace in ["apps", "default"] {
                #expect(try await kubectl("create", "secret", "generic", "s", "-n", namespace, "--from-literal=k=v").status == 0)
            }
            for name in ["settings", "other"] {
                #expect(try await kubectl("create", "configmap", name, "-n", "apps", "--from-literal=k=v").status == 0)
            }
            let pod = try await kubectl(
                "run", "web", "-n", "apps", "--image=busybox:1.36", "--restart=Never", "--",
                "sh", "-c", "echo hello from web; sleep 3600")
            #expect(pod.status == 0, "\(pod)")
            try await kubectl.until("web Running", "get", "pod", "web", "-n", "apps", "--no-headers") {
                $0.stdout.contains(" Running ")
            }

            let token = try await kubectl("create", "token", "robot", "-n", "apps")
            #expect(token.status == 0 && !token.stdout.isEmpty, "\(token)")
            let server = try await kubectl("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")
            let caData = try await kubectl(
                "config", "view", "--minify", "--raw", "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}")
            let ca = try #require(Data(base64Encoded: caData.stdout))
            let caFile = kubectl.home.url.appendingPathComponent("cluster-ca.crt")
            try ca.write(to: caFile)
            let empty = try kubectl.file("empty.kubeconfig", "apiVersion: v1\nkind: Config\n")
            let robot = [
                "--kubeconfig", empty, "--server", server.stdout, "--certificate-authority", caFile.path,
                "--token", token.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
            ]
            let whoami = try await kubectl.run(robot + ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"])
            #expect(whoami.stdout == Self.user, "\(whoami)")

            for testCase in Self.cases {
                let done = try await kubectl.run(robot + testCase.command)
                let answer = try await kubectl.run(["auth", "can-i"] + testCase.question + ["--as=\(Self.user)"])
                if let message = testCase.forbidden {
                    #expect(done.status != 0, "\(testCase): \(done)")
                    #expect(done.stderr == testCase.prefix + message + "\n", "\(testCase): \(done)")
                    #expect(answer.stdout == "no\n" && answer.status == 1, "can-i \(testCase.question): \(answer)")
                } else {
                    #expect(done.status == 0 && done.stderr.isEmpty, "\(testCase): \(done)")
                    #expect(answer.stdout == "yes\n" && answer.status == 0, "can-i \(testCase.question): \(answer)")
                }
            }
            let logs = try await kubectl.run(robot + ["logs", "web", "-n", "apps"])
            #expect(logs.stdout.contains("hello from web"), "\(logs)")

            // The account asks for itself, too: can-i and can-i --list through its token.
            let own = try await kubectl.run(robot + ["auth", "can-i", "get", "configmaps/settings", "-n", "apps"])
            #expect(own.stdout == "yes\n", "\(own)")
            let list = try await kubectl.run(robot + ["auth", "can-i", "--list", "-n", "apps"])
            let rows = tableRows(list.stdout)
            #expect(rows.contains(["configmaps", "[]", "[settings]", "[get", "update]"]), "\(list)")
            #expect(rows.contains(["pods/log", "[]", "[]", "[get", "list", "watch]"]), "\(list)")
            #expect(rows.contains(["secrets", "[]", "[]", "[get]"]), "\(list)")
            #expect(rows.contains(["nodes", "[]", "[]", "[get", "list]"]), "\(list)")

            // Taking the binding away takes the right away, at once.
            #expect(try await kubectl("delete", "rolebinding", "robot-reads", "-n", "apps").status == 0)
            let after = try await kubectl.run(robot + ["get", "pods", "-n", "apps"])
            #expect(after.stderr == "Error from server (Forbidden): \(Self.forbidden("pods", "list", "pods"))\n", "\(after)")
        }
    }
}
