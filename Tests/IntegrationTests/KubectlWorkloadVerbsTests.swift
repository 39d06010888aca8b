import Foundation
import KubeAPI
import TestSupport
import Testing

/// kubectl's workload verbs against one 2-node cluster: `scale`, `set image`, `rollout status|history|undo|restart`
/// of a Deployment and a DaemonSet, `wait` (`--for=condition=Available`, `--for=jsonpath=...`), and for pods
/// `logs` (`--tail`, `-f` stopped by pid, `ds/NAME`), `exec` (stdin, exit codes), `cp` both ways and
/// `cordon`/`uncordon`/`drain` (evictions). Outputs are kubectl's against Kubernetes.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct KubectlWorkloadVerbsTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.26
        """

    static let daemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
              - name: agent
                image: busybox:1.36
                command: ["sh", "-c", "echo agent on $NODE_NAME; while true; do sleep 1; done"]
                env:
                - name: NODE_NAME
                  valueFrom:
                    fieldRef:
                      fieldPath: spec.nodeName
        """

    @Test func deployments_daemonSets_pods_andNodes() async throws {
        try await KubectlSession.withCluster("workloads") { kubectl in
            let applied = try await kubectl(
                "apply", "-f", try kubectl.file("web.yaml", Self.deployment), "-f", try kubectl.file("agent.yaml", Self.daemonSet))
            #expect(applied.stdout == "deployment.apps/web created\ndaemonset.apps/agent created\n", "\(applied)")
            try await deployment(kubectl)
            try await daemonSet(kubectl)
            try await logsExecCopy(kubectl)
            try await cordonAndDrain(kubectl)
        }
    }

    func image(_ kubectl: KubectlSession, _ object: String) async throws -> String {
        try await kubectl("get", object, "-o", "jsonpath={.spec.template.spec.containers[0].image}").stdout
    }

    /// The REVISION column of `rollout history`.
    func revisions(_ kubectl: KubectlSession, _ object: String) async throws -> [String] {
        let history = try await kubectl("rollout", "history", object)
        let lines = history.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.first == "\(object.replacingOccurrences(of: "deploy/", with: "deployment.apps/").replacingOccurrences(of: "ds/", with: "daemonset.apps/")) ",
                "\(history)")
        #expect(lines.dropFirst().first == "REVISION  CHANGE-CAUSE", "\(history)")
        return lines.dropFirst(2).map { String($0.split(separator: " ").first ?? "") }
    }

    func deployment(_ kubectl: KubectlSession) async throws {
        let available = try await kubectl("wait", "--for=condition=Available", "deploy/web", "--timeout=30s")
        #expect(available.status == 0 && available.stdout == "deployment.apps/web condition met\n", "\(available)")
        let status = try await kubectl("rollout", "status", "deploy/web", "--timeout=30s")
        #expect(status.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(status)")

        let scaled = try await kubectl("scale", "deploy/web", "--replicas=3")
        #expect(scaled.stdout == "deployment.apps/web scaled\n", "\(scaled)")
        let ready = try await kubectl("wait", "--for=jsonpath={.status.readyReplicas}=3", "deploy/web", "--timeout=30s")
        #expect(ready.stdout == "deployment.apps/web condition met\n", "\(ready)")
        let precondition = try await kubectl("scale", "deploy/web", "--current-replicas=2", "--replicas=1")
        #expect(precondition.status == 1, "\(precondition)")
        #expect(precondition.stderr == "error: Expected replicas to be 2, was 3\n", "\(precondition)")
        #expect(tableRows(try await kubectl("get", "deploy", "web").stdout).last?.prefix(4) == ["web", "3/3", "3", "3"])

        let set = try await kubectl("set", "image", "deploy/web", "web=nginx:1.27")
        #expect(set.stdout == "deployment.apps/web image updated\n", "\(set)")
        let rolled = try await kubectl("rollout", "status", "deploy/web", "--timeout=60s")
        #expect(rolled.status == 0 && rolled.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(rolled)")
        #expect(try await revisions(kubectl, "deploy/web") == ["1", "2"])
        let second = try await kubectl("rollout", "history", "deploy/web", "--revision=2")
        #expect(second.stdout.hasPrefix("deployment.apps/web with revision #2\nPod Template:\n"), "\(second)")
        #expect(second.stdout.contains("    Image:\tnginx:1.27\n"), "\(second)")

        let undone = try await kubectl("rollout", "undo", "deploy/web")
        #expect(undone.stdout == "deployment.apps/web rolled back\n", "\(undone)")
        _ = try await kubectl("rollout", "status", "deploy/web", "--timeout=60s")
        #expect(try await image(kubectl, "deploy/web") == "nginx:1.26")
        #expect(try await revisions(kubectl, "deploy/web") == ["2", "3"])
        let skipped = try await kubectl("rollout", "undo", "deploy/web", "--to-revision=3")
        #expect(skipped.stdout == "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
                "\(skipped)")
        let noRevision = try await kubectl("rollout", "undo", "deploy/web", "--to-revision=9")
        #expect(noRevision.status == 1 && noRevision.stderr == "error: unable to find specified revision 9 in history\n",
                "\(noRevision)")

        let restarted = try await kubectl("rollout", "restart", "deploy/web")
        #expect(restarted.stdout == "deployment.apps/web restarted\n", "\(restarted)")
        let annotation = try await kubectl(
            "get", "deploy/web", "-o", "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}")
        #expect(annotation.stdout.hasSuffix("Z") && annotation.stdout.count == 20, "\(annotation)")
        let afterRestart = try await kubectl("rollout", "status", "deploy/web", "--timeout=60s")
        #expect(afterRestart.stdout.hasSuffix("deployment \"web\" successfully rolled out\n"), "\(afterRestart)")
        #expect(try await revisions(kubectl, "deploy/web") == ["2", "3", "4"])
        // Every pod left carries the restart annotation (the old ones are gone).
        try await kubectl.until(
            "old pods gone", "get", "pods", "-l", "app=web",
            "-o", "jsonpath={range .items[*]}{.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}{\"\\n\"}{end}"
        ) { result in
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            return lines.count == 3 && lines.allSatisfy { $0 == Substring(annotation.stdout) }
        }
    }

    func daemonSet(_ kubectl: KubectlSession) async throws {
        let ready = try await kubectl("wait", "--for=jsonpath={.status.numberReady}=2", "ds/agent", "--timeout=30s")
        #expect(ready.stdout == "daemonset.apps/agent condition met\n", "\(ready)")
        let noScale = try await kubectl("scale", "ds/agent", "--replicas=3")
        #expect(noScale.status == 1, "\(noScale)")

        let set = try await kubectl("set", "image", "ds/agent", "agent=busybox:1.37")
        #expect(set.stdout == "daemonset.apps/agent image updated\n", "\(set)")
        let rolled = try await kubectl("rollout", "status", "ds/agent", "--timeout=60s")
        #expect(rolled.status == 0 && rolled.stdout.hasSuffix("daemon set \"agent\" successfully rolled out\n"), "\(rolled)")
        #expect(try await revisions(kubectl, "ds/agent") == ["1", "2"])
        let first = try await kubectl("rollout", "history", "ds/agent", "--revision=1")
        #expect(first.stdout.hasPrefix("daemonset.apps/agent with revision #1\nPod Template:\n"), "\(first)")
        #expect(first.stdout.contains("    Image:\tbusybox:1.36\n"), "\(first)")

        let undone = try await kubectl("rollout", "undo", "ds/agent")
        #expect(undone.stdout == "daemonset.apps/agent rolled back\n", "\(undone)")
        _ = try await kubectl("rollout", "status", "ds/agent", "--timeout=60s")
        #expect(try await image(kubectl, "ds/agent") == "busybox:1.36")
        #expect(try await revisions(kubectl, "ds/agent") == ["2", "3"])
        let skipped = try await kubectl("rollout", "undo", "ds/agent", "--to-revision=3")
        #expect(skipped.stdout == "daemonset.apps/agent skipped rollback (current template already matches revision 3)\n",
                "\(skipped)")
        let toSecond = try await kubectl("rollout", "undo", "ds/agent", "--to-revision=2")
        #expect(toSecond.stdout == "daemonset.apps/agent rolled back\n", "\(toSecond)")
        _ = try await kubectl("rollout", "status", "ds/agent", "--timeout=60s")
        #expect(try await image(kubectl, "ds/agent") == "busybox:1.37")

        let restarted = try await kubectl("rollout", "restart", "ds/agent")
        #expect(restarted.stdout == "daemonset.apps/agent restarted\n", "\(restarted)")
        let afterRestart = try await kubectl("rollout", "status", "ds/agent", "--timeout=60s")
        #expect(afterRestart.stdout.hasSuffix("daemon set \"agent\" successfully rolled out\n"), "\(afterRestart)")
        #expect(try await revisions(kubectl, "ds/agent") == ["3", "4", "5"])
        try await kubectl.until("agent pods replaced", "get", "pods", "-l", "app=agent", "-o", "name") {
            $0.stdout.split(separator: "\n").count == 2
        }
    }

    func logsExecCopy(_ kubectl: KubectlSession) async throws {
        let run = try await kubectl(
            "run", "counter", "--image=busybox", "--command", "--",
            "sh", "-c", "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done")
        #expect(run.stdout == "pod/counter created\n", "\(run)")
        #expect(try await kubectl("wait", "--for=condition=Ready", "pod/counter", "--timeout=30s").status == 0)
        try await kubectl.until("five lines logged", "logs", "counter") { $0.stdout.contains("line 5\n") }
        let tail = try await kubectl("logs", "counter", "--tail=2")
        let tailLines = tail.stdout.split(separator: "\n")
        #expect(tailLines.count == 2 && tailLines.allSatisfy { $0.hasPrefix("line ") }, "\(tail)")
        let whole = try await kubectl("logs", "counter")
        #expect(whole.stdout.hasPrefix("line 0\nline 1\nline 2\n"), "\(whole)")

        // logs -f follows until killed: the numbers keep coming in order, starting from the tail asked for.
        let follower = try kubectl.spawn("logs", "-f", "counter", "--tail=1")
        defer { follower.signal(SIGKILL) }
        let firstLine = try await follower.waitForLine(containing: "line ")
        let start = Int(firstLine.split(separator: " ").last ?? "") ?? -1
        _ = try await follower.waitForLine(containing: "line \(start + 10)")
        #expect(follower.isRunning)
        follower.signal(SIGTERM)
        _ = try await follower.waitForExit()
        let followed = follower.capturedOutput.split(separator: "\n").compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(followed.count >= 11 && followed == Array(start..<start + followed.count), "\(follower.capturedOutput)")

        let agentLog = try await kubectl("logs", "ds/agent", "--tail=5")
        #expect(agentLog.stdout.hasPrefix("agent on n"), "\(agentLog)")
        #expect(agentLog.stderr.hasPrefix("Found 2 pods, using pod/agent-"), "\(agentLog)")
        let noLog = try await kubectl("logs", "nope")
        #expect(noLog.stderr == "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n", "\(noLog)")

        let echoed = try await kubectl("exec", "-i", "counter", "--", "sh", "-c", "cat; echo done", stdin: "hello\nworld\n")
        #expect(echoed.status == 0 && echoed.stdout == "hello\nworld\ndone\n", "\(echoed)")
        let counted = try await kubectl("exec", "-i", "counter", "--", "wc", "-l", stdin: "a\nb\nc\n")
        #expect(counted.stdout.trimmingCharacters(in: .whitespaces) == "3\n", "\(counted)")
        let failed = try await kubectl("exec", "counter", "--", "sh", "-c", "echo out; echo err >&2; exit 7")
        #expect(failed.status == 7 && failed.stdout == "out\n", "\(failed)")
        #expect(failed.stderr == "err\ncommand terminated with exit code 7\n", "\(failed)")
        let noPod = try await kubectl("exec", "nope", "--", "true")
        #expect(noPod.status == 1 && noPod.stderr == "Error from server (NotFound): pods \"nope\" not found\n", "\(noPod)")

        // cp: into the pod (relative to its working directory) and back out.
        let local = kubectl.home.url.appendingPathComponent("upload.txt")
        try "copied through tar\n".write(to: local, atomically: true, encoding: .utf8)
        let up = try await kubectl("cp", local.path, "counter:upload.txt")
        #expect(up.status == 0 && up.stdout.isEmpty, "\(up)")
        #expect(try await kubectl("exec", "counter", "--", "cat", "upload.txt").stdout == "copied through tar\n")
        _ = try await kubectl("exec", "counter", "--", "sh", "-c", "mkdir -p out && echo from the pod > out/made.txt")
        let back = kubectl.home.url.appendingPathComponent("downloaded")
        let down = try await kubectl("cp", "counter:out", back.path)
        #expect(down.status == 0, "\(down)")
        #expect(try String(contentsOf: back.appendingPathComponent("made.txt"), encoding: .utf8) == "from the pod\n")
    }

    func cordonAndDrain(_ kubectl: KubectlSession) async throws {
        let node = try await kubectl("get", "pod", "counter", "-o", "jsonpath={.spec.nodeName}").stdout
        #expect(["n1", "n2"].contains(node))
        #expect(try await kubectl("cordon", node).stdout == "node/\(node) cordoned\n")
        #expect(try await kubectl("cordon", node).stdout == "node/\(node) already cordoned\n")
        let nodes = tableRows(try await kubectl("get", "nodes").stdout)
        #expect(nodes.first { $0.first == node }?[1] == "Ready,SchedulingDisabled", "\(nodes)")
        #expect(describedValue(try await kubectl("describe", "node", node).stdout, "Unschedulable") == "true")

        let refused = try await kubectl("drain", node)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.hasPrefix("error: unable to drain node \"\(node)\" due to error: ["), "\(refused)")
        #expect(refused.stderr.contains("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-"),
                "\(refused)")
        #expect(refused.stderr.contains("cannot delete Pods that declare no controller (use --force to override): default/counter"),
                "\(refused)")
        let webPods = try await kubectl("get", "pods", "-l", "app=web", "--field-selector", "spec.nodeName=\(node)", "-o", "name")
        let drained = try await kubectl("drain", node, "--ignore-daemonsets", "--force", "--timeout=60s")
        #expect(drained.status == 0, "\(drained)")
        #expect(drained.stdout.hasPrefix("node/\(node) already cordoned\n") && drained.stdout.hasSuffix("node/\(node) drained\n"), "\(drained)")
        #expect(drained.stdout.contains("evicting pod default/counter\n") && drained.stdout.contains("pod/counter evicted\n"), "\(drained)")
        for pod in webPods.stdout.split(separator: "\n") {
            #expect(drained.stdout.contains("\(pod) evicted\n"), "\(drained)")
        }
        // kubectl joins its warnings from a Go map, so their order varies from run to run.
        let warnings = drained.stderr.hasPrefix("Warning: ")
            ? drained.stderr.dropFirst("Warning: ".count).trimmingCharacters(in: .newlines).components(separatedBy: "; ")
            : []
        #expect(warnings.count == 2, "\(drained)")
        #expect(warnings.contains { $0.hasPrefix("ignoring DaemonSet-managed Pods: default/agent-") }, "\(drained)")
        #expect(warnings.contains("deleting Pods that declare no controller: default/counter"), "\(drained)")
        #expect(try await kubectl("get", "pod", "counter").status == 1)
        // The Deployment's pods come back on the other node; the DaemonSet's pod stays.
        try await kubectl.until("web pods moved", "get", "pods", "-l", "app=web", "--field-selector", "status.phase=Running", "-o", "jsonpath={.items[*].spec.nodeName}") {
            let placed = $0.stdout.split(separator: " ")
            return placed.count == 3 && !placed.contains(Substring(node))
        }
        #expect(try await kubectl("get", "pods", "-l", "app=agent", "--field-selector", "spec.nodeName=\(node)", "-o", "name").stdout
            .hasPrefix("pod/agent-"))
        #expect(try await kubectl("uncordon", node).stdout == "node/\(node) uncordoned\n")
        #expect(try await kubectl("uncordon", node).stdout == "node/\(node) already uncordoned\n")
    }
}
