import Foundation
import TestSupport
import Testing

/// Issue 10, acceptance 4 (PDB): a drain blocked by a PodDisruptionBudget, with the real kubectl against a 3-node
/// `kctl cluster create` cluster. `kubectl create pdb` makes the budget, whose status the disruption controller keeps;
/// `kubectl drain` of a node with one of the budget's pods is refused (429, retried every 5 s) until its timeout, and
/// `kctl drain` says the same; once the Deployment has a spare replica, the budget allows one disruption and the
/// drain evicts the pod and finishes.
@Suite(.serialized, .enabled(if: RealKubectl.binary != nil, "no kubectl on PATH"))
struct DisruptionBudgetEndToEndTests {
    @Test func aDrainWaitsForTheBudget() async throws {
        try await KubectlSession.withCluster("pdb", nodes: 3) { kubectl in
            let created = try await kubectl("create", "deployment", "web", "--image=registry.k8s.io/pause:3.9", "--replicas=2")
            #expect(created.status == 0, "\(created)")
            let budget = try await kubectl("create", "pdb", "web", "--selector=app=web", "--min-available=2")
            #expect(budget.status == 0 && budget.stdout == "poddisruptionbudget.policy/web created\n", "\(budget)")
            try await kubectl.until(
                "the budget sees 2 healthy pods", "get", "pdb", "web",
                "-o", "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}"
            ) { $0.stdout == "2/2/0" }
            let row = try await kubectl("get", "pdb", "web")
            #expect(tableRows(row.stdout).dropFirst().first.map { Array($0.prefix(4)) } == ["web", "2", "N/A", "0"], "\(row)")
            let header = try await kubectl("get", "pdb")
            #expect(tableRows(header.stdout).first == ["NAME", "MIN", "AVAILABLE", "MAX", "UNAVAILABLE", "ALLOWED",
                                                        "DISRUPTIONS", "AGE"], "\(header)")

            // kctl creates what kubectl creates.
            let viaKctl = try await kubectl.home.kctl(
                ["create", "pdb", "twin", "--selector=app=web,tier in (front)", "--max-unavailable=50%"],
                defaultKubeconfig: true)
            #expect(viaKctl.stdout == "poddisruptionbudget.policy/twin created\n", "\(viaKctl)")
            let viaKubectl = try await kubectl(
                "create", "pdb", "twin2", "--selector=app=web,tier in (front)", "--max-unavailable=50%")
            #expect(viaKubectl.status == 0, "\(viaKubectl)")
            let specs = try await [kubectl("get", "pdb", "twin", "-o", "jsonpath={.spec}"),
                                   kubectl("get", "pdb", "twin2", "-o", "jsonpath={.spec}")]
            #expect(specs[0].stdout == specs[1].stdout && !specs[0].stdout.isEmpty, "\(specs)")
            _ = try await kubectl("delete", "pdb", "twin", "twin2")
            let classes = try await kubectl.home.kctl(
                ["create", "priorityclass", "high", "--value=1000", "--description=for web"], defaultKubeconfig: true)
            #expect(classes.stdout == "priorityclass.scheduling.k8s.io/high created\n", "\(classes)")

            // kctl describes what kubectl describes, as kubectl does.
            let webhooks = try kubectl.file("webhooks.yaml", Self.webhooksAndAPIService)
            let stored = try await kubectl("apply", "-f", webhooks)
            #expect(stored.status == 0, "\(stored)")
            for target in [["pdb", "web"], ["priorityclass", "system-node-critical"], ["priorityclass", "high"],
                           ["validatingwebhookconfiguration", "pod-policy"], ["apiservice", "v1beta1.metrics.k8s.io"]] {
                let real = try await kubectl.run(["describe"] + target)
                let ours = try await kubectl.home.kctl(["describe"] + target, defaultKubeconfig: true)
                #expect(real.status == 0 && ours.stdout == real.stdout, "\(target): kctl \(ours) kubectl \(real)")
            }

            let node = try #require(try await Self.nodes(of: "app=web", kubectl).first)
            let blocked = try await kubectl("drain", node, "--ignore-daemonsets", "--timeout=7s")
            #expect(blocked.status != 0, "\(blocked)")
            #expect(blocked.stderr.contains(
                "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."), "\(blocked)")
            #expect(blocked.stderr.contains("global timeout reached: 7s"), "\(blocked)")
            let stillTwo = try await kubectl("get", "pods", "-l", "app=web", "-o", "name")
            #expect(stillTwo.stdout.split(separator: "\n").count == 2, "\(stillTwo)")

            // kctl's drain is refused the same way.
            let kctlBlocked = try await kubectl.home.kctl(
                ["drain", node, "--ignore-daemonsets", "--timeout=6s"], defaultKubeconfig: true)
            #expect(kctlBlocked.status != 0, "\(kctlBlocked)")
            #expect(kctlBlocked.stderr.contains(
                "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."), "\(kctlBlocked)")

            // A third replica (on another node: this one is cordoned) lets the budget spare one pod.
            let scaled = try await kubectl("scale", "deployment", "web", "--replicas=3")
            #expect(scaled.status == 0, "\(scaled)")
            try await kubectl.until("the budget allows a disruption", "get", "pdb", "web") { result in
                tableRows(result.stdout).dropFirst().first?[3] == "1"
            }
            let drained = try await kubectl("drain", node, "--ignore-daemonsets", "--timeout=30s")
            #expect(drained.status == 0, "\(drained)")
            #expect(drained.stdout.contains(" evicted\n") && drained.stdout.hasSuffix("node/\(node) drained\n"), "\(drained)")
            #expect(try await Self.nodes(of: "app=web", kubectl).contains(node) == false)
        }
    }

    /// A webhook configuration and an APIService, which are stored and described but never called or aggregated.
    static let webhooksAndAPIService = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: pod-policy
        webhooks:
        - name: pod-policy.example.com
          clientConfig:
            service: {namespace: default, name: policy}
          rules:
          - {operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods]}
          sideEffects: None
          admissionReviewVersions: [v1]
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1beta1.metrics.k8s.io
        spec:
          group: metrics.k8s.io
          version: v1beta1
          groupPriorityMinimum: 100
          versionPriority: 100
          insecureSkipTLSVerify: true
          service: {namespace: kube-system, name: metrics-server}
        """

    /// The nodes the pods of `selector` run on.
    static func nodes(of selector: String, _ kubectl: KubectlSession) async throws -> [String] {
        let result = try await kubectl(
            "get", "pods", "-l", selector, "-o", #"jsonpath={range .items[*]}{.spec.nodeName}{"\n"}{end}"#)
        return result.stdout.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}
