import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// The verbs kctl gained for issue 9 (`get all`, `api-resources`, `api-versions`, `auth can-i|whoami`, `annotate`,
/// `run`, `replace`, `diff`, `cp`, `top`, `--validate` on create, apply and replace, and `wait`'s several-object failures) against the real kubectl: both run the
/// same command line on one cluster made by the built `kctl cluster create` (kubectl through the HTTPS front door
/// and the context merged into `~/.kube/config`, kctl through the frame protocol), and their standard output,
/// standard error and exit code must be the same byte for byte, after normalising what differs between two runs
/// (ages, uids, creation times, diff's temporary directories and file times) and the program's name in usage
/// hints. A write is undone between the two runs, so both meet the same state.
@Suite(.serialized, .enabled(if: newVerbsKubectl != nil, "no kubectl on PATH"))
struct KctlNewVerbsEndToEndTests {
    @Test func newVerbs_printWhatKubectlPrints() async throws {
        try await withClusterHome(prefix: "kctl-verbs") { home in
            let created = try await home.kctl(
                ["cluster", "create", "v1", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            try #require(created.status == 0, "\(created)")
            let compare = Comparison(home: home)
            try await compare.setUp()
            try await compare.discovery()
            try await compare.getAll()
            try await compare.auth()
            try await compare.annotate()
            try await compare.run()
            try await compare.replace()
            try await compare.validate()
            try await compare.diff()
            try await compare.copy()
            try await compare.topAndWait()
            let removed = try await home.kctl(["cluster", "delete", "v1"], defaultKubeconfig: true)
            #expect(removed.status == 0, "\(removed)")
        }
    }
}

/// Runs command lines with both tools and compares what they print.
private struct Comparison {
    let home: ClusterHome

    func file(_ name: String) -> String { home.url.appendingPathComponent(name).path }

    func kubectl(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(
            try #require(newVerbsKubectl), arguments, environment: ["HOME": home.url.path, "KUBECONFIG": ""],
            timeout: .seconds(60))
    }

    func kctl(_ arguments: [String]) async throws -> CommandResult {
        try await home.kctl(arguments, defaultKubeconfig: true)
    }

    /// Runs `arguments` with kubectl, then `reset` (kctl), then kctl, then `reset` again, and expects the same
    /// normalised output and status. A mismatch is retried twice (an age crossing from `9s` to `10s` between the
    /// runs widens a column).
    func same(
        _ arguments: String..., reset: [[String]] = [], status: Int32? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var last: (CommandResult, CommandResult)?
        for _ in 0..<3 {
            let expected = try await kubectl(arguments)
            for step in reset { _ = try await kctl(step) }
            let actual = try await kctl(arguments)
            for step in reset { _ = try await kctl(step) }
            last = (expected, actual)
            if Self.normalised(expected) == Self.normalised(actual) { break }
        }
        guard let (expected, actual) = last else { return }
        let (kubectlOut, kctlOut) = (Self.normalised(expected), Self.normalised(actual))
        #expect(kctlOut.status == kubectlOut.status, "\(arguments)\nkubectl: \(expected)\nkctl: \(actual)",
                sourceLocation: sourceLocation)
        #expect(kctlOut.stdout == kubectlOut.stdout, "\(arguments)\nkubectl: \(expected)\nkctl: \(actual)",
                sourceLocation: sourceLocation)
        #expect(kctlOut.stderr == kubectlOut.stderr, "\(arguments)\nkubectl: \(expected)\nkctl: \(actual)",
                sourceLocation: sourceLocation)
        if let status { #expect(kctlOut.status == status, "\(arguments): \(actual)", sourceLocation: sourceLocation) }
    }

