import Foundation
import KubeAPI
import TestSupport
import Testing

/// kctl against kubectl 1.32 on the objects real manifests create: one 3-node cluster made by `kctl cluster create`,
/// every file of `../shared/realworld/` applied (half with kctl, half with kubectl, read from where the project keeps
/// them), then the cross-tool apply (each tool applying every file again finds every object `unchanged`, whichever
/// tool made it: the last-applied texts agree), one object of each other new kind beside them, and the read
/// commands of ``RealWorldDifferentialCases`` compared as ``KctlKubectlDifferentialTests`` compares them
/// (``DifferentialRunner``: output normalised for ages, a differing pair run again up to three times).
@Suite(.serialized, .enabled(if: differentialKubectl != nil, "no kubectl"))
struct RealWorldDifferentialTests {
    @Test func realManifests_printWhatKubectlPrints() async throws {
        try await withClusterHome(prefix: "rwdiff") { home in
            let started = ContinuousClock.now
            let created = try await home.kctl(
                [
                    "cluster", "create", "rwd", "--nodes", "3", "--heartbeat-interval", "10s",
                    "--node-monitor-grace-period", "40s", "--node-leave-timeout", "5m",
                ], defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let runner = try DifferentialRunner(home: home.url)
            try await Self.applyAcrossTools(runner)
            let extrasFile = home.url.appendingPathComponent("other-kinds.yaml")
            try RealWorldDifferentialCases.otherKindsManifest.write(to: extrasFile, atomically: true, encoding: .utf8)
            let extras = try await runner.kubectl(["apply", "-f", extrasFile.path])
            #expect(extras.status == 0, "\(extras)")
            let client: RealWorldManifestsEndToEndTests.Client = { arguments in try await runner.kubectl(arguments) }
            try await RealWorldManifestsEndToEndTests.waitForConvergence(reading: client)
            let flannelPod = try await runner.kubectl(
                ["get", "pods", "-n", "kube-flannel", "-l", "app=flannel", "-o", "jsonpath={.items[0].metadata.name}"])
            #expect(!flannelPod.stdout.isEmpty, "\(flannelPod)")
            let setUpTime = ContinuousClock.now - started

            let cases = RealWorldDifferentialCases(
                flannelPod: flannelPod.stdout, files: try RealWorldManifests.files().map(\.path))
            var outcomes = try await runner.compareAll(cases.ordered, parallelism: 4)
            outcomes += try await runner.compareAllIgnoringLineOrder(cases.unordered, parallelism: 4)
            for outcome in outcomes {
                if let difference = outcome.difference {
                    Issue.record("kctl and kubectl differ: \(outcome.name)\n\(difference)")
                }
            }
            let same = outcomes.filter { $0.difference == nil }.count
            print(
                "realworld differential: \(outcomes.count) commands, \(same) print the same; set-up \(setUpTime), "
                    + "comparisons \(ContinuousClock.now - started - setUpTime)")
            #expect(outcomes.count > 100)
            let removed = try await home.kctl(["cluster", "delete", "rwd"], defaultKubeconfig: true)
            #expect(removed.status == 0, "\(removed)")
        }
    }

    /// Applies the even-numbered files with kctl and the others with kubectl (namespace `logging` first, as
    /// 04-fluent-bit's README says), then every file again with each tool: each object must be `unchanged`, so each
    /// tool reads the other's last-applied annotation as its own.
    static func applyAcrossTools(_ runner: DifferentialRunner) async throws {
        let files = try RealWorldManifests.files()
        #expect(files.count >= 8, "\(files)")
        let namespace = try await runner.kctl(["create", "namespace", "logging"])
        #expect(namespace.status == 0, "\(namespace)")
        for (index, file) in files.enumerated() {
            let arguments = ["apply", "-f", file.path]
            let applied = try await index.isMultiple(of: 2) ? runner.kctl(arguments) : runner.kubectl(arguments)
            #expect(applied.status == 0 && applied.stderr.isEmpty, "\(file.lastPathComponent): \(applied)")
        }
        for tool in ["kubectl", "kctl"] {
            for file in files {
                let arguments = ["apply", "-f", file.path]
                let again = try await tool == "kctl" ? runner.kctl(arguments) : runner.kubectl(arguments)
                let lines = again.stdout.split(separator: "\n")
                let objects = try RealWorldManifests.objectCount(file)
                #expect(
                    again.status == 0 && lines.count == objects && lines.allSatisfy { $0.hasSuffix(" unchanged") },
                    "\(tool) apply -f \(file.lastPathComponent) again: \(again)")
            }
        }
    }
}

