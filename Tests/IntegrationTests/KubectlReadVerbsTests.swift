import Foundation
import KubeAPI
import TestSupport
import Testing

/// kubectl's reading verbs against one 2-node cluster: every output format of `get` (table, wide, yaml, json, name,
/// jsonpath, custom-columns, go-template), its selectors and label columns, sorting, `-A`, `get all`, `get -w`;
/// `describe` of pod, node, DaemonSet, Deployment and Service with their Events; discovery (`api-resources`,
/// `api-versions`), `explain`, `cluster-info`, `version`, `auth can-i`/`whoami` and `top` (no metrics API). Each
/// output is compared with what kubectl prints against Kubernetes.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct KubectlReadVerbsTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    @Test func get_describe_discovery_andInformation() async throws {
        try await KubectlSession.withCluster("reads") { kubectl in
            let applied = try await kubectl("apply", "-f", Self.seed)
            #expect(applied.stdout == "deployment.apps/redis created\ndaemonset.apps/filebeat-ds created\n", "\(applied)")
            let exposed = try await kubectl("expose", "deployment", "redis", "--port=6379")
            #expect(exposed.stdout == "service/redis exposed\n", "\(exposed)")
            let table = try await kubectl.until("pods Running", "get", "pods") { result in
                let rows = tableRows(result.stdout).dropFirst()
                return rows.count == 3 && rows.allSatisfy { $0.count == 5 && $0[2] == "Running" }
            }
            #expect(tableRows(table.stdout).first == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "\(table)")
            #expect(tableRows(table.stdout).dropFirst().allSatisfy { $0[1] == "1/1" && $0[3] == "0" }, "\(table)")
            try await formats(kubectl)
            try await selectorsAndColumns(kubectl)
            try await watch(kubectl)
            try await describe(kubectl)
            try await information(kubectl)
        }
    }

    /// `-o wide|yaml|json|name|jsonpath|custom-columns|go-template`, and `get all`.
    func formats(_ kubectl: KubectlSession) async throws {
        let wide = try await kubectl("get", "pods", "-l", "app=filebeat", "-o", "wide")
        let wideRows = tableRows(wide.stdout)
        #expect(wideRows.first == [
            "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES",
        ], "\(wide)")
        #expect(wideRows.dropFirst().map { $0[6] }.sorted() == ["n1", "n2"], "\(wide)")
        #expect(wideRows.dropFirst().allSatisfy { $0[5].hasPrefix("10.244.") && $0[7] == "<none>" }, "\(wide)")
        let nodesWide = tableRows(try await kubectl("get", "nodes", "-o", "wide").stdout)
        #expect(Array(nodesWide.first?.prefix(7) ?? []) == [
            "NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP",
        ], "\(nodesWide)")
        let dsWide = tableRows(try await kubectl("get", "ds", "-o", "wide").stdout)
        #expect(dsWide.first?.suffix(3) == ["CONTAINERS", "IMAGES", "SELECTOR"], "\(dsWide)")
        #expect(dsWide.last?.suffix(3) == ["filebeat", "ikubernetes/filebeat:5.6.5-alpine", "app=filebeat,release=stable"])

        let yaml = try await kubectl("get", "deploy", "redis", "-o", "yaml")
        #expect(yaml.stdout.hasPrefix("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"), "\(yaml)")
        #expect(yaml.stdout.contains("\n  name: redis\n  namespace: default\n"), "\(yaml)")
        #expect(yaml.stdout.contains("\nspec:\n  progressDeadlineSeconds: 600\n  replicas: 1\n"), "\(yaml)")
        let listYAML = try await kubectl("get", "deploy", "-o", "yaml")
        #expect(listYAML.stdout.hasPrefix("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n"))
        #expect(listYAML.stdout.hasSuffix("kind: List\nmetadata:\n  resourceVersion: \"\"\n"), "\(listYAML)")

        let json = try JSONValue(jsonData: Data(try await kubectl("get", "ds", "-o", "json").stdout.utf8))
        #expect(json["kind"] == "List" && json["apiVersion"] == "v1")
        #expect(json["items"]?.arrayValue?.map { $0["kind"] } == ["DaemonSet"])
        #expect(json["items"]?.arrayValue?.first?[path: ["status", "numberReady"]] == 2)

        let names = try await kubectl("get", "pods", "-l", "app=filebeat", "-o", "name")
        let podNames = names.stdout.split(separator: "\n").map(String.init)
        #expect(podNames.count == 2 && podNames.allSatisfy { $0.hasPrefix("pod/filebeat-ds-") }, "\(names)")
        #expect(try await kubectl("get", "deploy,ds", "-o", "name").stdout
            == "deployment.apps/redis\ndaemonset.apps/filebeat-ds\n")

        let jsonpath = try await kubectl(
            "get", "pods", "-l", "app=filebeat", "-o", "jsonpath={.items[*].spec.nodeName}")
        #expect(jsonpath.stdout.split(separator: " ").sorted() == ["n1", "n2"], "\(jsonpath)")
        let range = try await kubectl(
            "get", "nodes", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type==\"Ready\")].status}{\"\\n\"}{end}")
        #expect(range.stdout == "n1=True\nn2=True\n", "\(range)")

        let columns = try await kubectl(
            "get", "pods", "-l", "app=filebeat", "--sort-by=.spec.nodeName",
            "-o", "custom-columns=NODE:.spec.nodeName,IMAGE:.spec.containers[0].image")
        #expect(tableRows(columns.stdout) == [
            ["NODE", "IMAGE"], ["n1", "ikubernetes/filebeat:5.6.5-alpine"], ["n2", "ikubernetes/filebeat:5.6.5-alpine"],
        ], "\(columns)")
        let template = try await kubectl(
            "get", "pods", "-l", "app=filebeat", "--sort-by=.spec.nodeName",
            "-o", "go-template={{range .items}}{{.spec.nodeName}} {{index .metadata.labels \"app\"}}{{\"\\n\"}}{{end}}")
        #expect(template.stdout == "n1 filebeat\nn2 filebeat\n", "\(template)")

        let all = try await kubectl("get", "all")
        let kinds = Set(tableRows(all.stdout).compactMap { $0.first?.split(separator: "/").first.map(String.init) })
        #expect(kinds.isSuperset(of: ["pod", "service", "daemonset.apps", "deployment.apps", "replicaset.apps"]), "\(all)")
        #expect(all.stdout.contains("\nservice/redis "), "\(all)")
    }

    /// `-A`, `-l`, `--field-selector`, `--show-labels`, `-L`, `--sort-by`, an empty result and a missing object.
    func selectorsAndColumns(_ kubectl: KubectlSession) async throws {
        let everywhere = tableRows(try await kubectl("get", "pods", "-A").stdout)
        #expect(everywhere.first == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"], "\(everywhere)")
        #expect(everywhere.dropFirst().count == 3 && everywhere.dropFirst().allSatisfy { $0[0] == "default" })
        let services = tableRows(try await kubectl("get", "svc", "--all-namespaces", "-o", "wide").stdout)
        #expect(services.first == [
            "NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR",
        ], "\(services)")
        #expect(services.contains { $0[1] == "redis" && $0[5] == "6379/TCP" && $0[7] == "app=redis,role=logstor" })

        let onN2 = try await kubectl("get", "pods", "-l", "app=filebeat", "--field-selector", "spec.nodeName=n2", "-o", "name")
        #expect(onN2.stdout.split(separator: "\n").count == 1, "\(onN2)")
        let running = try await kubectl("get", "pods", "--field-selector", "status.phase=Running,spec.nodeName!=n9", "-o", "name")
        #expect(running.stdout.split(separator: "\n").count == 3, "\(running)")
        let notIn = try await kubectl("get", "pods", "-l", "app notin (filebeat)", "-o", "name")
        #expect(notIn.stdout.hasPrefix("pod/redis-") && notIn.stdout.split(separator: "\n").count == 1, "\(notIn)")
        let none = try await kubectl("get", "pods", "-l", "app=nothing")
        #expect(none.status == 0 && none.stdout.isEmpty, "\(none)")
        #expect(none.stderr == "No resources found in default namespace.\n", "\(none)")
        let badSelector = try await kubectl("get", "pods", "--field-selector", "spec.bogus=1")
        #expect(badSelector.status == 1 && badSelector.stderr.hasPrefix("Error from server (BadRequest): "), "\(badSelector)")
        let missing = try await kubectl("get", "deploy", "nope")
        #expect(missing.stderr == "Error from server (NotFound): deployments.apps \"nope\" not found\n", "\(missing)")
        let unknown = try await kubectl("get", "widgets")
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.stderr == "error: the server doesn't have a resource type \"widgets\"\n", "\(unknown)")

        let labels = tableRows(try await kubectl("get", "pods", "-l", "app=redis", "--show-labels").stdout)
        #expect(labels.first?.last == "LABELS", "\(labels)")
        let redisLabels = labels.last?.last ?? ""
        #expect(redisLabels.hasPrefix("app=redis,pod-template-hash=") && redisLabels.hasSuffix(",role=logstor"), "\(labels)")
        let labelColumns = tableRows(try await kubectl("get", "pods", "-L", "app,release").stdout)
        #expect(labelColumns.first?.suffix(2) == ["APP", "RELEASE"], "\(labelColumns)")
        let filebeats = labelColumns.dropFirst().filter { $0[0].hasPrefix("filebeat-ds-") }
        #expect(filebeats.count == 2 && filebeats.allSatisfy { $0.suffix(2) == ["filebeat", "stable"] }, "\(labelColumns)")
        // The redis pod has no release label: that cell is blank.
        let redis = labelColumns.dropFirst().filter { $0[0].hasPrefix("redis-") }
        #expect(redis.count == 1 && redis[0].count == 6 && redis[0].last == "redis", "\(labelColumns)")

        let sorted = try await kubectl("get", "pods", "--sort-by=.metadata.name", "-o", "name")
        let sortedNames = sorted.stdout.split(separator: "\n").map(String.init)
        #expect(sortedNames.count == 3 && sortedNames == sortedNames.sorted(), "\(sorted)")
        let byNode = tableRows(try await kubectl("get", "pods", "-l", "app=filebeat", "-o", "wide", "--sort-by={.spec.nodeName}").stdout)
        #expect(byNode.dropFirst().map { $0[6] } == ["n1", "n2"], "\(byNode)")
    }

    /// `get -w`: the table, then a row per change of a pod created meanwhile, until stopped.
    func watch(_ kubectl: KubectlSession) async throws {
        let watcher = try kubectl.spawn("get", "pods", "-l", "run=watched", "-w")
        defer { watcher.signal(SIGKILL) }
        // With nothing matching, kubectl prints nothing yet; the pod's rows come from the list or the watch after it.
        let run = try await kubectl("run", "watched", "--image=nginx", "--labels=run=watched")
        #expect(run.stdout == "pod/watched created\n", "\(run)")
        _ = try await watcher.waitForLine(containing: "Running")
        let rows = tableRows(watcher.capturedOutput)
        #expect(rows.first == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "\(watcher.capturedOutput)")
        #expect(rows.dropFirst().allSatisfy { $0.first == "watched" && $0.count == 5 }, "\(watcher.capturedOutput)")
        #expect(rows.last?[1] == "1/1" && rows.last?[2] == "Running", "\(watcher.capturedOutput)")
        watcher.signal(SIGTERM)
        _ = try await watcher.waitForExit()
    }

    /// `describe` of each everyday kind, with the Events section where Kubernetes has events.
    func describe(_ kubectl: KubectlSession) async throws {
        let pod = try await kubectl("describe", "pod", "watched")
        #expect(describedValue(pod.stdout, "Name") == "watched", "\(pod)")
        #expect(describedValue(pod.stdout, "Status") == "Running", "\(pod)")
        #expect(describedValue(pod.stdout, "Labels") == "run=watched", "\(pod)")
        #expect(describedValue(pod.stdout, "QoS Class") == "BestEffort", "\(pod)")
        let podEvents = pod.stdout.components(separatedBy: "\nEvents:\n").last ?? ""
        let reasons = tableRows(podEvents).dropFirst(2).map { $0[1] }
        // The emulator's own Simulated event says why no process runs (nginx is not in the runtime's catalogue).
        #expect(reasons == ["Scheduled", "Pulling", "Pulled", "Created", "Started", "Simulated"], "\(pod)")
        #expect(podEvents.contains("default-scheduler  Successfully assigned default/watched to n"), "\(pod)")
        #expect(podEvents.contains("kubelet            Started container watched"), "\(pod)")

        let node = try await kubectl("describe", "node", "n1")
        #expect(describedValue(node.stdout, "Name") == "n1", "\(node)")
        #expect(describedValue(node.stdout, "Unschedulable") == "false", "\(node)")
        let podCIDR = describedValue(node.stdout, "PodCIDR") ?? ""
        #expect(podCIDR.hasPrefix("10.244.") && podCIDR.hasSuffix(".0/24"), "\(node)")
        #expect(node.stdout.contains("\nNon-terminated Pods:"), "\(node)")
        #expect(node.stdout.contains("  default                     filebeat-ds-"), "\(node)")
        #expect(node.stdout.contains("\nEvents:"), "\(node)")

        let ds = try await kubectl("describe", "ds", "filebeat-ds")
        #expect(describedValue(ds.stdout, "Selector") == "app=filebeat,release=stable", "\(ds)")
        #expect(describedValue(ds.stdout, "Desired Number of Nodes Scheduled") == "2", "\(ds)")
        #expect(describedValue(ds.stdout, "Pods Status") == "2 Running / 0 Waiting / 0 Succeeded / 0 Failed", "\(ds)")
        #expect(ds.stdout.contains("  Normal  SuccessfulCreate  "), "\(ds)")
        #expect(ds.stdout.contains("daemonset-controller  Created pod: filebeat-ds-"), "\(ds)")

        let deploy = try await kubectl("describe", "deploy", "redis")
        #expect(describedValue(deploy.stdout, "Replicas")
            == "1 desired | 1 updated | 1 total | 1 available | 0 unavailable", "\(deploy)")
        #expect(describedValue(deploy.stdout, "StrategyType") == "RollingUpdate", "\(deploy)")
        #expect(describedValue(deploy.stdout, "NewReplicaSet")?.hasSuffix(" (1/1 replicas created)") == true, "\(deploy)")
        #expect(deploy.stdout.contains("  Available      True    MinimumReplicasAvailable\n"), "\(deploy)")
        #expect(deploy.stdout.contains("deployment-controller  Scaled up replica set redis-"), "\(deploy)")

        let svc = try await kubectl("describe", "svc", "redis")
        #expect(describedValue(svc.stdout, "Type") == "ClusterIP", "\(svc)")
        #expect(describedValue(svc.stdout, "Selector") == "app=redis,role=logstor", "\(svc)")
        #expect(describedValue(svc.stdout, "Port") == "<unset>  6379/TCP", "\(svc)")
        #expect(describedValue(svc.stdout, "TargetPort") == "6379/TCP", "\(svc)")
        #expect(describedValue(svc.stdout, "Events") == "<none>", "\(svc)")
    }

    /// Discovery, explain, cluster-info, version, auth and top.
    func information(_ kubectl: KubectlSession) async throws {
        let resources = tableRows(try await kubectl("api-resources").stdout)
        #expect(resources.first == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], "\(resources)")
        #expect(resources.contains(["deployments", "deploy", "apps/v1", "true", "Deployment"]), "\(resources)")
        #expect(resources.contains(["daemonsets", "ds", "apps/v1", "true", "DaemonSet"]), "\(resources)")
        #expect(resources.contains(["nodes", "no", "v1", "false", "Node"]), "\(resources)")
        #expect(resources.contains(["pods", "po", "v1", "true", "Pod"]), "\(resources)")
        let namespaced = try await kubectl("api-resources", "--namespaced=false", "-o", "name")
        #expect(namespaced.stdout.split(separator: "\n").contains("nodes"), "\(namespaced)")
        #expect(!namespaced.stdout.split(separator: "\n").contains("pods"), "\(namespaced)")
        let versions = try await kubectl("api-versions")
        #expect(Set(versions.stdout.split(separator: "\n")).isSuperset(of: ["apps/v1", "v1"]), "\(versions)")
        let versionLines = versions.stdout.split(separator: "\n").map(String.init)
        #expect(versionLines == versionLines.sorted())

        let explained = try await kubectl("explain", "deployment")
        #expect(explained.stdout.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n"), "\(explained)")
        #expect(explained.stdout.contains("\nFIELDS:\n  apiVersion\t<string>\n"), "\(explained)")
        #expect(explained.stdout.contains("\n  spec\t<DeploymentSpec>\n"), "\(explained)")
        let field = try await kubectl("explain", "deploy.spec.replicas")
        #expect(field.stdout.contains("FIELD: replicas <integer>\n"), "\(field)")
        let recursive = try await kubectl("explain", "ds", "--recursive")
        let topLevel = recursive.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        #expect(topLevel == ["  apiVersion\t<string>", "  kind\t<string>", "  metadata\t<ObjectMeta>",
                             "  spec\t<DaemonSetSpec>", "  status\t<DaemonSetStatus>"], "\(recursive)")
        #expect(recursive.stdout.contains("\n    updateStrategy\t<DaemonSetUpdateStrategy>\n"), "\(recursive)")
        let badField = try await kubectl("explain", "ds.spec.nope")
        #expect(badField.status == 1 && badField.stderr.contains("field \"nope\" does not exist"), "\(badField)")

        let info = try await kubectl("cluster-info")
        #expect(info.stdout.hasPrefix("Kubernetes control plane is running at https://127.0.0.1:"), "\(info)")
        #expect(info.stdout.hasSuffix("\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"))

        let version = try await kubectl("version", "-o", "json")
        let versions2 = try JSONValue(jsonData: Data(version.stdout.utf8))
        #expect(versions2[path: ["serverVersion", "major"]] == "1" && versions2[path: ["serverVersion", "minor"]] == "32")
        #expect(versions2[path: ["serverVersion", "gitVersion"]]?.stringValue?.hasPrefix("v1.32.0-kcluster") == true)
        let plain = try await kubectl("version")
        #expect(plain.stdout.contains("\nServer Version: v1.32.0-kcluster"), "\(plain)")

        let canI = try await kubectl("auth", "can-i", "create", "deployments.apps")
        #expect(canI.status == 0 && canI.stdout == "yes\n", "\(canI)")
        let canIAll = try await kubectl("auth", "can-i", "delete", "nodes", "--all-namespaces")
        #expect(canIAll.status == 0 && canIAll.stdout == "yes\n", "\(canIAll)")
        let whoami = try await kubectl("auth", "whoami")
        #expect(whoami.stdout == "ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n",
                "\(whoami)")

        for what in ["pods", "nodes"] {
            let top = try await kubectl("top", what)
            #expect(top.status == 1 && top.stdout.isEmpty, "\(top)")
            #expect(top.stderr == "error: Metrics API not available\n", "\(top)")
        }
    }
}
