import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// Issue 9, acceptance 1: the seed DaemonSet tutorial (`../shared/seed/daemonset-tutorial.md`) step by step with the
/// real kubectl against a 3-node cluster made by the built `kctl cluster create`: apply, expose, get, exec on a
/// terminal and without, the update strategy by go-template, a rolling image update watched by `get pods -w`,
/// rollout status / history / undo, explain, edit and patch (and the refused selector change). kubectl's own
/// output is checked.
@Suite(.serialized, .enabled(if: RealKubectl.binary != nil, "no kubectl on PATH"))
struct KubectlTutorialEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    @Test func theDaemonSetTutorial_withTheRealKubectl() async throws {
        try await withClusterHome(prefix: "kubectl-tutorial") { home in
            let created = try await home.kctl(
                ["cluster", "create", "tut", "--nodes", "3"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let kubectl = try RealKubectl(home: home.url)

            // (2) apply: created, then unchanged.
            let applied = try await kubectl("apply", "-f", Self.seed)
            #expect(applied.stdout == "deployment.apps/redis created\ndaemonset.apps/filebeat-ds created\n", "\(applied)")
            let again = try await kubectl("apply", "-f", Self.seed)
            #expect(again.stdout == "deployment.apps/redis unchanged\ndaemonset.apps/filebeat-ds unchanged\n", "\(again)")

            // (3) expose, get svc.
            let exposed = try await kubectl("expose", "deployment", "redis", "--port=6379")
            #expect(exposed.status == 0 && exposed.stdout == "service/redis exposed\n", "\(exposed)")
            let services = try await kubectl("get", "svc")
            let serviceRows = services.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(serviceRows.first == ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], "\(services)")
            #expect(serviceRows.dropFirst().map { Array($0.prefix(5)) } == [
                ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP"],
                ["redis", "ClusterIP", serviceRows.last?[2] ?? "", "<none>", "6379/TCP"],
            ], "\(services)")

            // Every pod Running: one filebeat per node and the redis replica.
            let wide = try await eventually(within: .seconds(30), poll: .milliseconds(300), "pods Running") {
                () -> [[String]]? in
                let rows = try await kubectl("get", "pods", "-o", "wide").stdout.split(separator: "\n").dropFirst()
                    .map { $0.split(separator: " ").map(String.init) }
                return rows.count == 4 && rows.allSatisfy({ $0[2] == "Running" && $0[1] == "1/1" }) ? rows : nil
            }
            #expect(wide.filter { $0[0].hasPrefix("filebeat-ds-") }.map { $0[6] }.sorted() == ["n1", "n2", "n3"])
            let redis = try #require(wide.first { $0[0].hasPrefix("redis-") }?[0])
            let oldFilebeats = Set(wide.map { $0[0] }.filter { $0.hasPrefix("filebeat-ds-") })

            // (4) exec -it into redis on a pseudo-terminal: the shell echoes, runs, exits with its code.
            let shell = try await kubectl.onTerminal(
                ["exec", "-it", redis, "--", "/bin/sh"], input: "echo sum-$((40+2)) $HOSTNAME; tty; exit 7\n")
            #expect(shell.status == 7, "\(shell)")
            #expect(shell.stdout.contains("sum-42 \(redis)\r\n"), "\(shell)")
            #expect(shell.stdout.contains("/dev/pts/"), "\(shell)")
            #expect(shell.stdout.contains("command terminated with exit code 7"), "\(shell)")
            let filebeat = try #require(oldFilebeats.sorted().first)
            let host = try await kubectl("exec", filebeat, "--", "sh", "-c", "echo $REDIS_HOST")
            #expect(host.status == 0 && host.stdout == "redis.default.svc.cluster.local\n", "\(host)")

