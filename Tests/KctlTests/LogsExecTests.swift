import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl logs` and `kctl exec` without a cluster: flags, requests, pod and container choice, exit reporting.
@Suite struct LogsExecTests {
    private func logs(
        _ arguments: [String], container: String? = nil, follow: Bool = false, allContainers: Bool = false,
        tail: Int64 = -1, since: String? = nil, limitBytes: Int64 = 0
    ) throws -> LogsPlan {
        try LogsPlan(
            arguments: arguments, container: container, follow: follow, previous: false, timestamps: false,
            allContainers: allContainers, tail: tail, since: since, limitBytes: limitBytes)
    }

    @Test func logsFlags_becomeTheRequestsQueryOptions() throws {
        let plan = try logs(["web"], follow: true, tail: 1, since: "2m", limitBytes: 100)
        var expected = Request(verb: .get, kind: "Pod", namespace: "ns", name: "web")
        expected.subresource = "log"
        expected.container = "app"
        expected.follow = true
        expected.tailLines = 1
        expected.sinceSeconds = 120
        expected.limitBytes = 100
        #expect(plan.request(namespace: "ns", pod: "web", container: "app") == expected)
        let plain = try logs(["web"]).request(namespace: "default", pod: "web", container: "app")
        #expect(plain.tailLines == nil && plain.sinceSeconds == nil && plain.limitBytes == nil && plain.follow == nil)
        #expect(try logs(["web", "app"]).container == "app")
        #expect(try logs(["web"], since: "1.6s").sinceSeconds == 2)
    }

    @Test func logsFlags_areCheckedAsKubectlChecksThem() {
        #expect(throws: LogsExecError(LogsPlan.usage)) { try logs([]) }
        #expect(throws: LogsExecError("--all-containers=true should not be specified with container name c")) {
            try logs(["p"], container: "c", allContainers: true)
        }
        #expect(throws: LogsExecError("only one of -c or an inline [CONTAINER] arg is allowed")) {
            try logs(["p", "a"], container: "b")
        }
        #expect(throws: LogsExecError("--limit-bytes must be greater than 0")) { try logs(["p"], limitBytes: -1) }
        #expect(throws: LogsExecError.self) { try logs(["p"], since: "soon") }
        #expect(LogsPlan.usage.hasPrefix("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"))
    }

    @Test func execPlan_needsACommand_andATerminalForTTY() throws {
        let plan = try ExecPlan(
            pod: "web", command: ["sh", "-c", "echo hi"], container: nil, stdin: true, tty: true,
            stdinIsTerminal: true)
        #expect(plan.tty)
        #expect(plan.warning == nil)
        let request = plan.request(namespace: "default", pod: "web", container: "app")
        #expect(request.subresource == "exec" && request.verb == .create)
        #expect(request.command == ["sh", "-c", "echo hi"] && request.stdin == true && request.tty == true)

        let piped = try ExecPlan(
            pod: "web", command: ["cat"], container: nil, stdin: true, tty: true, stdinIsTerminal: false)
        #expect(!piped.tty)
        #expect(piped.warning == "Unable to use a TTY - input is not a terminal or the right kind of file")
        let noStdin = try ExecPlan(
            pod: "web", command: ["ls"], container: nil, stdin: false, tty: true, stdinIsTerminal: true)
        #expect(!noStdin.tty && noStdin.warning == nil)
        #expect(noStdin.request(namespace: "default", pod: "web", container: "app").stdin == nil)

        #expect(throws: LogsExecError("you must specify at least one command for the container")) {
            try ExecPlan(pod: "web", command: [], container: nil, stdin: false, tty: false, stdinIsTerminal: false)
        }
        #expect(throws: LogsExecError("pod, type/name or --filename must be specified")) {
            try ExecPlan(pod: nil, command: ["ls"], container: nil, stdin: false, tty: false, stdinIsTerminal: false)
        }
    }

    @Test func execExit_isTheRemoteCommandsCode() {
        #expect(ExecPlan.exit(for: .exited(.execSucceeded())) == (0, nil))
        let failed = ExecPlan.exit(for: .exited(.execFailed(exitCode: 3, command: ["sh"])))
        #expect(failed.code == 3)
        #expect(failed.message == "command terminated with exit code 3")
        #expect(ExecPlan.exit(for: .ended) == (0, nil))
        var completed = Pod(metadata: ObjectMeta(name: "p"))
        completed.status.phase = "Succeeded"
        #expect(ExecPlan.refusal(for: completed)
            == LogsExecError("cannot exec into a container in a completed pod; current phase is Succeeded"))
    }

    @Test func errors_asKubectlPrintsThem() {
        #expect(StreamErrorReporting.render(Status.notFound(.pod, name: "p")) == "Error from server (NotFound): pods \"p\" not found")
        var unreachable = Status(code: 500, reason: nil, message: "error dialing backend: dial tcp 127.0.1.1:10250")
        unreachable.reason = nil
        #expect(StreamErrorReporting.render(unreachable) == "Error from server: error dialing backend: dial tcp 127.0.1.1:10250")
        #expect(StreamErrorReporting.render(Status.internalError("error executing command in container: x"))
            == "error: Internal error occurred: error executing command in container: x")
        #expect(StreamErrorReporting.render(LogsExecError("timed out waiting for the condition"))
            == "error: timed out waiting for the condition")
    }

    // MARK: - Choosing pods and containers

    private func pod(
        _ name: String, phase: String = "Running", node: String? = "n1", ready: String? = nil, restarts: Int32 = 0,
        created: String = "2026-01-01T00:00:00Z"
    ) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name), spec: PodSpec(containers: [Container(name: "app", image: "x")]))
        pod.metadata.creationTimestamp = created
        pod.spec.nodeName = node
        pod.status.phase = phase
        if let ready {
            pod.status.conditions = [PodCondition(type: "Ready", status: "True", lastTransitionTime: ready)]
        }
        pod.status.containerStatuses = [ContainerStatus(name: "app", restartCount: restarts)]
        return pod
    }

    @Test func logsPicksPods_asByLogging_andSaysSo() throws {
        let pods = [
            pod("pending", phase: "Pending"), pod("unscheduled", node: nil),
            pod("ready-late", ready: "2026-01-01T00:10:00Z"), pod("ready-early", ready: "2026-01-01T00:05:00Z"),
            pod("running"),
        ]
        let (first, notice) = try #require(PodSelection.first(of: pods, ranking: .logging))
        #expect(first.name == "ready-early")
        #expect(notice == "Found 5 pods, using pod/ready-early")
        #expect(PodSelection.first(of: [pod("only")], ranking: .logging)?.notice == nil)
        let restarted = [pod("calm"), pod("crashy", restarts: 4)]
        #expect(PodSelection.first(of: restarted, ranking: .logging)?.pod.name == "crashy")
        #expect(PodSelection.first(of: restarted, ranking: .mostActive)?.pod.name == "calm")
        #expect(PodSelection.first(of: restarted, ranking: .mostActive)?.notice == nil)
        let ages = [pod("young", created: "2026-02-01T00:00:00Z"), pod("old")]
        #expect(PodSelection.first(of: ages, ranking: .logging)?.pod.name == "old")
    }

    @Test func targets_andSelectors() throws {
        #expect(try PodSelection.target("web").kind == .pod)
        #expect(try PodSelection.target("ds/filebeat-ds") == (.daemonSet, "filebeat-ds"))
        #expect(try PodSelection.target("deploy/redis").kind == .deployment)
        #expect(throws: LogsExecError("the server doesn't have a resource type \"frob\"")) { try PodSelection.target("frob/x") }
        let ds: JSONValue = ["metadata": ["name": "filebeat-ds"], "spec": ["selector": ["matchLabels": ["app": "filebeat", "release": "stable"]]]]
        #expect(try PodSelection.selector(of: ds, kind: .daemonSet) == "app=filebeat,release=stable")
        let svc: JSONValue = ["metadata": ["name": "redis"], "spec": ["selector": ["app": "redis"]]]
        #expect(try PodSelection.selector(of: svc, kind: .service) == "app=redis")
        #expect(throws: LogsExecError.self) { try PodSelection.selector(of: ["metadata": ["name": "n1"]], kind: .node) }
    }

    @Test func theDefaultContainer_isAnnouncedWhenThereAreOthers() {
        var pod = Pod(
            metadata: ObjectMeta(name: "p"),
            spec: PodSpec(
                containers: [Container(name: "a", image: "x"), Container(name: "b", image: "x")],
                initContainers: [Container(name: "setup", image: "x")]))
        #expect(PodSelection.defaultContainer(of: pod).container == "a")
        #expect(PodSelection.defaultContainer(of: pod).notices == ["Defaulted container \"a\" out of: a, b, setup (init)"])
        #expect(PodSelection.allContainerNames(pod) == ["setup", "a", "b"])
        pod.metadata.annotations = ["kubectl.kubernetes.io/default-container": "b"]
        #expect(PodSelection.defaultContainer(of: pod) == ("b", []))
        pod.metadata.annotations = ["kubectl.kubernetes.io/default-container": "zz"]
        #expect(PodSelection.defaultContainer(of: pod).notices.first == "Default container name \"zz\" not found in pod p")
        let single = Pod(metadata: ObjectMeta(name: "s"), spec: PodSpec(containers: [Container(name: "only", image: "x")]))
        #expect(PodSelection.defaultContainer(of: single) == ("only", []))
    }
}
