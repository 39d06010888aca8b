import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// Server-side apply end to end: the real kubectl (`apply --server-side`, conflicts between field managers,
/// `--force-conflicts`, the migration from client-side apply) and `kctl apply --server-side`, against a cluster made
/// by `kctl cluster create`. Each tool's own output is checked.
@Suite(.serialized, .enabled(if: ssaKubectl != nil, "no kubectl on PATH"))
struct ServerSideApplyEndToEndTests {
    func kubectl(_ home: ClusterHome, _ arguments: String...) async throws -> CommandResult {
        try await runCommand(
            try #require(ssaKubectl), arguments, environment: ["HOME": home.url.path, "KUBECONFIG": ""],
            timeout: .seconds(60))
    }

    func kctl(_ home: ClusterHome, _ arguments: String...) async throws -> CommandResult {
        try await home.kctl(arguments, defaultKubeconfig: true)
    }

    /// A Deployment manifest written to `home`; returns its path.
    func manifest(_ home: ClusterHome, name: String, replicas: Int) throws -> String {
        let path = home.url.appendingPathComponent("\(name)-\(replicas).yaml").path
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              labels:
                app: \(name)
            spec:
              replicas: \(replicas)
              selector:
                matchLabels:
                  app: \(name)
              template:
                metadata:
                  labels:
                    app: \(name)
                spec:
                  containers:
                  - name: app
                    image: busybox:1.36

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A ConfigMap manifest with `data` written to `home`; returns its path.
    func configMap(_ home: ClusterHome, name: String, data: [String: String], file: String) throws -> String {
        let path = home.url.appendingPathComponent(file).path
        let lines = data.keys.sorted().map { "  \($0): \"\(data[$0] ?? "")\"" }.joined(separator: "\n")
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\ndata:\n\(lines)\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func conflictText(_ manager: String) -> String {
        """
        error: Apply failed with 1 conflict: conflict with "\(manager)": .spec.replicas
        Please review the fields above--they currently have other managers. Here
        are the ways you can resolve this warning:
        * If you intend to manage all of these fields, please re-run the apply
          command with the `--force-conflicts` flag.
        * If you do not intend to manage all of the fields, please edit your
          manifest to remove references to the fields that should keep their
          current managers.
        * You may co-own fields by updating your manifest to match the existing
          value; in this case, you'll become the manager if the other manager(s)
          stop managing the field (remove it from their configuration).
        See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts

        """
    }

    @Test func serverSideApply_withKubectlAndKctl() async throws {
        try await withClusterHome(prefix: "ssa") { home in
            let created = try await home.kctl(
                ["cluster", "create", "s1", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")

            // Created, then applied again without a change: the resourceVersion stays.
            let redis = try manifest(home, name: "redis", replicas: 1)
            let first = try await kubectl(home, "apply", "--server-side", "-f", redis)
            #expect(first.status == 0 && first.stdout == "deployment.apps/redis serverside-applied\n", "\(first)")
            // The Deployment's controller writes its status while the pod starts, so the check waits for the rollout
            // and tries a few times: one status write between two reads is not the apply's doing, but an apply that
            // bumps the resourceVersion fails every attempt.
            let rolledOut = try await kubectl(home, "rollout", "status", "deploy/redis", "--timeout=30s")
            #expect(rolledOut.status == 0, "\(rolledOut)")
            var attempts: [String] = []
            var unchanged = false
            for _ in 0..<5 where !unchanged {
                let version = try await kubectl(home, "get", "deploy", "redis", "-o", "jsonpath={.metadata.resourceVersion}")
                let again = try await kubectl(home, "apply", "--server-side", "-f", redis)
                #expect(again.stdout == "deployment.apps/redis serverside-applied\n", "\(again)")
                let versionAgain = try await kubectl(home, "get", "deploy", "redis", "-o", "jsonpath={.metadata.resourceVersion}")
                attempts.append("\(version.stdout) -> \(versionAgain.stdout)")
                unchanged = !version.stdout.isEmpty && versionAgain.stdout == version.stdout
            }
            #expect(unchanged, "a no-op apply changed the resourceVersion every time: \(attempts)")

            // managedFields: hidden by -o yaml, shown with --show-managed-fields.
            let yaml = try await kubectl(home, "get", "deploy", "redis", "-o", "yaml")
            #expect(yaml.status == 0 && !yaml.stdout.contains("managedFields"), "\(yaml)")
            let shown = try await kubectl(home, "get", "deploy", "redis", "-o", "yaml", "--show-managed-fields")
            #expect(shown.stdout.contains("  managedFields:\n  - apiVersion: apps/v1\n    fieldsType: FieldsV1\n"), "\(shown)")
            #expect(shown.stdout.contains("    manager: kubectl\n    operation: Apply\n"), "\(shown)")
            #expect(shown.stdout.contains("          k:{\"name\":\"app\"}:\n"), "\(shown)")

            // Two managers: the second changing the first's field conflicts, exit 1, until it forces.
            let web = try manifest(home, name: "web", replicas: 1)
            let byA = try await kubectl(home, "apply", "--server-side", "--field-manager=a", "-f", web)
            #expect(byA.stdout == "deployment.apps/web serverside-applied\n", "\(byA)")
            let web2 = try manifest(home, name: "web", replicas: 2)
            let byB = try await kubectl(home, "apply", "--server-side", "--field-manager=b", "-f", web2)
            #expect(byB.status == 1 && byB.stdout.isEmpty, "\(byB)")
            #expect(byB.stderr == Self.conflictText("a"), "\(byB)")
            let forced = try await kubectl(home, "apply", "--server-side", "--field-manager=b", "--force-conflicts", "-f", web2)
            #expect(forced.status == 0 && forced.stdout == "deployment.apps/web serverside-applied\n", "\(forced)")
            let replicas = try await kubectl(home, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")
            #expect(replicas.stdout == "2", "\(replicas)")
            // kubectl scale (an Update by "kubectl", named after its User-Agent) takes the field from b.
            #expect(try await kubectl(home, "scale", "deploy", "web", "--replicas=3").stdout == "deployment.apps/web scaled\n")
            let afterScale = try await kubectl(home, "apply", "--server-side", "--field-manager=b", "-f", web2)
            #expect(afterScale.status == 1, "\(afterScale)")
            #expect(afterScale.stderr.hasPrefix(
                "error: Apply failed with 1 conflict: conflict with \"kubectl\" using apps/v1: .spec.replicas\n"), "\(afterScale)")

            // Client-side apply, then server-side: ownership migrates, so a key dropped from the manifest goes.
            let settings = try configMap(home, name: "settings", data: ["a": "1", "b": "2"], file: "settings.yaml")
            let csa = try await kubectl(home, "apply", "-f", settings)
            #expect(csa.stdout == "configmap/settings created\n", "\(csa)")
            let ssa = try await kubectl(home, "apply", "--server-side", "-f", settings)
            #expect(ssa.status == 0 && ssa.stdout == "configmap/settings serverside-applied\n", "\(ssa)")
            let fewer = try configMap(home, name: "settings", data: ["a": "1"], file: "settings-a.yaml")
            let dropped = try await kubectl(home, "apply", "--server-side", "-f", fewer)
            #expect(dropped.stdout == "configmap/settings serverside-applied\n", "\(dropped)")
            let data = try await kubectl(home, "get", "configmap", "settings", "-o", "jsonpath={.data}")
            #expect(data.stdout == #"{"a":"1"}"#, "\(data)")

            // The same through kctl.
            let cache = try manifest(home, name: "cache", replicas: 1)
            let kctlFirst = try await kctl(home, "apply", "--server-side", "-f", cache)
            #expect(kctlFirst.status == 0 && kctlFirst.stdout == "deployment.apps/cache serverside-applied\n", "\(kctlFirst)")
            let kctlAgain = try await kctl(home, "apply", "--server-side", "-f", cache)
            #expect(kctlAgain.stdout == "deployment.apps/cache serverside-applied\n", "\(kctlAgain)")
            let cache2 = try manifest(home, name: "cache", replicas: 2)
            let kctlConflict = try await kctl(home, "apply", "--server-side", "--field-manager", "other", "-f", cache2)
            #expect(kctlConflict.status == 1 && kctlConflict.stderr == Self.conflictText("kctl"), "\(kctlConflict)")
            let kctlForced = try await kctl(
                home, "apply", "--server-side", "--field-manager", "other", "--force-conflicts", "-f", cache2)
            #expect(kctlForced.status == 0 && kctlForced.stdout == "deployment.apps/cache serverside-applied\n", "\(kctlForced)")
            let kctlReplicas = try await kubectl(home, "get", "deploy", "cache", "-o", "jsonpath={.spec.replicas}")
            #expect(kctlReplicas.stdout == "2", "\(kctlReplicas)")
            // kctl's client-side apply, then its server-side apply: ownership migrates as with kubectl.
            let flags = try configMap(home, name: "flags", data: ["x": "1", "y": "2"], file: "flags.yaml")
            #expect(try await kctl(home, "apply", "-f", flags).stdout == "configmap/flags created\n")
            let kctlSSA = try await kctl(home, "apply", "--server-side", "-f", flags)
            #expect(kctlSSA.status == 0 && kctlSSA.stdout == "configmap/flags serverside-applied\n", "\(kctlSSA)")
            let onlyX = try configMap(home, name: "flags", data: ["x": "1"], file: "flags-x.yaml")
            #expect(try await kctl(home, "apply", "--server-side", "-f", onlyX).stdout == "configmap/flags serverside-applied\n")
            let flagsData = try await kubectl(home, "get", "configmap", "flags", "-o", "jsonpath={.data}")
            #expect(flagsData.stdout == #"{"x":"1"}"#, "\(flagsData)")

            let removed = try await home.kctl(["cluster", "delete", "s1"], defaultKubeconfig: true)
            #expect(removed.status == 0, "\(removed)")
        }
    }
}

/// `kubectl` from PATH, nil when there is none.
private let ssaKubectl: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
