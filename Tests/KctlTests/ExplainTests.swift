import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl explain`'s rendering of the OpenAPI documents the control plane serves (taken here as the server sends
/// them: JSON, decoded as kctl decodes it).
@Suite struct ExplainRendererTests {
    /// The served document of `kind`'s group-version, read back from its JSON.
    static func servedSchema(for kind: ResourceKind) -> ExplainSchema? {
        let index = OpenAPIV3.served(name: OpenAPIV3.indexName).flatMap { try? $0.decode(as: OpenAPIIndex.self) }
        guard let entry = index?.paths[OpenAPIV3.path(group: kind.group, version: kind.version)],
            let json = OpenAPIV3.served(name: OpenAPIV3.requestName(forPath: entry.serverRelativeURL)),
            let document = try? json.decode(as: OpenAPIDocument.self)
        else { return nil }
        return ExplainSchema(document: document)
    }

    /// `kctl explain resource` against the served documents.
    static func render(_ resource: String, recursive: Bool = false, apiVersion: String? = nil) throws(ExplainError)
        -> String
    {
        try ExplainRenderer.render(resource, recursive: recursive, apiVersion: apiVersion, schema: servedSchema(for:))
    }

    @Test func daemonSet_headerAndTopLevelFields() throws {
        let text = try Self.render("daemonset")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(6)) == ["GROUP:      apps", "KIND:       DaemonSet", "VERSION:    v1", "", "DESCRIPTION:", "    Runs one copy of a pod on every eligible node: nodes that join get one, and"])
        let fieldLines = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
        #expect(fieldLines == ["  apiVersion\t<string>", "  kind\t<string>", "  metadata\t<ObjectMeta>",
            "  spec\t<DaemonSetSpec>", "  status\t<DaemonSetStatus>"])
        #expect(text.contains("\n    \nFIELDS:\n"))
        #expect(text.hasSuffix("read-only.\n\n\n"))
    }

    @Test func coreKinds_haveNoGroupLine() throws {
        #expect(try Self.render("po").hasPrefix("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n"))
    }

    @Test func fieldPath_printsTheFieldLineAndBothDescriptions() throws {
        let text = try Self.render("ds.spec.template.spec")
        #expect(text.hasPrefix("""
            GROUP:      apps
            KIND:       DaemonSet
            VERSION:    v1

            FIELD: spec <PodSpec>


            DESCRIPTION:
                The spec of each created pod.
                The desired state of a pod.
                
            FIELDS:
              activeDeadlineSeconds\t<integer>
                How long the pod may run, counted from its start, before it is failed. Not
                allowed in the pod template of a daemon set.

            """))
        #expect(text.contains("  containers\t<[]Container> -required-\n"))
        #expect(text.contains("  restartPolicy\t<string>\n  enum: Always, Never, OnFailure\n    Whether containers"))
    }

    @Test func enumField_listsItsValuesInTheLongView() throws {
        #expect(try Self.render("daemonsets.apps.spec.updateStrategy.type") == """
            GROUP:      apps
            KIND:       DaemonSet
            VERSION:    v1

            FIELD: type <string>
            ENUM:
                OnDelete
                RollingUpdate

            DESCRIPTION:
                RollingUpdate, the default, replaces old pods node by node; OnDelete creates
                a new pod on a node only after its old pod has been deleted by hand.
                


            """)
    }

    @Test func enumsOfMoreThanFourValues_areCutInTheListing() throws {
        let text = try Self.render("pods.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions")
        #expect(text.contains("  operator\t<string> -required-\n  enum: DoesNotExist, Exists, Gt, In, ....\n"))
    }

    @Test func recursive_listsNestedFieldsWithoutDescriptions() throws {
        let text = try Self.render("deploy.spec.strategy", recursive: true)
        #expect(text.hasSuffix("""
            FIELDS:
              rollingUpdate\t<RollingUpdateDeployment>
                maxSurge\t<IntOrString>
                maxUnavailable\t<IntOrString>
              type\t<string>
              enum: Recreate, RollingUpdate


            """))
    }

    @Test func scalarsThroughArraysAndMaps() throws {
        #expect(try Self.render("ds.spec.template.spec.containers.name").contains("FIELD: name <string>\n\n\nDESCRIPTION:\n"))
        #expect(try Self.render("no.status.capacity").contains("FIELD: capacity <map[string]Quantity>\n"))
        #expect(try Self.render("svc.spec.ports.targetPort").contains("FIELD: targetPort <IntOrString>\n"))
        #expect(try Self.render("ev.lastTimestamp").contains("FIELD: lastTimestamp <string>\n"))
    }

    @Test func errors_readAsKubectls() {
        #expect(throws: ExplainError(message: "the server doesn't have a resource type \"foo\"")) {
            try Self.render("foo.spec")
        }
        #expect(
            throws: ExplainError(
                message: "error: field \"bar\" does not exist",
                stdout: "GROUP:      apps\nKIND:       DaemonSet\nVERSION:    v1\n\n")
        ) {
            try Self.render("ds.spec.foo.bar")
        }
        #expect(
            throws: ExplainError(
                message: "error: field \"x\" does not exist", stdout: "KIND:       Pod\nVERSION:    v1\n\n")
        ) {
            try Self.render("po.metadata.labels.x")
        }
        #expect(throws: ExplainError(message: "error: couldn't find resource for \"apps/v2, Resource=daemonsets\"")) {
            try Self.render("ds", apiVersion: "apps/v2")
        }
        #expect(throws: ExplainError(message: "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema")) {
            try Self.render("pods", apiVersion: "apps/v1")
        }
        #expect(throws: ExplainError(message: "error: unexpected GroupVersion string: a/b/c")) {
            try Self.render("pods", apiVersion: "a/b/c")
        }
        #expect((try? Self.render("leases", apiVersion: "coordination.k8s.io/v1")) != nil)
        #expect((try? Self.render("ns.spec.", apiVersion: "v1"))?.contains("FIELD: spec <NamespaceSpec>") == true)
    }

    @Test func everyServedKind_explainsUnderEveryName() throws {
        for kind in ResourceKind.all {
            for name in [kind.singular, kind.plural, kind.kind] + kind.shortNames {
                #expect(try Self.render(name).contains("KIND:       \(kind.kind)\n"), "\(name)")
            }
            #expect(try !Self.render(kind.plural, recursive: true).isEmpty)
        }
    }

    @Test func wordWrap_breaksAtSpacesAndKeepsNewlines() {
        #expect(ExplainRenderer.wordWrap("aaa bbb ccc", 7) == "aaa bbb\nccc")
        #expect(ExplainRenderer.wordWrap("aaa\nbbb ccc\n", 5) == "aaa\nbbb\nccc\n")
        #expect(ExplainRenderer.wordWrap("averyveryverylongword x", 5) == "averyveryverylongword\nx")
        #expect(ExplainRenderer.indent("a\nb\n", 4) == "    a\n    b\n    ")
    }
}
