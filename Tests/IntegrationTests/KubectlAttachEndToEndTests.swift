import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// `pods/attach` over WebSocket `v5.channel.k8s.io` with the real kubectl against a 1-node cluster made by the
/// built `kctl cluster create`: `kubectl run -i --rm` and `run -it --rm` (a container on a pseudo-terminal),
/// `kubectl attach` to a running process's output from now on, `attach -i` to a `stdinOnce` container, and
/// kubectl's TTY warning.
@Suite(.serialized, .enabled(if: RealKubectl.binary != nil, "no kubectl on PATH"))
struct KubectlAttachEndToEndTests {
    static let pods = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: ticker
        spec:
          containers:
          - name: main
            image: busybox
            command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done"]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: once
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox
            stdin: true
            stdinOnce: true
            command: ["sh", "-c", "read line; echo got:$line"]

        """

    @Test func runAndAttach_withTheRealKubectl() async throws {
        try await withClusterHome(prefix: "kubectl-attach") { home in
            let created = try await home.kctl(
                ["cluster", "create", "att", "--nodes", "1"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let kubectl = try RealKubectl(home: home.url)

            // kubectl run -i --rm: the pod (stdin, stdinOnce) reads what we type, then is deleted.
            let run = try await kubectl(
                "run", "r1", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", "-c",
                "read line; echo got:$line", stdin: "hello\n")
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "got:hello\npod \"r1\" deleted\n", "\(run)")
            #expect(run.stderr.contains("If you don't see a command prompt, try pressing enter.\n"), "\(run)")
            // A command that is done before kubectl attaches: its output all the same, without kubectl's fallback warning.
            let quick = try await kubectl(
                "run", "q", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", "-c", "echo hi")
            #expect(quick.status == 0 && quick.stdout == "hi\npod \"q\" deleted\n", "\(quick)")
            #expect(!quick.stderr.contains("warning"), "\(quick)")
            // Its exit code becomes kubectl's.
            let failed = try await kubectl(
                "run", "r2", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", "-c",
                "read line; echo $line; exit 3", stdin: "bye\n")
            #expect(failed.status == 3, "\(failed)")
            #expect(failed.stdout == "bye\npod \"r2\" deleted\n", "\(failed)")
            #expect(failed.stderr.hasSuffix("pod default/r2 terminated (Error)\n"), "\(failed)")

            // kubectl run -it: the container gets a terminal (tty: true); we type into it and see its echo.
            let terminal = try await kubectl.onTerminal(
                ["run", "r3", "--image=busybox", "-it", "--rm", "--restart=Never", "--", "sh"],
                input: "echo sum-$((40+2)); tty; exit 5\n")
            #expect(terminal.status == 5, "\(terminal)")
            #expect(terminal.stdout.contains("sum-42\r\n"), "\(terminal)")
            #expect(terminal.stdout.contains("/dev/pts/"), "\(terminal)")
            #expect(terminal.stdout.contains("pod \"r3\" deleted"), "\(terminal)")

            let manifest = home.url.appendingPathComponent("attach-pods.yaml")
            try Self.pods.write(to: manifest, atomically: true, encoding: .utf8)
            #expect(try await kubectl("apply", "-f", manifest.path).status == 0)
            _ = try await eventually(within: .seconds(30), poll: .milliseconds(200), "both pods Running") { () -> Bool? in
                let phases = try await kubectl("get", "pods", "ticker", "once", "-o", "jsonpath={.items[*].status.phase}")
                return phases.stdout == "Running Running" ? true : nil
            }

            // attach: the output from now on (what was printed before is only in the log).
            _ = try await eventually(within: .seconds(10), poll: .milliseconds(100), "tick 3 logged") { () -> Bool? in
                try await kubectl("logs", "ticker").stdout.contains("tick 3\n") ? true : nil
            }
            let attached = try kubectl.start("attach", "ticker")
            let ticks = try await eventually(within: .seconds(20), "two ticks attached") { () -> [Int]? in
                let ticks = attached.capturedOutput.split(separator: "\n").compactMap { line in
                    line.hasPrefix("tick ") ? Int(line.dropFirst(5)) : nil
                }
                return ticks.count >= 2 ? ticks : nil
            }
            #expect(ticks[0] >= 3, "replayed output: \(ticks)")
            #expect(ticks[1] == ticks[0] + 1, "\(ticks)")
            #expect(attached.capturedOutput.contains("If you don't see a command prompt, try pressing enter."))
            await attached.stop(grace: .seconds(5))

            // -t on a container without a terminal: kubectl's warning, then the plain attach.
            let noTerminal = try kubectl.start("attach", "-it", "ticker")
            _ = try await noTerminal.waitForLine(containing: "error: Unable to use a TTY - container main did not allocate one")
            _ = try await noTerminal.waitForLine(containing: "tick ")
            await noTerminal.stop(grace: .seconds(5))

            // attach -i to a stdinOnce container: our line reaches its read; the end of our stdin closes its stdin,
            // and the session ends with the process.
            let once = try await kubectl("attach", "-i", "once", stdin: "hi\n")
            #expect(once.status == 0, "\(once)")
            #expect(once.stdout == "got:hi\n", "\(once)")
            _ = try await eventually(within: .seconds(20), poll: .milliseconds(200), "once Succeeded") { () -> Bool? in
                try await kubectl("get", "pod", "once", "-o", "jsonpath={.status.phase}").stdout == "Succeeded" ? true : nil
            }
            let completed = try await kubectl("attach", "once")
            #expect(completed.status == 1, "\(completed)")
            #expect(completed.stderr == "error: cannot attach a container in a completed pod; current phase is Succeeded\n",
                    "\(completed)")

            #expect(try await home.kctl(["cluster", "delete", "att"], defaultKubeconfig: true).status == 0)
        }
    }
}
