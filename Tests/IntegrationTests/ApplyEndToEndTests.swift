import Foundation
import KubeAPI
import Testing
import TestSupport
import Wire

/// Acceptance 2 and 3 of the backbone: `kctl apply` of the seed manifest, kubectl's lines and tables, and
/// invalid DaemonSets refused with Kubernetes' messages while nothing stored changes.
@Suite(.serialized)
struct ApplyEndToEndTests {
    static let seed = repositoryRoot().appendingPathComponent("examples/ds-demo.yaml").path

    @Test func applySeedTwice_printsCreatedThenUnchanged_andGetShowsKubectlColumns() async throws {
        try await withControlPlane { cp in
            let first = try await cp.kctl("apply", "-f", Self.seed)
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout == "deployment.apps/redis created\ndaemonset.apps/filebeat-ds created\n")

            let second = try await cp.kctl("apply", "-f", Self.seed)
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout == "deployment.apps/redis unchanged\ndaemonset.apps/filebeat-ds unchanged\n")

            let ds = try await cp.kctl("get", "ds")
            #expect(ds.status == 0, "\(ds)")
            let dsLines = ds.stdout.split(separator: "\n").map(String.init)
            #expect(dsLines.first == "NAME          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE")
            #expect(dsLines.count == 2)
            #expect(dsLines.last?.hasPrefix("filebeat-ds   0         0         0       0            0           <none>          ") == true)

            let deploy = try await cp.kctl("get", "deploy")
            #expect(deploy.status == 0, "\(deploy)")
            let deployLines = deploy.stdout.split(separator: "\n").map(String.init)
            #expect(deployLines.first == "NAME    READY   UP-TO-DATE   AVAILABLE   AGE")
            // No nodes: the Deployment's pod stays Pending, so none is ready or available.
            #expect(deployLines.last?.hasPrefix("redis   0/1     ") == true, "\(deploy)")
            #expect(deployLines.last?.contains("            0           ") == true, "\(deploy)")

            let name = try await cp.kctl("get", "ds,deploy", "-o", "name")
            #expect(name.stdout == "daemonset.apps/filebeat-ds\ndeployment.apps/redis\n")
        }
    }

    @Test func applyAfterChange_printsConfigured_andBumpsGeneration() async throws {
        try await withControlPlane { cp in
            #expect(try await cp.kctl("apply", "-f", Self.seed).status == 0)
            let changed = try String(contentsOfFile: Self.seed, encoding: .utf8)
                .replacingOccurrences(of: "value: info", with: "value: debug")
            let result = try await cp.kctl("apply", "-f", "-", stdin: changed)
            #expect(result.stdout == "deployment.apps/redis unchanged\ndaemonset.apps/filebeat-ds configured\n", "\(result)")
            let generation = try await cp.kctl("get", "ds", "filebeat-ds", "-o", "jsonpath={.metadata.generation}")
            #expect(generation.stdout == "2")
        }
    }

    /// A manifest for a DaemonSet `name` whose spec is `spec` (YAML, indented by 2).
    static func daemonSet(_ name: String, spec: String) -> String {
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: \(name)\nspec:\n\(spec)"
    }

    static let validSpec = """
          selector:
            matchLabels:
              app: filebeat
          template:
            metadata:
              labels:
                app: filebeat
            spec:
              containers:
              - name: filebeat
                image: ikubernetes/filebeat:5.6.5-alpine

        """

    @Test(arguments: [
        (
            "mismatch",
            validSpec.replacingOccurrences(of: "      app: filebeat\n  template", with: "      app: other\n  template"),
            "The DaemonSet \"mismatch\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"filebeat\"}: `selector` does not match template `labels`"
        ),
        (
            "never",
            validSpec + "      restartPolicy: Never\n",
            "The DaemonSet \"never\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        ),
        (
            "empty",
            validSpec.replacingOccurrences(of: "  selector:\n    matchLabels:\n      app: filebeat\n", with: "  selector: {}\n"),
            "spec.selector: Invalid value:"
        ),
    ])
    func invalidDaemonSet_isRefusedWithKubernetesMessage_andNothingIsStored(name: String, spec: String, message: String)
        async throws
    {
        try await withControlPlane { cp in
            let result = try await cp.kctl("apply", "-f", "-", stdin: Self.daemonSet(name, spec: spec))
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "\(result)")
            if name == "empty" { #expect(result.stderr.contains("empty selector is invalid for daemonset")) }
            let get = try await cp.kctl("get", "ds", name)
            #expect(get.status != 0)
            #expect(get.stderr == "Error from server (NotFound): daemonsets.apps \"\(name)\" not found\n")
        }
    }

    @Test func selectorChangeOnUpdate_isRefusedAsImmutable_andStoredObjectIsUnchanged() async throws {
        try await withControlPlane { cp in
            let manifest = Self.daemonSet("ds", spec: Self.validSpec)
            #expect(try await cp.kctl("apply", "-f", "-", stdin: manifest).status == 0)
            let before = try await cp.kctl("get", "ds", "ds", "-o", "json")
            let changed = manifest.replacingOccurrences(of: "app: filebeat", with: "app: other")
            let result = try await cp.kctl("apply", "-f", "-", stdin: changed)
            #expect(result.status != 0)
            #expect(result.stderr.contains("spec.selector: Invalid value: "), "\(result)")
            #expect(result.stderr.contains(": field is immutable"), "\(result)")
            let after = try await cp.kctl("get", "ds", "ds", "-o", "json")
            #expect(after.stdout == before.stdout)
        }
    }

    @Test func unknownField_isRefusedWithStrictDecodingError() async throws {
        try await withControlPlane { cp in
            let manifest = Self.daemonSet("strict", spec: Self.validSpec + "  bogus: 1\n")
            let result = try await cp.kctl("apply", "-f", "-", stdin: manifest)
            #expect(result.status != 0)
            #expect(result.stderr.contains("strict decoding error: unknown field \"spec.bogus\""), "\(result)")
        }
    }
}
