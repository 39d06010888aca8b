import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// The explain schema table against the Wire API types, in both directions: every field of the table decodes
/// into the Swift type (strictly, with a value of the table's type), and every stored property of the Swift type
/// is in the table.
@Suite struct ExplainSchemaTests {
    typealias Decoder = @Sendable (JSONValue) throws -> (value: Any, unknownFields: [String])

    static func decoder<R: Codable & Sendable>(_ type: R.Type) -> Decoder {
        { json in
            let (value, unknown) = try StrictDecoding.decodeReportingUnknownFields(R.self, from: json)
            return (value, unknown)
        }
    }

    static let kinds: [(ResourceKind, Decoder)] = [
        (.pod, decoder(Pod.self)), (.node, decoder(Node.self)), (.namespace, decoder(Namespace.self)),
        (.service, decoder(ServiceObject.self)), (.endpoints, decoder(Endpoints.self)), (.event, decoder(Event.self)),
        (.daemonSet, decoder(DaemonSet.self)), (.deployment, decoder(Deployment.self)),
        (.replicaSet, decoder(ReplicaSet.self)), (.controllerRevision, decoder(ControllerRevision.self)),
        (.lease, decoder(Lease.self)),
    ]

    /// A value of `type` with every field of the table filled in.
    static func sample(_ type: ExplainType) -> JSONValue {
        switch type {
        case .string: return "x"
        case .integer: return 1
        case .boolean: return true
        case .number: return 1.5
        case .object: return [:]
        case .array(let inner): return [sample(inner)]
        case .map(let inner): return ["k": sample(inner)]
        case .ref(let name):
            guard let definition = ExplainSchema.definitions[name] else { return .null }
            switch definition.shownAs {
            case "string": return "2026-01-02T03:04:05Z"
            case "IntOrString": return 1
            case "Quantity": return "1"
            default: break
            }
            return .object(Dictionary(uniqueKeysWithValues: definition.fields.map { ($0.name, sample($0.type)) }))
        }
    }

    /// Stored properties of `value` missing from the table (or typed differently), as paths.
    static func unlisted(_ value: Any, as type: ExplainType, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return [] }
            return unlisted(wrapped, as: type, path: path)
        case .collection:
            guard case .array(let inner) = type else { return ["\(path): an array, the table says \(type)"] }
            guard let first = mirror.children.first?.value else { return [] }
            return unlisted(first, as: inner, path: path + "[]")
        case .struct:
            if mirror.children.contains(where: { $0.label == "wrappedValue" }), mirror.children.count == 1 {
                return unlisted(mirror.children.first!.value, as: type, path: path)
            }
            guard let definition = ExplainSchema.objectDefinition(of: type), case .ref = type else {
                return ["\(path): a struct, the table says \(type)"]
            }
            var issues: [String] = []
            for child in mirror.children {
                guard var name = child.label else { continue }
                if name.hasPrefix("_") { name.removeFirst() }
                guard let field = definition.fields.first(where: { $0.name == name }) else {
                    issues.append("\(path).\(name) is not in \(definition.name)")
                    continue
                }
                issues += unlisted(child.value, as: field.type, path: "\(path).\(name)")
            }
            return issues
        default:
            return []
        }
    }

    @Test(arguments: kinds.map(\.0))
    func tableMatchesTheWireTypes(_ kind: ResourceKind) throws {
        let decode = try #require(Self.kinds.first { $0.0 == kind }?.1)
        let definition = try #require(ExplainSchema.definition(for: kind))
        var json = Self.sample(.ref(definition.name))
        json["apiVersion"] = .string(kind.apiVersion)
        json["kind"] = .string(kind.kind)
        let (value, unknown) = try decode(json)
        #expect(unknown == [], "fields of the table the Swift type lacks")
        #expect(Self.unlisted(value, as: .ref(definition.name), path: kind.kind) == [])
    }

    @Test func everyReferenceResolves_andEveryDefinitionIsUsed() {
        var referenced = Set(ResourceKind.all.map(\.kind))
        func names(_ type: ExplainType) -> [String] {
            switch type {
            case .ref(let name): [name]
            case .array(let inner), .map(let inner): names(inner)
            default: []
            }
        }
        for definition in ExplainSchema.table {
            for field in definition.fields {
                for name in names(field.type) {
                    #expect(ExplainSchema.definitions[name] != nil, "\(definition.name).\(field.name) -> \(name)")
                    referenced.insert(name)
                }
                #expect(field.enumValues == field.enumValues.sorted(), "\(definition.name).\(field.name)")
                #expect(!field.description.isEmpty)
            }
        }
        #expect(Set(ExplainSchema.definitions.keys) == referenced)
        #expect(ExplainSchema.definitions.count == ExplainSchema.table.count, "a definition is listed twice")
    }
}

