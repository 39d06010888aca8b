import Foundation
import Testing
import TestSupport

/// The tutorial's `kctl get ds/filebeat-ds -o go-template=...` and `kctl explain daemonset` against a running
/// control plane, with the built `kctl`.
@Suite(.serialized)
struct TemplateExplainEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    @Test func goTemplate_printsTheUpdateStrategy_andListsAsKubectl() async throws {
        try await withControlPlane { cp in
            let applied = try await cp.kctl("apply", "-f", Self.seed)
            #expect(applied.status == 0, "\(applied)")

            let strategy = try await cp.kctl("get", "ds/filebeat-ds", "-o", #"go-template={{.spec.updateStrategy.type}}{{"\n"}}"#)
            #expect(strategy.status == 0, "\(strategy)")
            #expect(strategy.stdout == "RollingUpdate\n")

            let names = try await cp.kctl(
                "get", "ds,deploy", "--template", #"{{.kind}}:{{range .items}} {{.metadata.name}}/{{.metadata.generation}}{{end}}"#)
            #expect(names.stdout == "List: filebeat-ds/1 redis/1", "\(names)")

            let missing = try await cp.kctl("get", "ds/nope", "-o", "go-template={{.kind}}")
            #expect(missing.status == 1)
            #expect(missing.stdout == "", "kubectl prints only the error when the one object asked for is missing")
            #expect(missing.stderr == "Error from server (NotFound): daemonsets.apps \"nope\" not found\n")

            let bad = try await cp.kctl("get", "ds", "-o", "go-template={{.spec")
            #expect(bad.status == 1)
            #expect(bad.stdout == "")
            #expect(bad.stderr == "error: error parsing template {{.spec, template: output:1: unclosed action\n")

            let unknownFormat = try await cp.kctl("get", "ds", "-o", "foo")
            #expect(unknownFormat.status == 1, "kubectl's exit code for a bad flag value, not ArgumentParser's 64")
            #expect(unknownFormat.stderr.hasPrefix(
                "error: unable to match a printer suitable for the output format \"foo\", allowed formats are: "),
                "\(unknownFormat)")
            #expect(!unknownFormat.stderr.contains("Usage:"))

            let failing = try await cp.kctl("get", "ds/filebeat-ds", "-o", "template={{len .spec.minReadySeconds}}")
            #expect(failing.status == 1)
            #expect(failing.stdout.hasPrefix("Error executing template: template: output:1:2: executing \"output\" at <len .spec.minReadySeconds>"), "\(failing)")
        }
    }

    @Test func explainDaemonSet_printsKubectlsHeaderAndFields() async throws {
        try await withControlPlane { cp in
            let explained = try await cp.kctl("explain", "daemonset")
            #expect(explained.status == 0, "\(explained)")
            let lines = explained.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(Array(lines.prefix(5)) == ["GROUP:      apps", "KIND:       DaemonSet", "VERSION:    v1", "", "DESCRIPTION:"])
            #expect(lines.contains("  spec\t<DaemonSetSpec>"))

            let podSpec = try await cp.kctl("explain", "daemonset.spec.template.spec")
            #expect(podSpec.stdout.contains("FIELD: spec <PodSpec>\n"), "\(podSpec)")
            #expect(podSpec.stdout.contains("  containers\t<[]Container> -required-\n"))

            let unknown = try await cp.kctl("explain", "foo")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "the server doesn't have a resource type \"foo\"\n")
        }
    }
}
