import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

@testable import ControlPlane

/// RBAC through the in-process HTTPS front door (``RESTFixture``) with the real kubectl: the admin creates roles and
/// bindings with `kubectl create role|rolebinding|clusterrole|clusterrolebinding` (protobuf bodies); a user from a
/// client certificate (CN `jane`, O `dev`) may do exactly what they grant and gets Kubernetes' Forbidden otherwise;
/// `auth can-i` (also `--as`, as the admin) agrees; impersonation needs the `impersonate` verb.
@Suite(.serialized, .enabled(if: kubectlForRESTTests != nil, "no kubectl on PATH"))
struct RESTRBACKubectlTests {
    private static func kubectl(_ fixture: RESTFixture, as user: String = "admin", _ arguments: [String]) async throws
        -> CommandResult
    {
        let config = fixture.file("kubeconfig")
        if !FileManager.default.fileExists(atPath: config) {
            let jane = try fixture.pki.ca.issueClientCertificate(commonName: "jane", organizations: ["dev"], now: Date())
            try jane.certificatePEM.write(toFile: fixture.file("jane.crt"), atomically: true, encoding: .utf8)
            try jane.privateKeyPEM.write(toFile: fixture.file("jane.key"), atomically: true, encoding: .utf8)
            let text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:\(fixture.port)", certificate-authority: "\(fixture.file("ca.crt"))"}
                users:
                - name: admin
                  user: {client-certificate: "\(fixture.file("admin.crt"))", client-key: "\(fixture.file("admin.key"))"}
                - name: jane
                  user: {client-certificate: "\(fixture.file("jane.crt"))", client-key: "\(fixture.file("jane.key"))"}
                contexts:
                - {name: admin, context: {cluster: c, user: admin, namespace: default}}
                - {name: jane, context: {cluster: c, user: jane, namespace: default}}
                current-context: admin
                """
            try text.write(toFile: config, atomically: true, encoding: .utf8)
        }
        return try await runCommand(
            try #require(kubectlForRESTTests),
            ["--kubeconfig", config, "--context", user, "--cache-dir", fixture.file("cache-\(user)")] + arguments,
            environment: ["HOME": fixture.directory.path, "KUBECONFIG": ""], timeout: .seconds(60))
    }

    private static func succeeds(_ fixture: RESTFixture, as user: String = "admin", _ arguments: [String]) async throws
        -> String
    {
        let result = try await kubectl(fixture, as: user, arguments)
        #expect(result.status == 0, "\(arguments): \(result)")
        return result.stdout
    }

    @Test func aUser_mayDoExactlyWhatItsRolesGrant_andCanIAgrees() async throws {
        try await RESTFixture.with { fixture in
            #expect(try await Self.succeeds(fixture, ["create", "namespace", "apps"]) == "namespace/apps created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "role", "pod-reader", "-n", "apps", "--verb=get,list,watch", "--resource=pods,pods/log",
            ]) == "role.rbac.authorization.k8s.io/pod-reader created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "role", "one-config", "-n", "apps", "--verb=get,update", "--resource=configmaps",
                "--resource-name=settings",
            ]) == "role.rbac.authorization.k8s.io/one-config created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "rolebinding", "jane-reads", "-n", "apps", "--role=pod-reader", "--user=jane",
            ]) == "rolebinding.rbac.authorization.k8s.io/jane-reads created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "rolebinding", "dev-config", "-n", "apps", "--role=one-config", "--group=dev",
            ]) == "rolebinding.rbac.authorization.k8s.io/dev-config created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "clusterrole", "ns-reader", "--verb=get,list", "--resource=namespaces",
            ]) == "clusterrole.rbac.authorization.k8s.io/ns-reader created\n")
            #expect(try await Self.succeeds(fixture, [
                "create", "clusterrolebinding", "jane-ns", "--clusterrole=ns-reader", "--user=jane",
            ]) == "clusterrolebinding.rbac.authorization.k8s.io/jane-ns created\n")
            for name in ["settings", "other"] {
                _ = try await Self.succeeds(fixture, ["create", "configmap", name, "-n", "apps", "--from-literal=k=v"])
            }

            // Allowed: what the roles grant.
            let pods = try await Self.kubectl(fixture, as: "jane", ["get", "pods", "-n", "apps"])
            #expect(pods.status == 0 && pods.stderr == "No resources found in apps namespace.\n", "\(pods)")
            #expect(try await Self.succeeds(fixture, as: "jane", ["get", "configmap", "settings", "-n", "apps", "-o", "name"])
                == "configmap/settings\n")
            let namespaces = try await Self.succeeds(fixture, as: "jane", ["get", "namespaces", "-o", "name"])
            #expect(namespaces.contains("namespace/apps\n"))

            // Denied, with Kubernetes' messages.
            let cases: [([String], String)] = [
                (["get", "pods", "-n", "default"],
                 #"pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default""#),
                (["delete", "pod", "x", "-n", "apps"],
                 #"pods "x" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "apps""#),
                (["get", "configmap", "other", "-n", "apps"],
                 #"configmaps "other" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "apps""#),
                (["get", "configmaps", "-n", "apps"],
                 #"configmaps is forbidden: User "jane" cannot list resource "configmaps" in API group "" in the namespace "apps""#),
                (["delete", "namespace", "apps"],
                 #"namespaces "apps" is forbidden: User "jane" cannot delete resource "namespaces" in API group "" at the cluster scope"#),
                (["get", "clusterroles"],
                 #"clusterroles.rbac.authorization.k8s.io is forbidden: User "jane" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope"#),
            ]
            for (arguments, message) in cases {
                let result = try await Self.kubectl(fixture, as: "jane", arguments)
                #expect(result.status == 1, "\(arguments): \(result)")
                #expect(result.stderr == "Error from server (Forbidden): \(message)\n", "\(arguments)")
            }

            // auth can-i, as jane and as the admin impersonating jane, agrees with what was done.
            let questions: [([String], Bool)] = [
                (["list", "pods", "-n", "apps"], true), (["get", "pods/log", "-n", "apps"], true),
                (["list", "pods", "-n", "default"], false), (["delete", "pods", "-n", "apps"], false),
                (["get", "configmap/settings", "-n", "apps"], true), (["update", "configmap/settings", "-n", "apps"], true),
                (["get", "configmap/other", "-n", "apps"], false), (["list", "configmaps", "-n", "apps"], false),
                (["list", "namespaces"], true), (["delete", "namespaces"], false),
            ]
            for (question, allowed) in questions {
                for (user, extra) in [("jane", [String]()), ("admin", ["--as=jane", "--as-group=dev"])] {
                    let answer = try await Self.kubectl(fixture, as: user, ["auth", "can-i"] + question + extra)
                    #expect(answer.stdout == (allowed ? "yes\n" : "no\n"), "\(user) \(question): \(answer)")
                    #expect(answer.status == (allowed ? 0 : 1), "\(user) \(question): \(answer)")
                }
            }
            let list = try await Self.succeeds(fixture, as: "jane", ["auth", "can-i", "--list", "-n", "apps"])
            #expect(list.contains("pods/log                                        []                  []               [get list watch]"), "\(list)")
            #expect(list.contains("configmaps                                      []                  [settings]       [get update]"), "\(list)")
        }
    }

    @Test func impersonation_needsTheImpersonateVerb_andRunsAsTheImpersonated() async throws {
        try await RESTFixture.with { fixture in
            let asJane = try await Self.kubectl(fixture, ["get", "pods", "--as=jane"])
            #expect(asJane.status == 1)
            #expect(asJane.stderr == """
                Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" \
                in the namespace "default"

                """, "\(asJane)")
            let whoami = try await Self.succeeds(fixture, ["auth", "whoami", "--as=system:serviceaccount:apps:robot"])
            #expect(whoami.contains("system:serviceaccount:apps:robot"), "\(whoami)")
            #expect(whoami.contains("[system:serviceaccounts system:serviceaccounts:apps system:authenticated]"), "\(whoami)")
            // As against Kubernetes: discovery's 403 (read raw by client-go) is "unknown" to kubectl; `get --raw`
            // shows the server's message.
            let refused = try await Self.kubectl(fixture, as: "jane", ["get", "pods", "--as=bob"])
            #expect(refused.status == 1)
            #expect(refused.stderr.hasSuffix("Error from server (Forbidden): unknown\n"), "\(refused)")
            let raw = try await Self.kubectl(fixture, as: "jane", ["get", "--raw", "/api/v1/namespaces/default/pods", "--as=bob"])
            #expect(raw.status == 1)
            #expect(raw.stderr == """
                Error from server (Forbidden): users "bob" is forbidden: User "jane" cannot impersonate resource "users" \
                in API group "" at the cluster scope

                """, "\(raw)")
            _ = try await Self.succeeds(fixture, ["create", "clusterrole", "impersonator", "--verb=impersonate", "--resource=users"])
            _ = try await Self.succeeds(fixture, ["create", "clusterrolebinding", "jane-impersonates", "--clusterrole=impersonator", "--user=jane"])
            let asBob = try await Self.kubectl(fixture, as: "jane", ["get", "pods", "--as=bob"])
            #expect(asBob.stderr.hasSuffix(
                "Error from server (Forbidden): pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"\n"),
                "\(asBob)")
        }
    }

    @Test func tables_areKubectls() async throws {
        try await RESTFixture.with { fixture in
            _ = try await Self.succeeds(fixture, ["create", "role", "r", "--verb=get", "--resource=pods"])
            _ = try await Self.succeeds(fixture, [
                "create", "rolebinding", "b", "--role=r", "--user=u1", "--user=u2", "--group=g",
                "--serviceaccount=default:sa",
            ])
            let roles = try await Self.succeeds(fixture, ["get", "roles"])
            let lines = roles.split(separator: "\n")
            #expect(lines.first == "NAME   CREATED AT", "\(roles)")
            #expect(lines.count == 2 && lines[1].hasPrefix("r      20") && lines[1].hasSuffix("Z"), "\(roles)")
            let bindings = try await Self.succeeds(fixture, ["get", "rolebindings", "-o", "wide"])
            let rows = bindings.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            #expect(rows.first == "NAME ROLE AGE USERS GROUPS SERVICEACCOUNTS", "\(bindings)")
            #expect(rows.count == 2 && rows[1].hasPrefix("b Role/r ") && rows[1].hasSuffix(" u1, u2 g default/sa"), "\(bindings)")
            let admin = try await Self.succeeds(fixture, ["get", "clusterrolebinding", "cluster-admin"])
            #expect(admin.split(separator: "\n").first == "NAME            ROLE                        AGE", "\(admin)")
            #expect(admin.contains("cluster-admin   ClusterRole/cluster-admin   "), "\(admin)")
        }
    }
}