extension DifferentialRunner {
    /// As ``compareAll(_:parallelism:)``, comparing each output's lines as a sorted list: for commands whose
    /// kubectl output follows Go's random map order (describe of a ConfigMap's or Secret's data keys).
    func compareAllIgnoringLineOrder(_ commands: [[String]], parallelism: Int) async throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for start in stride(from: 0, to: commands.count, by: parallelism) {
            let batch = commands[start..<min(start + parallelism, commands.count)]
            try await withThrowingTaskGroup(of: Outcome.self) { group in
                for arguments in batch { group.addTask { try await compareIgnoringLineOrder(arguments) } }
                for try await outcome in group { outcomes.append(outcome) }
            }
        }
        return outcomes
    }

    private func compareIgnoringLineOrder(_ arguments: [String]) async throws -> Outcome {
        func sortedLines(_ result: CommandResult) -> CommandResult {
            var sorted = result
            sorted.stdout = OutputNormaliser.normalise(result.stdout)
                .split(separator: "\n", omittingEmptySubsequences: false).sorted().joined(separator: "\n")
            return sorted
        }
        var difference: String?
        for attempt in 1...3 {
            async let ours = kctl(arguments)
            async let theirs = kubectl(arguments)
            difference = Self.difference(sortedLines(try await ours), sortedLines(try await theirs))
            guard difference != nil else { break }
            if attempt < 3 { try await Task.sleep(for: .milliseconds(300)) }
        }
        return Outcome(name: arguments.joined(separator: " ") + " (lines in any order)", difference: difference)
    }
}

/// The commands ``RealWorldDifferentialTests`` runs with both tools on the objects of `../shared/realworld/`.
struct RealWorldDifferentialCases {
    /// Every kind those manifests create, and the kinds their controllers make.
    static let kinds = [
        "serviceaccounts", "clusterroles", "clusterrolebindings", "roles", "rolebindings", "configmaps", "secrets",
        "networkpolicies", "storageclasses", "daemonsets", "deployments", "replicasets", "services", "pods",
        "namespaces", "endpoints", "endpointslices", "controllerrevisions",
    ]

    /// One object of each new kind the realworld files do not have (a PodDisruptionBudget over fluent-bit's pods, a
    /// PriorityClass, an IngressClass and an Ingress, a PersistentVolume and a claim, a CSIDriver, a Job and a
    /// CronJob that will not fire during the test), applied beside them.
    static let otherKindsManifest = """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: fluent-bit, namespace: logging}
        spec:
          minAvailable: 2
          selector: {matchLabels: {k8s-app: fluent-bit-logging}}
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: logging-high}
        value: 1000
        description: log shippers first
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: nginx}
        spec: {controller: k8s.io/ingress-nginx}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: frontend, namespace: default}
        spec:
          ingressClassName: nginx
          rules:
          - host: guestbook.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}
          tls:
          - {hosts: [guestbook.example.com], secretName: guestbook-tls}
        ---
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: pv-manual}
        spec:
          capacity: {storage: 2Gi}
          accessModes: [ReadWriteOnce]
          storageClassName: manual
          hostPath: {path: /tmp/pv-manual}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: default}
        spec:
          storageClassName: local-path
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: storage.k8s.io/v1
        kind: CSIDriver
        metadata: {name: hostpath.csi.k8s.io}
        spec: {attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: [Persistent, Ephemeral]}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: once, namespace: default}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: once, image: busybox:1.36, command: [sh, -c, echo done]}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: yearly, namespace: default}
        spec:
          schedule: "0 0 1 1 *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: yearly, image: busybox:1.36, command: [date]}]

        """

    /// The kinds of ``otherKindsManifest``.
    static let otherKinds = [
        "poddisruptionbudgets", "priorityclasses", "ingressclasses", "ingresses", "persistentvolumes",
        "persistentvolumeclaims", "csidrivers", "jobs", "cronjobs",
    ]