            // Rolling update: (1) the strategy, (2) set image while get pods -w watches.
            let strategy = try await kubectl(
                "get", "ds/filebeat-ds", "-o", #"go-template={{.spec.updateStrategy.type}}{{"\n"}}"#)
            #expect(strategy.stdout == "RollingUpdate\n", "\(strategy)")
            let watch = try kubectl.start("get", "pods", "-w")
            defer { Task { await watch.stop(grace: .seconds(2)) } }
            _ = try await watch.waitForLine(containing: redis)
            let updated = try await kubectl(
                "set", "image", "daemonsets", "filebeat-ds", "filebeat=ikubernetes/filebeat:5.6.6-alpine")
            #expect(updated.stdout == "daemonset.apps/filebeat-ds image updated\n", "\(updated)")
            let rolledOut = try await kubectl("rollout", "status", "ds/filebeat-ds", "--timeout=60s")
            #expect(rolledOut.status == 0, "\(rolledOut)")
            #expect(rolledOut.stdout.hasSuffix("daemon set \"filebeat-ds\" successfully rolled out\n"), "\(rolledOut)")
            let watched = try await eventually(within: .seconds(30), poll: .milliseconds(200), "3 new pods Running") {
                () -> [(name: String, status: String)]? in
                let rows = Self.watchRows(watch.capturedOutput)
                let running = Set(rows.filter { !oldFilebeats.contains($0.name) && $0.name.hasPrefix("filebeat-ds-")
                    && $0.status == "Running" }.map(\.name))
                return running.count == 3 ? rows : nil
            }
            await watch.stop(grace: .seconds(2))
            for old in oldFilebeats {
                #expect(watched.contains { $0.name == old && $0.status == "Terminating" }, "\(old): \(watched)")
            }
            let newNames = Set(watched.map(\.name).filter { $0.hasPrefix("filebeat-ds-") && !oldFilebeats.contains($0) })
            #expect(newNames.count == 3, "\(watched)")
            for name in newNames {
                // Pending -> ContainerCreating -> Running, each seen, in that order.
                let statuses = watched.filter { $0.name == name }.map(\.status)
                let order = ["Pending", "ContainerCreating", "Running"].compactMap { statuses.firstIndex(of: $0) }
                #expect(order.count == 3 && order == order.sorted(), "\(name): \(statuses)")
            }

            // rollout history and undo (which renumbers the old template as revision 3).
            let history = try await kubectl("rollout", "history", "ds/filebeat-ds")
            #expect(history.stdout == "daemonset.apps/filebeat-ds \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
                    "\(history)")
            let undone = try await kubectl("rollout", "undo", "ds/filebeat-ds")
            #expect(undone.stdout == "daemonset.apps/filebeat-ds rolled back\n", "\(undone)")
            #expect(try await kubectl("rollout", "status", "ds/filebeat-ds", "--timeout=60s").status == 0)
            let image = try await kubectl(
                "get", "ds", "filebeat-ds", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
            #expect(image.stdout == "ikubernetes/filebeat:5.6.5-alpine", "\(image)")
            let afterUndo = try await kubectl("rollout", "history", "ds/filebeat-ds")
            #expect(afterUndo.stdout.hasSuffix("REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n"), "\(afterUndo)")

            // explain.
            let explained = try await kubectl("explain", "daemonset")
            #expect(explained.stdout.hasPrefix("GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\nDESCRIPTION:\n"),
                    "\(explained)")
            for field in ["apiVersion\t<string>", "kind\t<string>", "metadata\t<ObjectMeta>", "spec\t<DaemonSetSpec>",
                          "status\t<DaemonSetStatus>"] {
                #expect(explained.stdout.contains("\n  \(field)\n"), "\(field): \(explained)")
            }
            let strategyDoc = try await kubectl("explain", "ds.spec.updateStrategy")
            #expect(strategyDoc.stdout.contains("FIELD: updateStrategy <DaemonSetUpdateStrategy>\n"), "\(strategyDoc)")
            #expect(strategyDoc.stdout.contains("\n  rollingUpdate\t<RollingUpdateDaemonSet>\n"), "\(strategyDoc)")
            #expect(strategyDoc.stdout.contains("\n  type\t<string>\n  enum: OnDelete, RollingUpdate\n"), "\(strategyDoc)")

            // edit: an editor that changes a value, then one that changes nothing.
            let editor = home.url.appendingPathComponent("editor.sh")
            try "#!/bin/sh\nsed -i 's/value: info/value: debug/' \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)
            let edited = try await kubectl("edit", "ds/filebeat-ds", extraEnvironment: ["EDITOR": editor.path])
            #expect(edited.status == 0 && edited.stdout == "daemonset.apps/filebeat-ds edited\n", "\(edited)")
            let level = try await kubectl(
                "get", "ds", "filebeat-ds", "-o", "jsonpath={.spec.template.spec.containers[0].env[1].value}")
            #expect(level.stdout == "debug", "\(level)")
            let unchanged = try await kubectl("edit", "ds/filebeat-ds", extraEnvironment: ["EDITOR": "true"])
            #expect(unchanged.status == 0 && unchanged.stderr == "Edit cancelled, no changes made.\n", "\(unchanged)")

            // patch (strategic merge on the container list by name), the same again, and a selector change.
            let patch = #"{"spec":{"template":{"spec":{"containers":[{"name":"filebeat","image":"ikubernetes/filebeat:5.6.7-alpine"}]}}}}"#
            let patched = try await kubectl("patch", "ds/filebeat-ds", "-p", patch)
            #expect(patched.stdout == "daemonset.apps/filebeat-ds patched\n", "\(patched)")
            // kubectl compares the object before and after: let the rollout (status writes) finish first.
            #expect(try await kubectl("rollout", "status", "ds/filebeat-ds", "--timeout=60s").status == 0)
            let samePatch = try await kubectl("patch", "ds/filebeat-ds", "-p", patch)
            #expect(samePatch.stdout == "daemonset.apps/filebeat-ds patched (no change)\n", "\(samePatch)")
            let refused = try await kubectl("patch", "ds/filebeat-ds", "-p", #"{"spec":{"selector":{"matchLabels":{"app":"other"}}}}"#)
            #expect(refused.status == 1, "\(refused)")
            let lines = refused.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.first == "The DaemonSet \"filebeat-ds\" is invalid: ", "\(refused)")
            #expect(lines.contains(
                #"* spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other", "release":"stable"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#),
                "\(refused)")
            #expect(lines.contains(
                #"* spec.template.metadata.labels: Invalid value: map[string]string{"app":"filebeat", "release":"stable"}: `selector` does not match template `labels`"#),
                "\(refused)")

            #expect(try await home.kctl(["cluster", "delete", "tut"], defaultKubeconfig: true).status == 0)
        }
    }

    /// The rows of `kubectl get pods -w` output: name and STATUS (the header and blank lines skipped).
    static func watchRows(_ output: String) -> [(name: String, status: String)] {
        output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 5, fields[0] != "NAME" else { return nil }
            return (String(fields[0]), String(fields[2]))
        }
    }
}
