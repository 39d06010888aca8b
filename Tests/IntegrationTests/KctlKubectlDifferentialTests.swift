import Foundation
import KubeAPI
import TestSupport
import Testing

/// kctl against kubectl 1.32, byte for byte: one cluster made by `kctl cluster create` (the seed manifest, a
/// Service, a ConfigMap, a Secret, an empty namespace, a StatefulSet, a second revision of the DaemonSet, the
/// Deployment and the StatefulSet), then
/// every read command of ``DifferentialCases`` run with both (the two at once, several pairs at a time), their
/// standard output, standard error and exit status compared after ``OutputNormaliser`` (ages). A pair that differs
/// is run again (a heartbeat may have changed the cluster between the two); one that still differs after three
/// tries is reported with a line diff, unless it is a known difference (``DifferentialCases/known``, each with its
/// reason), which is listed instead and must still differ.
@Suite(.serialized, .enabled(if: differentialKubectl != nil, "no kubectl"))
struct KctlKubectlDifferentialTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    /// The Service, ConfigMap and Secret beside the seed, and a pod using most of what describe shows (an init
    /// container, commands, ports, resources, env from values, fields, ConfigMaps and Secrets, probes, volumes,
    /// a node selector, a toleration). One key each in the ConfigMap and the Secret: kubectl describes data keys
    /// in Go's random map order.
    static let extras = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: quiet
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: redis
          namespace: default
          labels:
            app: redis
        spec:
          selector:
            app: redis
            role: logstor
          ports:
          - name: redis
            port: 6379
            targetPort: 6379
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app-config
          namespace: default
          labels:
            app: redis
        data:
          redis.conf: |
            maxmemory 64mb
            maxmemory-policy allkeys-lru
        binaryData:
          logo.bin: AAECAwQ=
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: app-secret
          namespace: default
        type: Opaque
        stringData:
          password: s3cret
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: toolbox
          namespace: default
          labels:
            app: toolbox
          annotations:
            team: platform
        spec:
          nodeSelector:
            kubernetes.io/os: linux
          tolerations:
          - key: dedicated
            operator: Equal
            value: tools
            effect: NoSchedule
          initContainers:
          - name: init
            image: busybox:1.36
            command: ["sh", "-c", "echo ready"]
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c"]
            args: ["sleep 3600"]
            ports:
            - containerPort: 8080
              name: http
            - containerPort: 9090
              protocol: UDP
            resources:
              requests:
                cpu: 100m
                memory: 64Mi
              limits:
                cpu: 500m
                memory: 128Mi
            env:
            - name: MODE
              value: debug
            - name: NODE
              valueFrom:
                fieldRef:
                  fieldPath: spec.nodeName
            - name: CONF
              valueFrom:
                configMapKeyRef:
                  name: app-config
                  key: redis.conf
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: app-secret
                  key: password
            envFrom:
            - configMapRef:
                name: app-config
              prefix: CFG_
            readinessProbe:
              exec:
                command: ["true"]
              periodSeconds: 5
            livenessProbe:
              tcpSocket:
                port: 8080
              initialDelaySeconds: 3
            volumeMounts:
            - name: config
              mountPath: /etc/app
              readOnly: true
            - name: secret
              mountPath: /etc/secret
            - name: scratch
              mountPath: /tmp/scratch
          volumes:
          - name: config
            configMap:
              name: app-config
          - name: secret
            secret:
              secretName: app-secret
          - name: scratch
            emptyDir:
              sizeLimit: 1Gi
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: web
          namespace: default
        spec:
          replicas: 2
          serviceName: web
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 5
              containers:
              - name: web
                image: busybox:1.36
                command: ["sleep", "3600"]
          volumeClaimTemplates:
          - metadata:
              name: www
            spec:
              accessModes: ["ReadWriteOnce"]
              resources:
                requests:
                  storage: 1Gi

        """

    @Test func readCommands_printWhatKubectlPrints() async throws {
        try await withClusterHome(prefix: "kdiff") { home in
            let started = ContinuousClock.now
            let created = try await home.kctl(
                [
                    "cluster", "create", "kd", "--nodes", "2", "--heartbeat-interval", "10s",
                    "--node-monitor-grace-period", "40s", "--node-leave-timeout", "5m",
                ], defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let runner = try DifferentialRunner(home: home.url)
            let cases = try await Self.setUp(runner, home: home)
            let setUpTime = ContinuousClock.now - started

            let outcomes = try await runner.compareAll(cases.all, parallelism: 4)
            var knownStillDiffering: [String] = []
            for outcome in outcomes {
                let reason = DifferentialCases.known[outcome.name]
                switch (outcome.difference, reason) {
                case (nil, nil):
                    break
                case (let difference?, nil):
                    Issue.record("kctl and kubectl differ: \(outcome.name)\n\(difference)")
                case (nil, let reason?):
                    Issue.record("known difference no longer differs, remove it: \(outcome.name) (\(reason))")
                case (.some, let reason?):
                    knownStillDiffering.append("\(outcome.name): \(reason)")
                }
            }
            let same = outcomes.filter { $0.difference == nil }.count
            print(
                "differential: \(outcomes.count) commands, \(same) print the same, \(knownStillDiffering.count) known "
                    + "differences; set-up \(setUpTime), comparisons \(ContinuousClock.now - started - setUpTime)")
            for line in knownStillDiffering { print("  known: \(line)") }
            #expect(outcomes.count > 300)
            // kubectl 1.32 reads the Service's EndpointSlices: the same output lists redis's endpoint, not `<none>`.
            let described = try await runner.kubectl(["describe", "svc", "redis"])
            let endpointsLine = described.stdout.split(separator: "\n").first { $0.hasPrefix("Endpoints:") } ?? ""
            #expect(endpointsLine.contains(":6379"), "\(described)")

            let removed = try await home.kctl(["cluster", "delete", "kd"], defaultKubeconfig: true)
            #expect(removed.status == 0, "\(removed)")
        }
    }

    /// Applies the fixture, rolls the DaemonSet and the Deployment to a second revision, waits until everything
    /// has settled, and names the generated objects.
    static func setUp(_ runner: DifferentialRunner, home: ClusterHome) async throws -> DifferentialCases {
        let extrasFile = home.url.appendingPathComponent("extras.yaml")
        try extras.write(to: extrasFile, atomically: true, encoding: .utf8)
        for arguments in [
            ["apply", "-f", seed], ["apply", "-f", extrasFile.path],
            ["set", "image", "ds/filebeat-ds", "filebeat=ikubernetes/filebeat:5.6.6-alpine"],
            ["set", "image", "deploy/redis", "redis=redis:5.0-alpine"],
            ["annotate", "deploy/redis", "kubernetes.io/change-cause=redis 5.0"],
            ["set", "image", "sts/web", "web=busybox:1.37"],
        ] {
            let result = try await runner.kubectl(arguments)
            #expect(result.status == 0, "kubectl \(arguments.joined(separator: " ")): \(result)")
        }
        return try await eventually(within: .seconds(60), poll: .milliseconds(500), "the rollouts settled") {
            try await settled(runner)
        }
    }

    /// The generated names once every pod runs the second revision's image, the old ones are gone and the
    /// DaemonSet's, Deployment's and ReplicaSets' statuses say so; nil before.
    static func settled(_ runner: DifferentialRunner) async throws -> DifferentialCases? {
        func json(_ arguments: String...) async throws -> JSONValue? {
            let result = try await runner.kubectl(Array(arguments) + ["-o", "json"])
            return result.status == 0 ? try JSONValue(jsonData: Data(result.stdout.utf8)) : nil
        }
        guard let all = try await json("get", "pods")?["items"]?.arrayValue,
            let toolbox = all.first(where: { $0[path: ["metadata", "name"]] == "toolbox" }),
            toolbox[path: ["status", "phase"]] == "Running",
            case let pods = all.filter({
                ["filebeat", "redis"].contains($0[path: ["metadata", "labels", "app"]]?.stringValue ?? "")
            }),
            pods.count == 3,
            case let web = all.filter({ $0[path: ["metadata", "labels", "app"]] == "web" }), web.count == 2,
            web.allSatisfy({ $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "busybox:1.37"
                && $0[path: ["status", "phase"]] == "Running" && $0[path: ["metadata", "deletionTimestamp"]] == nil }),
            let sts = try await json("get", "sts", "web"), sts[path: ["status", "readyReplicas"]] == 2,
            sts[path: ["status", "currentRevision"]] == sts[path: ["status", "updateRevision"]],
            let ds = try await json("get", "ds", "filebeat-ds"), let deploy = try await json("get", "deploy", "redis"),
            let replicaSets = try await json("get", "rs")?["items"]?.arrayValue
        else { return nil }
        let images = Set(pods.compactMap { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue })
        let running = pods.allSatisfy {
            $0[path: ["status", "phase"]] == "Running" && $0[path: ["metadata", "deletionTimestamp"]] == nil
        }
        func status(_ object: JSONValue, _ field: String) -> Int64? { object[path: ["status", field]]?.intValue }
        let dsDone = status(ds, "updatedNumberScheduled") == 2 && status(ds, "numberAvailable") == 2
            && status(ds, "observedGeneration") == ds[path: ["metadata", "generation"]]?.intValue
        let deployDone = status(deploy, "updatedReplicas") == 1 && status(deploy, "availableReplicas") == 1
            && status(deploy, "replicas") == 1
            && status(deploy, "observedGeneration") == deploy[path: ["metadata", "generation"]]?.intValue
        let current = replicaSets.first { ($0[path: ["spec", "replicas"]]?.intValue ?? 0) > 0 }
        let oldEmpty = replicaSets.filter { ($0[path: ["spec", "replicas"]]?.intValue ?? 0) == 0 }
            .allSatisfy { status($0, "replicas") == 0 }
        guard images == ["ikubernetes/filebeat:5.6.6-alpine", "redis:5.0-alpine"], running, dsDone, deployDone,
            replicaSets.count == 2, oldEmpty, let current,
            let filebeat = pods.first(where: { $0[path: ["metadata", "labels", "app"]] == "filebeat" }),
            let redis = pods.first(where: { $0[path: ["metadata", "labels", "app"]] == "redis" })
        else { return nil }
        func name(_ object: JSONValue) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "" }
        return DifferentialCases(filebeatPod: name(filebeat), redisPod: name(redis), currentReplicaSet: name(current))
    }
}

/// Runs commands with kctl and kubectl against the cluster of one HOME (its `~/.kube/config`, KUBECONFIG empty)
/// and compares what they print.
struct DifferentialRunner: Sendable {
    let home: URL
    let kctlBinary: URL
    let kubectlBinary: URL

    init(home: URL) throws {
        self.home = home
        kctlBinary = try BuiltProducts.url(for: "kctl")
        kubectlBinary = try #require(differentialKubectl)
    }

    /// One command's comparison: nil `difference` when both printed the same (after normalising ages).
    struct Outcome: Sendable {
        var name: String
        var difference: String?
    }

    private var environment: [String: String] { ["HOME": home.path, "KUBECONFIG": ""] }

    func kubectl(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(kubectlBinary, arguments, environment: environment, timeout: .seconds(60))
    }

    func kctl(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(kctlBinary, arguments, environment: environment, timeout: .seconds(60))
    }

    /// Compares every command, at most `parallelism` pairs at a time, in the order given.
    func compareAll(_ commands: [[String]], parallelism: Int) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            var outcomes = [Outcome?](repeating: nil, count: commands.count)
            var next = 0
            func start(_ index: Int) {
                group.addTask { (index, try await compare(commands[index])) }
            }
            while next < min(parallelism, commands.count) {
                start(next)
                next += 1
            }
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                if next < commands.count {
                    start(next)
                    next += 1
                }
            }
            return outcomes.compactMap { $0 }
        }
    }

    /// Runs `arguments` with both at once, up to three times while they differ.
    func compare(_ arguments: [String]) async throws -> Outcome {
        let name = arguments.joined(separator: " ")
        var difference: String?
        for attempt in 1...3 {
            async let ours = kctl(arguments)
            async let theirs = kubectl(arguments)
            difference = Self.difference(try await ours, try await theirs)
            guard difference != nil else { return Outcome(name: name, difference: nil) }
            if attempt < 3 { try await Task.sleep(for: .milliseconds(300)) }
        }
        return Outcome(name: name, difference: difference)
    }

    /// What differs between kctl's result and kubectl's, as readable diffs (`-` kctl, `+` kubectl); nil if nothing.
    static func difference(_ ours: CommandResult, _ theirs: CommandResult) -> String? {
        var parts: [String] = []
        let stdout = LineDiff.render(OutputNormaliser.normalise(ours.stdout), OutputNormaliser.normalise(theirs.stdout))
        if !stdout.isEmpty { parts.append("stdout (- kctl, + kubectl):\n\(stdout)") }
        let stderr = LineDiff.render(OutputNormaliser.normalise(ours.stderr), OutputNormaliser.normalise(theirs.stderr))
        if !stderr.isEmpty { parts.append("stderr (- kctl, + kubectl):\n\(stderr)") }
        if ours.status != theirs.status { parts.append("exit status: kctl \(ours.status), kubectl \(theirs.status)") }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }
}

/// kubectl 1.32 for the comparison: `$KCLUSTER_KUBECTL`, else the machines' 1.32 binary, else `kubectl` on PATH
/// (the dispatcher, which picks 1.32 for this server); nil when there is none.
let differentialKubectl: URL? = {
    let environment = ProcessInfo.processInfo.environment
    let candidates = [environment["KCLUSTER_KUBECTL"], "/usr/lib/google-cloud-sdk/bin/kubectl.1.32"].compactMap { $0 }
        .map { URL(fileURLWithPath: $0) }
        + (environment["PATH"] ?? "").split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl")
        }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()