    /// Kinds whose `describe` prints a map in Go's random order (data keys).
    static let randomOrderDescribes: Set<String> = ["configmaps", "secrets"]

    /// One object of each kind: kind, namespace (nil when cluster-scoped), name.
    static let objects: [(kind: String, namespace: String?, name: String)] = [
        ("serviceaccount", "kube-flannel", "flannel"), ("clusterrole", nil, "flannel"),
        ("clusterrolebinding", nil, "flannel"), ("role", "kubernetes-dashboard", "kubernetes-dashboard"),
        ("rolebinding", "kubernetes-dashboard", "kubernetes-dashboard"),
        ("configmap", "logging", "fluent-bit-config"),
        ("secret", "kubernetes-dashboard", "kubernetes-dashboard-certs"),
        ("networkpolicy", "monitoring", "node-exporter"), ("storageclass", nil, "local-path"),
        ("daemonset", "kube-flannel", "kube-flannel-ds"),
        ("deployment", "kubernetes-dashboard", "kubernetes-dashboard"),
        ("service", "kubernetes-dashboard", "kubernetes-dashboard"), ("namespace", nil, "kube-flannel"),
    ]

    /// Fields `explain` is asked about, nested ones included.
    static let explains = [
        "serviceaccounts", "clusterroles", "clusterrolebindings", "roles", "rolebindings", "configmaps", "secrets",
        "networkpolicies", "storageclasses", "clusterrole.rules", "clusterrole.aggregationRule.clusterRoleSelectors",
        "rolebinding.subjects", "clusterrolebinding.roleRef", "networkpolicy.spec.ingress.from.ipBlock",
        "networkpolicy.spec.egress.ports", "storageclass.allowedTopologies.matchLabelExpressions",
        "serviceaccount.secrets", "secret.stringData", "configmap.binaryData",
        "daemonset.spec.updateStrategy.rollingUpdate", "pod.spec.initContainers.securityContext.capabilities",
    ]

    /// The generated name of one flannel pod (it has init containers).
    var flannelPod: String
    /// The manifests' paths: applied again by both tools, with dry runs and `diff`, every object already there.
    var files: [String]

    /// Commands whose output is compared line by line, in order.
    var ordered: [[String]] {
        var cases: [[String]] = []
        for kind in Self.kinds + Self.otherKinds {
            cases += [
                ["get", kind, "-A"], ["get", kind, "-A", "-o", "wide"], ["get", kind, "-A", "--show-labels"],
                ["get", kind, "-A", "-o", "yaml"],
            ]
            if !Self.randomOrderDescribes.contains(kind) { cases.append(["describe", kind, "-A"]) }
        }
        for object in Self.objects + [("pod", "kube-flannel", flannelPod)] {
            let scope = object.namespace.map { ["-n", $0] } ?? []
            cases += [
                ["get", object.kind, object.name, "-o", "yaml"] + scope,
                ["get", object.kind, object.name, "-o", "wide"] + scope,
                ["get", object.kind, object.name, "-o", "json"] + scope,
            ]
            if !Self.randomOrderDescribes.contains(object.kind + "s") {
                cases.append(["describe", object.kind, object.name] + scope)
            }
        }
        for field in Self.explains + Self.otherKinds {
            cases.append(["explain", field])
            if !field.contains(".") { cases.append(["explain", field, "--recursive"]) }
        }
        for file in files {
            cases += [
                ["apply", "-f", file, "--dry-run=client"], ["apply", "-f", file, "--dry-run=server"],
                ["diff", "-f", file],
                ["create", "-f", file, "--dry-run=client", "-o", "yaml"],
            ]
        }
        cases += [
            ["api-resources"], ["api-resources", "-o", "wide"], ["api-resources", "--namespaced=false"],
            ["api-resources", "--api-group=rbac.authorization.k8s.io"], ["get", "all", "-A"],
            ["get", "all", "-A", "-o", "wide"],
        ]
        return cases
    }

    /// Commands whose output lines are compared in any order (``randomOrderDescribes``).
    var unordered: [[String]] {
        Self.randomOrderDescribes.sorted().map { ["describe", $0, "-A"] } + Self.objects.filter {
            Self.randomOrderDescribes.contains($0.kind + "s")
        }.map { ["describe", $0.kind, $0.name] + ($0.namespace.map { ["-n", $0] } ?? []) }
    }
}
