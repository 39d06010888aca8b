import Foundation
import KubeAPI
import Testing
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The container sandbox against a hostile manifest: a container's command, and an `exec`, try to write to
/// `/etc`, `/opt`, `/root`, `/tmp` and the node's data directory, and `kill -9` every process they can see. The
/// machine must be untouched: the files do not exist on the host, and kubeletd, the control plane, another pod
/// and a process of the test are still alive, and the cluster still answers. Needs root (the sandbox's mount and
/// PID namespaces and pod users).
@Suite(.serialized, .enabled(if: getuid() == 0, "the sandbox needs root"))
struct SandboxEndToEndTests {
    /// The hostile script: `$MARKER` names the files it tries to create, `$DATA` is the node's data directory.
    static let script = """
        for p in /etc/$MARKER /opt/$MARKER /root/$MARKER /tmp/$MARKER $DATA/$MARKER /$MARKER; do
          if echo pwned > $p 2>/dev/null; then echo "wrote $p"; else echo "refused $p"; fi
        done
        mkdir /etc/$MARKER.d 2>/dev/null && echo "made /etc/$MARKER.d"
        echo "uid $(id -u)"
        kill -9 -1 2>/dev/null
        for d in /proc/[0-9]*; do p=${d#/proc/}; [ "$p" = "$$" ] || kill -9 $p 2>/dev/null; done
        echo "hostile done"
        """

    static func manifest(marker: String, data: String) -> String {
        // `$$` is Kubernetes' escape for `$` in a command.
        let command = script.replacingOccurrences(of: "$$", with: "$$$$").split(separator: "\n")
            .joined(separator: "\n      ")
        return """
            apiVersion: v1
            kind: Pod
            metadata:
              name: victim
            spec:
              containers:
              - name: app
                image: busybox
                command: ["sh", "-c", "echo victim up; exec sleep 3600"]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: hostile
            spec:
              containers:
              - name: app
                image: busybox
                env:
                - {name: MARKER, value: "\(marker)"}
                - {name: DATA, value: "\(data)"}
                command:
                - sh
                - -c
                - |
                  \(command)
                  exec sleep 3600
            """
    }

    @Test func aHostileCommandAndExec_leaveTheMachineAndOtherProcessesUntouched() async throws {
        let marker = "kcluster-hostile-\(UInt32.random(in: 0...UInt32.max))"
        let bystander = try ChildProcess(URL(fileURLWithPath: "/bin/sleep"), ["300"], name: "bystander")
        try await withTestCluster(nodes: 1) { cluster in
            let data = cluster.controlPlane.dataDirectory.appendingPathComponent("nodes/n1").path
            let paths = ["/etc", "/opt", "/root", "/tmp", data, ""].map { "\($0)/\(marker)" } + ["/etc/\(marker).d"]
            let applied = try await cluster.kctl("apply", "-f", "-", stdin: Self.manifest(marker: marker, data: data))
            #expect(applied.status == 0, "\(applied)")
            let logs = try await eventually(within: .seconds(20), "the hostile script ran") { () -> String? in
                let result = try await cluster.kctl("logs", "hostile")
                return result.stdout.contains("hostile done") ? result.stdout : nil
            }
            // Every write outside the pod was refused; /tmp is the pod's own.
            for path in paths.filter({ !$0.hasPrefix("/tmp/") && !$0.hasSuffix(".d") }) {
                #expect(logs.contains("refused \(path)"), "\(logs)")
            }
            #expect(logs.contains("wrote /tmp/\(marker)"), "\(logs)")
            #expect(!logs.contains("made /etc"), "\(logs)")
            #expect(!logs.contains("uid 0\n"), "\(logs)")

            // The exec joins its container's PID namespace (as in Kubernetes): its kills end that container, and
            // the exec with it, but nothing outside the pod.
            let exec = try await cluster.kctl("exec", "hostile", "--", "sh", "-c", "MARKER=\(marker)-exec DATA=\(data); " + Self.script)
            #expect(exec.stdout.contains("refused /etc/\(marker)-exec"), "\(exec)")
            #expect(exec.stdout.contains("wrote /tmp/\(marker)-exec"), "\(exec)")
            #expect(!exec.stdout.contains("uid 0\n"), "\(exec)")

            for path in paths + paths.map({ $0.replacingOccurrences(of: marker, with: marker + "-exec") }) {
                #expect(!FileManager.default.fileExists(atPath: path), "\(path) was written on the machine")
            }
            // Everything outside the pods is alive and the cluster answers; the other pod never restarted.
            #expect(bystander.isRunning)
            #expect(cluster.controlPlane.process.isRunning)
            #expect(try #require(cluster.node("n1")).isRunning)
            let victim = try await cluster.items("pod", "victim").first
            #expect(victim?[path: ["status", "phase"]]?.stringValue == "Running", "\(String(describing: victim))")
            #expect(victim?[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]?.intValue == 0)
            let victimLogs = try await cluster.kctl("logs", "victim")
            #expect(victimLogs.stdout == "victim up\n", "\(victimLogs)")
            let nodes = try await cluster.kctl("get", "nodes")
            #expect(nodes.status == 0 && nodes.stdout.contains("Ready"), "\(nodes)")
        }
        await bystander.stop(grace: .seconds(1))
    }
}
