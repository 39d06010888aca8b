import Foundation
import KubeAPI
import TestSupport
import Testing
import Wire

/// CustomResourceDefinitions end to end (issue 10, acceptance 3): the real kubectl 1.32 and kctl against one
/// `kctl cluster create` cluster: a CRD with a schema and printer columns, custom objects valid, invalid by type and
/// missing a required field (Kubernetes' messages), `get` with the printer columns, `explain`, `get -w`, the status
/// subresource, the scale subresource, `get all` through the definition's category, the kind served again after a control-plane restart,
/// and the CRD's deletion taking its objects and its kind with it. kubectl's mapping error for a kind
/// the server does not serve is compared with kctl's, byte for byte.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct CustomResourceEndToEndTests {
    static let definition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd], categories: [all]}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}, scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.replicas}}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
            - {name: Ready, type: string, jsonPath: .status.ready}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                description: A widget, for the tests.
                properties:
                  spec:
                    type: object
                    description: What the widget should be.
                    required: [color]
                    properties:
                      size: {type: integer, minimum: 1, description: How big it is.}
                      color: {type: string, enum: [red, green, blue], description: Its color.}
                  status:
                    type: object
                    properties:
                      ready: {type: string}
                      replicas: {type: integer}
        """

    /// Runs one client (kubectl or kctl) with these arguments.
    typealias Runner = ([String]) async throws -> CommandResult

    static func widget(_ name: String, _ spec: String) -> String {
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: \(name)\nspec: \(spec)\n"
    }

    @Test func aDefinitionServesItsKind_toKubectlAndKctl_untilItIsDeleted() async throws {
        try await KubectlSession.withCluster("crd", nodes: 1) { kubectl in
            let home = kubectl.home
            func kctl(_ arguments: String...) async throws -> CommandResult {
                try await home.kctl(arguments, defaultKubeconfig: true)
            }
            let valid = try kubectl.file("w1.yaml", Self.widget("w1", "{size: 3, color: red}"))
            let byKctl = try kubectl.file("k1.yaml", Self.widget("k1", "{size: 2, color: green}"))
            let wrongType = try kubectl.file("w2.yaml", Self.widget("w2", "{size: big, color: red}"))
            let missing = try kubectl.file("w3.yaml", Self.widget("w3", "{size: 2}"))

            // Before the definition: kubectl's mapping error, and kctl's, the same text.
            let unmapped = "error: resource mapping not found for name: \"w1\" namespace: \"\" from \"\(valid)\": "
                + "no matches for kind \"Widget\" in version \"example.com/v1\"\nensure CRDs are installed first\n"
            let kubectlUnmapped = try await kubectl("apply", "--validate=false", "-f", valid)
            #expect(kubectlUnmapped.status == 1 && kubectlUnmapped.stderr == unmapped, "\(kubectlUnmapped)")
            let kctlUnmapped = try await kctl("apply", "-f", valid)
            #expect(kctlUnmapped.status == 1 && kctlUnmapped.stderr == unmapped, "\(kctlUnmapped)")

            let crd = try await kubectl("apply", "-f", try kubectl.file("crd.yaml", Self.definition))
            #expect(crd.stdout == "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n", "\(crd)")
            let crds = try await kubectl("get", "crds")
            #expect(tableRows(crds.stdout).first == ["NAME", "CREATED", "AT"], "\(crds)")
            #expect(tableRows(crds.stdout).dropFirst().map(\.first) == ["widgets.example.com"], "\(crds)")
            let established = try await kubectl(
                "get", "crd", "widgets.example.com", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Established\")].status} {.status.acceptedNames.kind}")
            #expect(established.stdout == "True Widget", "\(established)")

            // Objects: valid, invalid by type, missing a required field, with Kubernetes' messages; kctl the same.
            let created = try await kubectl("apply", "-f", valid)
            #expect(created.stdout == "widget.example.com/w1 created\n", "\(created)")
            let kctlCreated = try await kctl("apply", "-f", byKctl)
            #expect(kctlCreated.stdout == "widget.example.com/k1 created\n", "\(kctlCreated)")
            let typeError = "The Widget \"w2\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must "
                + "be of type integer: \"string\"\n"
            let requiredError = "The Widget \"w3\" is invalid: spec.color: Required value\n"
            for run in [{ try await kubectl.run($0) }, { try await home.kctl($0, defaultKubeconfig: true) }] as [Runner] {
                let byType = try await run(["apply", "-f", wrongType])
                #expect(byType.status == 1 && byType.stderr == typeError, "\(byType)")
                let byRequired = try await run(["apply", "-f", missing])
                #expect(byRequired.status == 1 && byRequired.stderr == requiredError, "\(byRequired)")
            }

            // get: the printer columns, by plural, short name and group-qualified name.
            for run in [{ try await kubectl.run($0) }, { try await home.kctl($0, defaultKubeconfig: true) }] as [Runner] {
                for name in ["widgets", "wd", "widgets.example.com"] {
                    let rows = tableRows(try await run(["get", name]).stdout)
                    #expect(rows.first == ["NAME", "SIZE", "COLOR", "READY", "AGE"], "\(name): \(rows)")
                    #expect(rows.dropFirst().map { Array($0.prefix(3)) } == [["k1", "2", "green"], ["w1", "3", "red"]], "\(name): \(rows)")
                }
                #expect(try await run(["get", "wd", "w1", "-o", "name"]).stdout == "widget.example.com/w1\n")
            }

            // explain reads the schema from the server's OpenAPI: kubectl and kctl print the same.
            for path in ["widget", "widget.spec", "widget.spec.color", "widget.status"] {
                let expected = try await kubectl("explain", path)
                #expect(expected.status == 0, "\(expected)")
                let actual = try await kctl("explain", path)
                #expect(actual.stdout == expected.stdout, "explain \(path)\nkctl:\n\(actual)\nkubectl:\n\(expected)")
            }
            #expect(try await kubectl("explain", "widget.spec").stdout.contains("  color\t<string> -required-\n"))

            // get -w sees a change made by the other client, on both sides.
            let watcher = try kubectl.spawn("get", "wd", "w1", "-w")
            defer { watcher.signal(SIGKILL) }
            let kctlWatcher = try ChildProcess(
                try BuiltProducts.url(for: "kctl"), ["get", "wd", "k1", "-w"], environment: ["HOME": home.url.path],
                name: "kctl")
            defer { kctlWatcher.signal(SIGKILL) }
            _ = try await watcher.waitForLine(containing: "w1 ")
            _ = try await kctlWatcher.waitForLine(containing: "k1 ")
            let patched = try await kctl("patch", "wd", "w1", "--type=merge", "-p", #"{"spec":{"size":7}}"#)
            #expect(patched.stdout == "widget.example.com/w1 patched\n", "\(patched)")
            #expect(try await watcher.waitForLine(containing: " 7 ").contains("red"))
            _ = try await kubectl("patch", "wd", "k1", "--type=merge", "-p", #"{"spec":{"size":9}}"#)
            #expect(try await kctlWatcher.waitForLine(containing: " 9 ").contains("green"))

            // A strategic merge patch is refused as Kubernetes refuses it for custom kinds.
            let strategic = try await kubectl("patch", "wd", "w1", "-p", #"{"spec":{"size":4}}"#)
            let kctlStrategic = try await kctl("patch", "wd", "w1", "-p", #"{"spec":{"size":4}}"#)
            #expect(strategic.status == 1 && strategic.stderr.hasPrefix(
                "error: application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget"), "\(strategic)")
            #expect(kctlStrategic.stderr == strategic.stderr, "\(kctlStrategic)")

            // The status subresource: /status writes only the status; writes to the object keep it, and only they
            // advance the generation.
            let status = try await kubectl(
                "patch", "wd", "w1", "--subresource=status", "--type=merge", "-p", #"{"status":{"ready":"yes"},"spec":{"size":1}}"#)
            #expect(status.status == 0, "\(status)")
            let main = try await kctl("patch", "wd", "w1", "--type=merge", "-p", #"{"status":{"ready":"no"},"spec":{"size":8}}"#)
            #expect(main.status == 0, "\(main)")
            let fields = try await kubectl(
                "get", "wd", "w1", "-o", "jsonpath={.spec.size} {.status.ready} {.metadata.generation}")
            // generation: 1 at create, 2 for size 7, the status write none, 3 for size 8.
            #expect(fields.stdout == "8 yes 3", "\(fields)")
            let row = tableRows(try await kctl("get", "wd", "w1").stdout)
            #expect(row.dropFirst().first.map { Array($0.prefix(4)) } == ["w1", "8", "red", "yes"], "\(row)")

            // The scale subresource reads and writes the definition's replicas path.
            let scaled = try await kubectl("scale", "wd", "w1", "--replicas=5")
            #expect(scaled.stdout == "widget.example.com/w1 scaled\n", "\(scaled)")
            #expect(try await kubectl("get", "wd", "w1", "-o", "jsonpath={.spec.size}").stdout == "5")
            let scale = try await kubectl("get", "--raw", "/apis/example.com/v1/namespaces/default/widgets/w1/scale")
            #expect(try JSONValue(jsonData: Data(scale.stdout.utf8))[path: ["spec", "replicas"]] == 5, "\(scale)")

            // The definition's category `all` puts its objects in `get all`.
            let all = try await kctl("get", "all")
            #expect(all.stdout.contains("\nwidget.example.com/k1   9      green") && all.stdout.contains("\nwidget.example.com/w1 "), "\(all)")

            // The kind is served again from the stored definition after a control-plane restart.
            let restarted = try await kctl("cluster", "restart-control-plane")
            #expect(restarted.status == 0, "\(restarted)")
            try await kubectl.until("the kind served after the restart", "get", "wd", "-o", "name") {
                $0.stdout == "widget.example.com/k1\nwidget.example.com/w1\n"
            }

            // Deleting the definition deletes its objects and the kind.
            let deleted = try await kubectl("delete", "crd", "widgets.example.com")
            #expect(deleted.stdout == "customresourcedefinition.apiextensions.k8s.io \"widgets.example.com\" deleted\n", "\(deleted)")
            let gone = try await kctl("get", "widgets")
            #expect(gone.status == 1 && gone.stderr == "error: the server doesn't have a resource type \"widgets\"\n", "\(gone)")
            let resources = try await kubectl("api-resources", "--api-group=example.com", "-o", "name")
            #expect(resources.stdout.isEmpty, "\(resources)")
            _ = try await kubectl("apply", "-f", try kubectl.file("crd.yaml", Self.definition))
            try await kubectl.until("the kind served again, without objects", "get", "widgets") {
                $0.status == 0 && $0.stderr == "No resources found in default namespace.\n"
            }
        }
    }
}
