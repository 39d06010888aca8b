import Foundation
import KubeAPI
import TestSupport
import Testing

/// The official Kubernetes Python client (`kubernetes` from PyPI, in the virtual environment
/// `scripts/python-client-venv` makes) against a cluster made by the built `kctl cluster create`, loading the
/// kubeconfig that command writes. `scripts/python_client_e2e.py` makes the calls and reports what it saw as JSON;
/// this suite checks it: typed list, create, replace (409 on a stale resourceVersion), strategic and JSON patches and
/// delete of pods and DaemonSets, watches resumed from a resourceVersion, a relist after 410 once the control plane
/// restarted, the dynamic client through discovery, exec over its WebSocket stream, and a pod's log.
@Suite(.serialized)
struct PythonClientEndToEndTests {
    static let program = repositoryRoot().appendingPathComponent("scripts/python_client_e2e.py").path

    /// The venv's python (made on first use, cached under .build).
    static func python() async throws -> URL {
        let made = try await runCommand(
            repositoryRoot().appendingPathComponent("scripts/python-client-venv"), [], timeout: .seconds(300))
        guard made.status == 0 else { throw HarnessError("scripts/python-client-venv failed: \(made)") }
        return URL(fileURLWithPath: made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs the program with `arguments` against the cluster of `home`; its JSON report.
    func report(_ python: URL, _ home: ClusterHome, _ arguments: String...) async throws -> JSONValue {
        let kubeconfig = home.url.appendingPathComponent(".kube/config").path
        let run = try await runCommand(
            python, [Self.program] + arguments, environment: ["HOME": home.url.path, "KUBECONFIG": kubeconfig],
            timeout: .seconds(90))
        guard run.status == 0 else { throw HarnessError("python_client_e2e.py \(arguments) failed: \(run)") }
        return try JSONValue(jsonData: Data(run.stdout.utf8))
    }

    @Test func theOfficialClient_crudWatchDynamicAndExec_thenRelistsAfter410() async throws {
        let python = try await Self.python()
        try await withClusterHome(prefix: "pyclient") { home in
            let created = try await home.kctl(
                ["cluster", "create", "py", "--nodes", "2"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            #expect(created.status == 0, "\(created)")
            let start = ContinuousClock.now
            let crud = try await report(python, home, "crud", "pyt")
            print("python_client_e2e.py crud took \(ContinuousClock.now - start)")
            #expect(crud["version"] == "32")
            #expect(crud["namespaces"] == ["pyt", "pyt-watch"])

            let pods = try #require(crud["pods"])
            #expect(pods["createStatus"] == 201 && pods["createdUID"] == true && pods["readName"] == "py-pod", "\(pods)")
            #expect(pods["listByLabel"] == ["py-pod"] && pods["listOtherLabel"] == [], "\(pods)")
            #expect(pods["listAllNamespaces"] == ["py-pod"], "\(pods)")
            #expect(pods["replacedLabel"] == "yes" && pods["replaceBumpedRV"] == true, "\(pods)")
            #expect(pods["staleReplace"] == ["status": 409, "reason": "Conflict"], "\(pods)")
            #expect(pods["strategicLabels"] == ["app": "py", "tier": "db", "patched": "smp", "replaced": "yes"], "\(pods)")
            #expect(pods["jsonPatchTier"] == "cache" && pods["jsonPatchAnnotations"] == ["by": "json-patch"], "\(pods)")
            #expect(pods["badJsonPatch"] == ["status": 422, "reason": "Invalid"], "\(pods)")
            #expect(pods["deletedKind"] == "Pod" && pods["deletedName"] == "py-pod", "\(pods)")
            #expect(pods["afterDelete"] == 404, "\(pods)")
            #expect(pods["readMissing"] == ["status": 404, "reason": "NotFound"], "\(pods)")

            let daemonSets = try #require(crud["daemonSets"])
            #expect(daemonSets["createStatus"] == 201 && daemonSets["list"] == ["py-ds"], "\(daemonSets)")
            #expect(daemonSets["duplicateCreate"] == ["status": 409, "reason": "AlreadyExists"], "\(daemonSets)")
            #expect(daemonSets["updateStrategy"] == "RollingUpdate", "\(daemonSets)")
            #expect(daemonSets["replacedAnnotations"] == ["replaced": "yes"], "\(daemonSets)")
            #expect(daemonSets["replacedGeneration"] == 2, "\(daemonSets)")
            #expect(daemonSets["staleReplace"] == ["status": 409, "reason": "Conflict"], "\(daemonSets)")
            #expect(daemonSets["strategicContainers"] == [["agent", "busybox:1.37"], ["sidecar", "busybox:1.36"]], "\(daemonSets)")
            #expect(daemonSets["jsonPatchContainers"] == [["agent", "busybox:1.37"], ["sidecar", "busybox:1.38"]], "\(daemonSets)")
            #expect(daemonSets["generationAfterPatches"] == 4, "\(daemonSets)")
            #expect(daemonSets["noOpPatchKeepsRV"] == true, "\(daemonSets)")
            #expect(daemonSets["statusKind"] == "DaemonSet", "\(daemonSets)")
            #expect(daemonSets["deleted"] == ["Status", "Success", "daemonsets", true], "\(daemonSets)")
            #expect(daemonSets["afterDelete"] == 404, "\(daemonSets)")

            let watch = try #require(crud["watch"])
            // From the list's resourceVersion: only what happened after it.
            #expect(watch["fromList"] == [["ADDED", "py-w1"]], "\(watch)")
            // Resumed from the last event's resourceVersion: changes only (the scheduler's and kubelet's, then ours).
            let resumed = watch["resumed"]?.arrayValue ?? []
            #expect(!resumed.isEmpty && resumed.allSatisfy { $0 == ["MODIFIED", "py-w1"] }, "\(watch)")
            #expect(watch["noRV"] == [["ADDED", "py-w1"]], "\(watch)")
            #expect(watch["deleted"] == [["DELETED", "py-w1"]], "\(watch)")
            #expect(watch["daemonSet"] == [["ADDED", "py-wds"]], "\(watch)")

            let dynamic = try #require(crud["dynamic"])
            #expect(dynamic["resource"] == ["apps/v1", "daemonsets", true], "\(dynamic)")
            #expect(dynamic["shortNames"] == "DaemonSet", "\(dynamic)")
            let subresources = dynamic["podSubresources"]?.arrayValue ?? []
            #expect(["exec", "log", "status"].allSatisfy { subresources.contains(.string($0)) }, "\(dynamic)")
            #expect(dynamic["created"] == "py-dyn" && dynamic["get"] == "agent" && dynamic["list"] == ["py-dyn"], "\(dynamic)")
            #expect(dynamic["mergePatch"] == "merge" && dynamic["strategicPatch"] == "smp", "\(dynamic)")
            #expect(dynamic["missing"] == ["status": 404, "reason": "NotFound"], "\(dynamic)")
            #expect(dynamic["afterDelete"] == 404, "\(dynamic)")

            let exec = try #require(crud["exec"])
            #expect(exec["output"] == "hello from py-exec\n", "\(exec)")
            #expect(exec["subprotocol"] == "v5.channel.k8s.io", "\(exec)")
            #expect(exec["stdout"] == "typed in\n" && exec["stderr"] == "oops\n", "\(exec)")
            #expect(exec["returncode"] == 3, "\(exec)")
            #expect(exec["log"]?.stringValue?.contains("emulated container \"main\" started from image \"busybox:1.36\"") == true,
                    "\(exec)")

            // A restarted control plane keeps no watch history: a watch from before it is 410 Expired, and the
            // client's relist-then-watch goes on.
            let stale = try #require(watch["staleRV"]?.stringValue)
            let restarted = try await home.kctl(["cluster", "restart-control-plane", "--cluster", "py"], defaultKubeconfig: true)
            #expect(restarted.status == 0, "\(restarted)")
            let gone = try await report(python, home, "gone", "pyt-watch", stale)
            let staleWatch = try #require(gone["staleWatch"])
            #expect(staleWatch["status"] == 410, "\(gone)")
            #expect(staleWatch["reason"]?.stringValue?.hasPrefix("Expired: too old resource version: \(stale) (") == true,
                    "\(gone)")
            #expect(gone["afterRelist"] == [["ADDED", "py-after"]], "\(gone)")
        }
    }
}