    /// A result's status and texts, normalised.
    struct Normalised: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// What differs between two runs of one command, and the program's name in usage hints, replaced.
    static func normalised(_ result: CommandResult) -> Normalised {
        let rules: [(String, String)] = [
            (#"'kubectl "#, "'kctl "),
            (#"/(LIVE|MERGED)-[0-9]+/"#, "/$1-N/"),
            (#"\t[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ [+-][0-9]{4}"#, "\tTIME"),
            (#"uid: [0-9a-f-]{36}"#, "uid: UID"),
            (#"creationTimestamp: "[^"]+""#, "creationTimestamp: TIME"),
            (#"(?<= )[0-9]+(s|m[0-9]*s?|h[0-9]*m?|d[0-9]*h?)(?=\n| |$)"#, "AGE"),
        ]
        func apply(_ text: String) -> String {
            rules.reduce(text) { text, rule in
                text.replacingOccurrences(of: rule.0, with: rule.1, options: .regularExpression)
            }
        }
        return Normalised(status: result.status, stdout: apply(result.stdout), stderr: apply(result.stderr))
    }

    // MARK: - Cases

    /// A deployment of two replicas behind a service, Available.
    func setUp() async throws {
        let deployment = try await kctl(["create", "deployment", "web", "--image=nginx", "--replicas=2"])
        try #require(deployment.status == 0, "\(deployment)")
        let service = try await kctl(["expose", "deployment", "web", "--port=80"])
        try #require(service.status == 0, "\(service)")
        let available = try await kctl(["wait", "--for=condition=Available", "deploy/web", "--timeout=30s"])
        try #require(available.status == 0, "\(available)")
        try await eventually(within: .seconds(30), poll: .milliseconds(300), "pods Running") { () -> Bool? in
            let pods = try await kctl(["get", "pods", "-l", "app=web", "--no-headers"]).stdout.split(separator: "\n")
            return pods.count == 2 && pods.allSatisfy { $0.contains(" Running ") } ? true : nil
        }
    }

    func discovery() async throws {
        try await same("api-resources", status: 0)
        try await same("api-resources", "-o", "wide")
        try await same("api-resources", "-o", "name")
        try await same("api-resources", "--namespaced=false")
        try await same("api-resources", "--api-group", "apps", "--no-headers")
        try await same("api-resources", "--verbs=create,watch", "--sort-by=kind")
        try await same("api-resources", "--categories=all")
        try await same("api-resources", "-o", "json", status: 1)
        try await same("api-resources", "--sort-by=size", status: 1)
        try await same("api-versions", status: 0)
        try await same("api-versions", "extra", status: 1)
    }

    func getAll() async throws {
        try await same("get", "all", status: 0)
        try await same("get", "all", "-o", "wide")
        try await same("get", "all", "-o", "name")
        try await same("get", "all", "-l", "app=web")
        try await same("get", "all,cm")
        try await same("get", "all", "-n", "kube-node-lease")
    }

    func auth() async throws {
        try await same("auth", "can-i", "get", "pods", status: 0)
        try await same("auth", "can-i", "create", "deployments.apps", "-n", "kube-system")
        try await same("auth", "can-i", "get", "deploy.apps/web", "--subresource=scale")
        try await same("auth", "can-i", "list", "pods", "-A", "-q")
        try await same("auth", "can-i", "get", "nodes")
        try await same("auth", "can-i", "get", "foo")
        try await same("auth", "can-i", "frob", "/logs")
        try await same("auth", "can-i", "get", status: 1)
        try await same("auth", "can-i", "get", "pods", "--no-headers", status: 1)
        try await same("auth", "can-i", "--list", status: 0)
        try await same("auth", "can-i", "--list", "--no-headers", "-n", "kube-system")
        try await same("auth", "can-i", "--list", "-A", status: 1)
        try await same("auth", "whoami", status: 0)
        try await same("auth", "whoami", "-o", "yaml")
        try await same("auth", "whoami", "-o", "json")
    }

    func annotate() async throws {
        let clear = ["annotate", "deploy", "web", "a-", "b-"]
        try await same("annotate", "deploy", "web", "a=1", "b=2", reset: [clear], status: 0)
        _ = try await kctl(["annotate", "deploy", "web", "a=1"])
        try await same("annotate", "deploy", "web", "a=2", status: 1)
        try await same("annotate", "deploy", "web", "a=1")
        try await same("annotate", "deploy", "web", "a=2", "--overwrite", reset: [["annotate", "deploy", "web", "a=1", "--overwrite"]])
        try await same("annotate", "deploy/web", "a-", "z-", reset: [["annotate", "deploy", "web", "a=1"]])
        try await same("annotate", "pods", "--all", "x=y", reset: [["annotate", "pods", "--all", "x-"]])
        try await same("annotate", "svc,deploy", "web", "c=3", "--dry-run=server")
        try await same("annotate", "deploy", "web", "c=3", "--dry-run=client", "-o", "name")
        try await same("annotate", "deploy", "web", status: 1)
        try await same("annotate", "deploy", "nope", "x=1", status: 1)
        try await same("annotate", "deploy", "x=1", status: 1)
        try await same("annotate", "deploy", "web", "a=1", "a-", status: 1)
        _ = try await kctl(clear)
    }

    func run() async throws {
        try await same("run", "r1", "--image=nginx", "--dry-run=client", "-o", "yaml", status: 0)
        try await same(
            "run", "r1", "--image=busybox", "--labels=a=b,c=d", "--env=X=1", "--env=Y=2", "--port=8080",
            "--restart=Never", "--image-pull-policy=IfNotPresent", "--dry-run=client", "-o", "yaml", "--command", "--",
            "sleep", "10")
        try await same("run", "r1", "--image=busybox", "-n", "kube-system", "--dry-run=client", "-o", "yaml", "--", "echo", "hi")
        try await same("run", "r1", "--image=nginx", "--dry-run=server")
        try await same("run", "r1", "--image=nginx", reset: [["delete", "pod", "r1", "--grace-period=0", "--force"]], status: 0)
        try await same("run", "r1", "--image=nginx", "--restart=Sometimes", status: 1)
        try await same("run", "r1", "--image=nginx", "--env=BAD", status: 1)
        try await same("run", "--image=nginx", status: 1)
    }

    func replace() async throws {
        try Self.configMap("cm1", value: "1").write(toFile: file("cm1.yaml"), atomically: true, encoding: .utf8)
        try await same("replace", "-f", file("cm1.yaml"), status: 1)
        _ = try await kctl(["create", "-f", file("cm1.yaml")])
        try Self.configMap("cm1", value: "2").write(toFile: file("cm1-2.yaml"), atomically: true, encoding: .utf8)
        try await same("replace", "-f", file("cm1-2.yaml"), status: 0)
        try await same("replace", "-f", file("cm1-2.yaml"), "-o", "name")
        try await same("replace", "--force", "-f", file("cm1.yaml"), status: 0)
        try await same("replace", "--force", "--dry-run=server", "-f", file("cm1.yaml"), status: 1)
        try await same("replace", status: 1)
    }

    /// `--validate` on create, apply (create and patch) and replace: a field the kind does not declare is refused,
    /// warned about or ignored.
    func validate() async throws {
        let manifest = Self.configMap("strange", value: "1") + "foo: bar\n"
        try manifest.write(toFile: file("strange.yaml"), atomically: true, encoding: .utf8)
        let remove = [["delete", "configmap", "strange", "--ignore-not-found"]]
        try await same("create", "-f", file("strange.yaml"), status: 1)
        try await same("create", "-f", file("strange.yaml"), "--validate=warn", reset: remove, status: 0)
        try await same("create", "-f", file("strange.yaml"), "--validate=ignore", reset: remove, status: 0)
        try await same("create", "-f", file("strange.yaml"), "--validate=false", reset: remove, status: 0)
        try await same("create", "-f", file("strange.yaml"), "--validate=nope", status: 1)
        try await same("apply", "-f", file("strange.yaml"), status: 1)
        try await same("apply", "-f", file("strange.yaml"), "--validate=warn", reset: remove, status: 0)
        _ = try await kctl(["apply", "-f", file("strange.yaml"), "--validate=ignore"])
        let changed = Self.configMap("strange", value: "2") + "foo: bar\n"
        try changed.write(toFile: file("strange-2.yaml"), atomically: true, encoding: .utf8)
        try await same(
            "apply", "-f", file("strange-2.yaml"), "--validate=warn",
            reset: [["apply", "-f", file("strange.yaml"), "--validate=ignore"]], status: 0)
        _ = try await kctl(remove[0])
        _ = try await kctl(["create", "-f", file("cm1.yaml")])
        try (Self.configMap("cm1", value: "3") + "foo: bar\n").write(toFile: file("cm1-x.yaml"), atomically: true, encoding: .utf8)
        try await same("replace", "-f", file("cm1-x.yaml"), "--validate=warn", status: 0)
        try await same("replace", "-f", file("cm1-x.yaml"), status: 1)
    }

    func diff() async throws {
        try Self.configMap("cm1", value: "1").write(toFile: file("same.yaml"), atomically: true, encoding: .utf8)
        try await same("diff", "-f", file("same.yaml"))
        let changed = Self.configMap("cm1", value: "9") + "---\n" + Self.configMap("new-cm", value: "1") + """
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: s1
            stringData:
              password: hunter2

            """
        try changed.write(toFile: file("changed.yaml"), atomically: true, encoding: .utf8)
        try await same("diff", "-f", file("changed.yaml"), status: 1)
        let live = try await kctl(["get", "deploy", "web", "-o", "yaml"])
        try live.stdout.replacingOccurrences(of: "replicas: 2\n  revisionHistoryLimit", with: "replicas: 3\n  revisionHistoryLimit")
            .write(toFile: file("web.yaml"), atomically: true, encoding: .utf8)
        try await same("diff", "-f", file("web.yaml"), status: 1)
        try """
            apiVersion: foo/v1
            kind: Foo
            metadata:
              name: x

            """.write(toFile: file("foo.yaml"), atomically: true, encoding: .utf8)
        try await same("diff", "-f", file("foo.yaml"), status: 2)
        try await same("diff", "-f", file("nope.yaml"), status: 2)
    }

    /// `cp` both ways: a file and a directory into a pod, back out (the remote tar's message on stdout), and the
    /// errors; the files copied out are compared too.
    func copy() async throws {
        let pod = try #require(
            try await kctl(["get", "pods", "-l", "app=web", "-o", "name"]).stdout.split(separator: "\n").first?
                .split(separator: "/").last.map(String.init))
        try FileManager.default.createDirectory(atPath: file("tree/sub"), withIntermediateDirectories: true)
        try "one\n".write(toFile: file("tree/a"), atomically: true, encoding: .utf8)
        try "two\n".write(toFile: file("tree/sub/b"), atomically: true, encoding: .utf8)
        try await same("cp", file("tree/a"), "\(pod):/tmp/kctl-cp-a", status: 0)
        try await same("cp", file("tree"), "default/\(pod):/tmp/kctl-cp-tree", status: 0)
        try await same("cp", "\(pod):/tmp/kctl-cp-a", file("back-a"), status: 0)
        #expect(try String(contentsOfFile: file("back-a"), encoding: .utf8) == "one\n")
        try await same("cp", "\(pod):/tmp/kctl-cp-tree", file("back-tree"), status: 0)
        #expect(try String(contentsOfFile: file("back-tree/sub/b"), encoding: .utf8) == "two\n")
        // (Copying a missing remote file is left out: kubectl prints the remote tar's complaint only when its
        // goroutine writes it before kubectl exits; kctl always prints it.)
        try await same("cp", file("missing"), "\(pod):/tmp/x", status: 1)
        try await same("cp", file("tree/a"), "\(pod):/tmp/x", "-c", "nope", status: 1)
        try await same("cp", "a", "b", status: 1)
        try await same("cp", "\(pod):/a", "\(pod):/b", status: 1)
        try await same("cp", "a/b/c:x", "y", status: 1)
    }

    func topAndWait() async throws {
        try await same("top", "nodes", status: 1)
        try await same("top", "pods", "-A", status: 1)
        try await same("top", "pod", "--sort-by=size", status: 1)
        try await same("top", "node", "a", "b", status: 1)
        try await same("wait", "--for=condition=Available", "deploy/web", "deploy/nope", "--timeout=2s", status: 1)
        try await same("wait", "--for=condition=Ready=false", "pods", "-l", "app=web", "--timeout=1s", status: 1)
        try await same("wait", "--for=create", "pod/nope", "--timeout=1s", status: 1)
        try await same("wait", "--for=jsonpath={.spec.replicas}=2", "deploy/web", status: 0)
    }

    static func configMap(_ name: String, value: String) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
        data:
          a: "\(value)"

        """
    }
}

/// `kubectl` from PATH, nil when there is none.
private let newVerbsKubectl: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
    .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