@Suite struct ExplainRendererTests {
    @Test func daemonSet_headerAndTopLevelFields() throws {
        let text = try ExplainRenderer.render("daemonset")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(6)) == ["GROUP:      apps", "KIND:       DaemonSet", "VERSION:    v1", "", "DESCRIPTION:", "    Runs one copy of a pod on every eligible node: nodes that join get one, and"])
        let fieldLines = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") }
        #expect(fieldLines == ["  apiVersion\t<string>", "  kind\t<string>", "  metadata\t<ObjectMeta>",
            "  spec\t<DaemonSetSpec>", "  status\t<DaemonSetStatus>"])
        #expect(text.contains("\n    \nFIELDS:\n"))
        #expect(text.hasSuffix("read-only.\n\n\n"))
    }

    @Test func coreKinds_haveNoGroupLine() throws {
        #expect(try ExplainRenderer.render("po").hasPrefix("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n"))
    }

    @Test func fieldPath_printsTheFieldLineAndBothDescriptions() throws {
        let text = try ExplainRenderer.render("ds.spec.template.spec")
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
        #expect(try ExplainRenderer.render("daemonsets.apps.spec.updateStrategy.type") == """
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
        let text = try ExplainRenderer.render("pods.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions")
        #expect(text.contains("  operator\t<string> -required-\n  enum: DoesNotExist, Exists, Gt, In, ....\n"))
    }

    @Test func recursive_listsNestedFieldsWithoutDescriptions() throws {
        let text = try ExplainRenderer.render("deploy.spec.strategy", recursive: true)
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
        #expect(try ExplainRenderer.render("ds.spec.template.spec.containers.name").contains("FIELD: name <string>\n\n\nDESCRIPTION:\n"))
        #expect(try ExplainRenderer.render("no.status.capacity").contains("FIELD: capacity <map[string]Quantity>\n"))
        #expect(try ExplainRenderer.render("svc.spec.ports.targetPort").contains("FIELD: targetPort <IntOrString>\n"))
        #expect(try ExplainRenderer.render("ev.lastTimestamp").contains("FIELD: lastTimestamp <string>\n"))
    }

    @Test func errors_readAsKubectls() {
        #expect(throws: ExplainError(message: "error: the server doesn't have a resource type \"foo\"")) {
            try ExplainRenderer.render("foo.spec")
        }
        #expect(throws: ExplainError(message: "error: field \"bar\" does not exist")) {
            try ExplainRenderer.render("ds.spec.foo.bar")
        }
        #expect(throws: ExplainError(message: "error: field \"x\" does not exist")) {
            try ExplainRenderer.render("po.metadata.labels.x")
        }
        #expect(throws: ExplainError(message: "error: couldn't find resource for \"apps/v2, Resource=daemonsets\"")) {
            try ExplainRenderer.render("ds", apiVersion: "apps/v2")
        }
        #expect(throws: ExplainError(message: "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema")) {
            try ExplainRenderer.render("pods", apiVersion: "apps/v1")
        }
        #expect(throws: ExplainError(message: "error: unexpected GroupVersion string: a/b/c")) {
            try ExplainRenderer.render("pods", apiVersion: "a/b/c")
        }
        #expect((try? ExplainRenderer.render("leases", apiVersion: "coordination.k8s.io/v1")) != nil)
        #expect((try? ExplainRenderer.render("ns.spec.", apiVersion: "v1"))?.contains("FIELD: spec <NamespaceSpec>") == true)
    }

    @Test func everyServedKind_explainsUnderEveryName() throws {
        for kind in ResourceKind.all {
            for name in [kind.singular, kind.plural, kind.kind] + kind.shortNames {
                #expect(try ExplainRenderer.render(name).contains("KIND:       \(kind.kind)\n"), "\(name)")
            }
            #expect(try !ExplainRenderer.render(kind.plural, recursive: true).isEmpty)
        }
    }

    @Test func wordWrap_breaksAtSpacesAndKeepsNewlines() {
        #expect(ExplainRenderer.wordWrap("aaa bbb ccc", 7) == "aaa bbb\nccc")
        #expect(ExplainRenderer.wordWrap("aaa\nbbb ccc\n", 5) == "aaa\nbbb\nccc\n")
        #expect(ExplainRenderer.wordWrap("averyveryverylongword x", 5) == "averyveryverylongword\nx")
        #expect(ExplainRenderer.indent("a\nb\n", 4) == "    a\n    b\n    ")
    }
}
