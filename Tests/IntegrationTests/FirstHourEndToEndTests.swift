import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// What a new user meets in the first hour, end to end with the built kctl: `kctl config` on a kubeconfig file
/// (expected texts are kubectl 1.32's on the same file), deleting one of two clusters, `cluster list`'s table,
/// usage errors in kubectl's words, `-nNS` / `--namespace=NS`, and shell completion that completes.
@Suite(.serialized)
struct FirstHourEndToEndTests {
    /// Two contexts, the first current, with certificate data to hide.
    static let kubeconfig = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: Q0FEQVRB
            server: wire://127.0.0.1:6443
          name: kcluster-a
        - cluster:
            certificate-authority-data: Q0FEQVRC
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
            client-certificate-data: Q0VSVEE=
            client-key-data: S0VZQQ==
        - name: kcluster-b-admin
          user:
            client-certificate-data: Q0VSVEI=
            client-key-data: S0VZQg==

        """

    @Test func configVerbs_readAndEditTheKubeconfig_asKubectlDoes() async throws {
        try await withClusterHome(prefix: "kctl-config") { home in
            let file = home.url.appendingPathComponent("cfg")
            try Self.kubeconfig.write(to: file, atomically: true, encoding: .utf8)
            func config(_ arguments: String...) async throws -> CommandResult {
                try await home.kctl(["config"] + arguments + ["--kubeconfig", file.path])
            }

            let view = try await config("view")
            #expect(view.status == 0)
            #expect(
                view.stdout
                    == Self.kubeconfig.replacingOccurrences(
                        of: #"-data: [A-Za-z0-9+/=]+"#, with: "-data: DATA+OMITTED", options: .regularExpression),
                "\(view)")
            #expect(try await config("view", "--raw").stdout == Self.kubeconfig)
            let minified = try await config("view", "--minify", "--raw")
            #expect(minified.stdout.contains("name: kcluster-a\n") && !minified.stdout.contains("kcluster-b"))

            let contexts = try await config("get-contexts")
            #expect(
                contexts.stdout == """
                    CURRENT   NAME         CLUSTER      AUTHINFO           NAMESPACE
                    *         kcluster-a   kcluster-a   kcluster-a-admin   \("")
                              kcluster-b   kcluster-b   kcluster-b-admin   kube-system

                    """, "\(contexts)")
            #expect(try await config("get-contexts", "-o", "name").stdout == "kcluster-a\nkcluster-b\n")
            let missing = try await config("get-contexts", "nope")
            #expect(missing.status == 1 && missing.stderr == "error: context nope not found\n", "\(missing)")
            #expect(try await config("current-context").stdout == "kcluster-a\n")

            let switched = try await config("use-context", "kcluster-b")
            #expect(switched.status == 0 && switched.stdout == "Switched to context \"kcluster-b\".\n", "\(switched)")
            #expect(try await config("current-context").stdout == "kcluster-b\n")
            let noSuch = try await config("use-context", "nope")
            #expect(noSuch.status == 1 && noSuch.stderr == "error: no context exists with the name: \"nope\"\n")

            let modified = try await config("set-context", "--current", "--namespace=dev")
            #expect(modified.stdout == "Context \"kcluster-b\" modified.\n", "\(modified)")
            #expect(try await config("get-contexts", "kcluster-b").stdout.hasSuffix("kcluster-b-admin   dev\n"))
            #expect(try await config("set-context", "extra", "-n", "x").stdout == "Context \"extra\" created.\n")

            let deleted = try await config("delete-context", "kcluster-b")
            #expect(deleted.stdout == "deleted context kcluster-b from \(file.path)\n", "\(deleted)")
            #expect(
                deleted.stderr == """
                    warning: this removed your active context, use "kctl config use-context" to select a different \
                    one

