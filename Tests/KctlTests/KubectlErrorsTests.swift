import KubeAPI
import Testing
import Wire

@testable import kctl

/// kubectl's error rendering (CheckErr, aggregates, AddSourceToErr) and the printers of create and edit.
@Suite struct KubectlErrorsTests {
    static let exists = Status.alreadyExists(.daemonSet, name: "filebeat-ds")
    static let invalid = Status.invalid(
        .daemonSet, name: "x", errors: [.required("spec.template.spec.containers[0].image")])

    @Test func oneFailure_isPrintedAsKubectlPrintsAStatus() {
        let sourced = KubectlErrors.addSource("creating", source: "f.yaml", to: Self.exists)
        #expect(KubectlErrors.checkErr(AggregateError(errors: [sourced]))
            == "Error from server (AlreadyExists): error when creating \"f.yaml\": daemonsets.apps \"filebeat-ds\" already exists")
    }

    @Test func oneInvalidFailure_printsTheCauses_notTheSource() {
        let sourced = KubectlErrors.addSource("creating", source: "f.yaml", to: Self.invalid)
        #expect(KubectlErrors.checkErr(AggregateError(errors: [sourced]))
            == "The DaemonSet \"x\" is invalid: spec.template.spec.containers[0].image: Required value")
    }

    @Test func severalFailures_oneLineEach_withTheSource() {
        let errors: [any Error] = [
            KubectlErrors.addSource("creating", source: "f.yaml", to: Self.exists),
            KubectlErrors.addSource("creating", source: "STDIN", to: Self.invalid),
            MessageError("resource mapping not found"),
        ]
        #expect(KubectlErrors.checkErr(AggregateError(errors: errors)) == """
            Error from server (AlreadyExists): error when creating "f.yaml": daemonsets.apps "filebeat-ds" already exists
            Error from server (Invalid): error when creating "STDIN": DaemonSet.apps "x" is invalid: spec.template.spec.containers[0].image: Required value
            resource mapping not found
            """)
    }

    @Test func aggregateMessages_likeGo() {
        #expect(KubectlErrors.aggregateMessage([MessageError("a")]) == "a")
        #expect(KubectlErrors.aggregateMessage([MessageError("a"), MessageError("b"), MessageError("a")]) == "[a, b]")
        #expect(KubectlErrors.aggregateMessage([MessageError("a"), MessageError("a")]) == "a")
        let nested = AggregateError(errors: [MessageError("b"), MessageError("c")])
        #expect(KubectlErrors.aggregateMessage([MessageError("a"), nested]) == "[a, b, c]")
        #expect(KubectlErrors.message(MessageError("error: x")) == "x")
        #expect(KubectlErrors.checkErr(MessageError("boom")) == "error: boom")
    }

    @Test func objectPrinter_linesNamesAndDocuments() throws {
        let ds: JSONValue = ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "filebeat-ds"]]
        let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "dev"]]
        var line = try ObjectPrinter(output: nil, allowed: [.name, .yaml, .json], operation: "created")
        #expect(line.print(ds) == "daemonset.apps/filebeat-ds created\n")
        #expect(line.print(ns) == "namespace/dev created\n")
        var dry = try ObjectPrinter(output: "", allowed: [.name], operation: "created", dryRunSuffix: " (dry run)")
        #expect(dry.print(ds) == "daemonset.apps/filebeat-ds created (dry run)\n")
        var names = try ObjectPrinter(output: "name", allowed: [.name], operation: "created")
        #expect(names.print(ds) == "daemonset.apps/filebeat-ds\n")
        var yaml = try ObjectPrinter(output: "yaml", allowed: [.yaml], operation: "created")
        #expect(yaml.print(ns) == "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n")
        #expect(yaml.print(ns).hasPrefix("---\napiVersion: v1\n"))
        #expect(throws: (any Error).self) {
            try ObjectPrinter(output: "wide", allowed: [.json, .yaml], operation: "edited")
        }
    }

    @Test func clusterInfo_controlPlaneAndServices() {
        #expect(ClusterInfoText.render(server: "wire://127.0.0.1:6443", services: [])
            == "Kubernetes control plane is running at wire://127.0.0.1:6443\n")
        let dns: JSONValue = [
            "metadata": [
                "name": "kube-dns", "namespace": "kube-system", "labels": ["kubernetes.io/name": "CoreDNS"],
            ],
            "spec": ["ports": [["name": "dns", "port": 53], ["name": "dns-tcp", "port": 53]]],
        ]
        let metrics: JSONValue = [
            "metadata": ["name": "metrics-server", "namespace": "kube-system"],
            "spec": ["ports": [["name": "https", "port": 443]]],
        ]
        let balanced: JSONValue = [
            "metadata": ["name": "lb", "namespace": "kube-system"],
            "spec": ["ports": [["port": 80], ["port": 8080]]],
            "status": ["loadBalancer": ["ingress": [["ip": "10.0.0.9"]]]],
        ]
        let expected = [
            "Kubernetes control plane is running at wire://h:1",
            "CoreDNS is running at wire://h:1/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy",
            "metrics-server is running at wire://h:1/api/v1/namespaces/kube-system/services/https:metrics-server:https/proxy",
            "lb is running at http://10.0.0.9:80 http://10.0.0.9:8080 ",
        ]
        #expect(ClusterInfoText.render(server: "wire://h:1", services: [dns, metrics, balanced])
            == expected.map { $0 + "\n" }.joined())
    }
}