                    """)
            #expect(try await config("get-contexts", "-o", "name").stdout == "extra\nkcluster-a\n")
            let notThere = try await config("delete-context", "kcluster-b")
            #expect(
                notThere.status == 1
                    && notThere.stderr == "error: cannot delete context kcluster-b, not in \(file.path)\n")

            // A file that does not exist reads as an empty config, as with kubectl.
            let none = try await home.kctl([
                "config", "current-context", "--kubeconfig", home.url.appendingPathComponent("none").path,
            ])
            #expect(none.status == 1 && none.stderr == "error: current-context is not set\n", "\(none)")
        }
    }

    @Test func usageErrors_areWordedAsKubectlWordsThem_andExit1() async throws {
        try await withClusterHome(prefix: "kctl-usage") { home in
            let unknown = try await home.kctl(["frobnicate", "nodes"])
            #expect(unknown.status == 1 && unknown.stdout == "")
            #expect(unknown.stderr == "error: unknown command \"frobnicate\" for \"kctl\"\n", "\(unknown)")
            let typo = try await home.kctl(["confg", "view"])
            #expect(
                typo.stderr == "error: unknown command \"confg\" for \"kctl\"\n\nDid you mean this?\n\tconfig\n",
                "\(typo)")
            let flag = try await home.kctl(["get", "pods", "--bogus"])
            #expect(flag.status == 1)
            #expect(flag.stderr == "error: unknown flag: --bogus\nSee 'kctl get --help' for usage.\n", "\(flag)")
            let nested = try await home.kctl(["cluster", "bogus"])
            #expect(nested.status == 1)
            #expect(nested.stderr == "error: unknown command \"bogus\"\nSee 'kctl cluster -h' for help and examples\n")
            let clusterFlag = try await home.kctl(["cluster", "list", "--namespace", "x"])
            #expect(
                clusterFlag.stderr == "error: unknown flag: --namespace\nSee 'kctl cluster list --help' for usage.\n")
            let help = try await home.kctl(["cluster", "kill-node", "--help"])
            #expect(help.status == 0 && help.stdout.contains("--cluster") && help.stdout.contains("--context"))
            #expect(!help.stdout.contains("--namespace") && !help.stdout.contains("--request-timeout"), "\(help)")

            let options = try await home.kctl(["options"])
            #expect(options.status == 0 && options.stdout.contains("    -n, --namespace='':\n"), "\(options)")
        }
    }

    @Test func bashCompletion_completesCommandsAndFlags() async throws {
        try await withClusterHome(prefix: "kctl-completion") { home in
            let script = try await home.kctl(["completion", "bash"])
            #expect(script.status == 0)
            let file = home.url.appendingPathComponent("kctl.bash")
            try script.stdout.write(to: file, atomically: true, encoding: .utf8)
            // Completes LINE (cursor at its end) as bash's programmable completion would, printing COMPREPLY.
            let driver = """
                source '\(file.path)'
                complete_line() {
                    COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                    read -ra COMP_WORDS <<< "$COMP_LINE"
                    if [[ "$COMP_LINE" == *" " ]]; then COMP_WORDS+=(""); fi
                    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                    COMPREPLY=()
                    _kctl kctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                    echo "${COMPREPLY[*]}"
                }
                complete_line "kctl con"
                complete_line "kctl config use"
                complete_line "kctl cluster kill"
                complete_line "kctl get pods --nam"
                complete_line "kctl completion "
                complete_line "kctl config use-context kc"
                complete_line "kctl get pods --context kcluster-b"
                """
            // Context names come from kctl itself (`kctl ---completion ...`), reading the kubeconfig.
            try FileManager.default.createDirectory(
                at: home.url.appendingPathComponent(".kctl"), withIntermediateDirectories: true)
            try Self.kubeconfig.write(toFile: home.kubeconfig, atomically: true, encoding: .utf8)
            let binaries = try BuiltProducts.url(for: "kctl").deletingLastPathComponent().path
            let result = try await runCommand(
                URL(fileURLWithPath: "/bin/bash"), ["-c", driver],
                environment: [
                    "HOME": home.url.path, "KUBECONFIG": home.kubeconfig,
                    "PATH": binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                ])
            #expect(
                result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    == [
                        "config", "use-context", "kill-node", "--namespace", "bash zsh fish", "kcluster-a kcluster-b",
                        "kcluster-b", "",
                    ], "\(result)")
        }
    }

    @Test func zshCompletion_completesCommands() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") else {
            print("SKIPPED zsh completion end-to-end test: zsh is not installed")
            return
        }
        try await withClusterHome(prefix: "kctl-zsh") { home in
            let script = try await home.kctl(["completion", "zsh"])
            #expect(script.status == 0 && script.stdout.hasPrefix("#compdef kctl\n"))
            let file = home.url.appendingPathComponent("_kctl")
            try script.stdout.write(to: file, atomically: true, encoding: .utf8)
            // An interactive zsh in a pseudo-terminal: type a line and Tab, then turn the completed line into
            // `echo LINE: ...` (Ctrl-A, Ctrl-E) so it can be read back; polls until both lines came or 10 s.
            let driver = """
                zmodload zsh/zpty
                zpty z zsh -f -i
                zpty -w z 'PS1=">"; autoload -U compinit; compinit -u -D; source \(file.path)'
                for line in "kctl confi" "kctl cluster kill-n"; do
                  zpty -n -w z "$line"$'\\t\\x01echo LINE: \\x05\\n'
                done
                out=""; deadline=$(( SECONDS + 10 ))
                while (( SECONDS < deadline )) && [[ $(print -r -- "$out" | grep -ac "^LINE:") -lt 2 ]]; do
                  zpty -rt z chunk && out+=${chunk//$'\\r'/} || sleep 0.05
                done
                print -r -- "$out" | grep -a "^LINE:"
                zpty -d z
                """
            let result = try await runCommand(
                URL(fileURLWithPath: "/usr/bin/zsh"), ["-f", "-c", driver], environment: ["HOME": home.url.path],
                timeout: .seconds(30))
            #expect(result.stdout == "LINE: kctl config\nLINE: kctl cluster kill-node\n", "\(result)")
        }
    }

    @Test func twoClusters_deletingTheCurrentOne_switchesToTheOther() async throws {
        try await withClusterHome(prefix: "kctl-two") { home in
            for name in ["c1", "c2"] {
                let created = try await home.kctl(
                    ["cluster", "create", name, "--nodes", "1"] + ClusterCommandTests.timing)
                #expect(created.status == 0, "\(created)")
            }
            #expect(try await home.kctl(["cluster", "list", "-o", "name"]).stdout == "c1\nc2\n")
            let list = try await home.kctl(["cluster", "list"])
            let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(rows.first == ["NAME", "RUNTIME", "NODES", "STATUS", "SERVER", "CURRENT"], "\(list)")
            #expect(rows.count == 3 && rows[1].prefix(5) == ["c1", "process", "1/1", "1", "Ready"], "\(list)")
            #expect(rows.count == 3 && rows[2].prefix(5) == ["c2", "process", "1/1", "1", "Ready"], "\(list)")
            #expect(rows.count == 3 && rows[1].count == 6 && rows[2].last == "*", "c2 is current: \(list)")
            #expect(rows.count == 3 && rows[2][5].hasPrefix("127.0.0.1:"), "\(list)")

            // -nNS and --namespace=NS, before or after the verb.
            for arguments in [["get", "pods", "-nkube-system"], ["--namespace=kube-system", "get", "pods"]] {
                let pods = try await home.kctl(arguments)
                #expect(pods.status == 0 && pods.stderr == "No resources found in kube-system namespace.\n", "\(pods)")
            }

            // Fault verbs name the cluster they looked for.
            let wrong = try await home.kctl(["cluster", "kill-node", "n1", "--cluster", "c9"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.hasPrefix("error: cluster \"c9\" not found (as named on the command line)\n"))
            #expect(wrong.stderr.contains("Local clusters: c1, c2."), "\(wrong)")

            let deleted = try await home.kctl(["cluster", "delete", "c2"])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(
                deleted.stderr == "Deleting cluster \"c2\" ...\nSwitched to context \"kcluster-c1\" (cluster \"c1\").\n"
            )
            #expect(try await home.kctl(["config", "current-context"]).stdout == "kcluster-c1\n")
            let nodes = try await home.kctl(["get", "nodes"])
            #expect(nodes.status == 0 && nodes.stdout.contains("n1 ") && nodes.stdout.contains(" Ready "), "\(nodes)")
            #expect(try await home.kctl(["cluster", "list"]).stdout.contains("   *\n"))
            let killed = try await home.kctl(["cluster", "kill-node", "n1"])
            #expect(killed.stdout == "node/n1 killed\n", "\(killed)")
            let afterKill = try await home.kctl(["cluster", "list"])
            #expect(afterKill.stdout.contains(" 0/1 ") && afterKill.stdout.contains(" 1 killed "), "\(afterKill)")

            // The last one: no current context; commands say so and how to choose one.
            let last = try await home.kctl(["cluster", "delete", "c1"])
            #expect(
                last.stderr == """
                    Deleting cluster "c1" ...
                    No current context is set: no contexts remain. Create a local cluster with 'kctl cluster create'.

                    """, "\(last)")
            let orphan = try await home.kctl(["get", "nodes"])
            #expect(orphan.status == 1)
            #expect(
                orphan.stderr.hasPrefix(
                    "error: current-context is not set\nChoose a context with 'kctl config use-context NAME'"),
                "\(orphan)")
        }
    }
}
