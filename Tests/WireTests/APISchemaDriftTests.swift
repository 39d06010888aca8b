import Testing

@testable import KubeAPI

/// The schema (``APISchema``, which the OpenAPI documents and `kctl explain` come from) against the API types, in
/// both directions: every key each type's `init(from:)` asks for, recursively, is a field of the schema with the
/// same type, and every field of the schema is decoded by the type.
@Suite struct APISchemaDriftTests {
    static var types: [(ResourceKind, any Decodable.Type)] {
        [
            (.namespace, Namespace.self), (.node, Node.self), (.pod, Pod.self), (.service, ServiceObject.self),
            (.endpoints, Endpoints.self), (.event, Event.self), (.configMap, ConfigMap.self), (.secret, Secret.self),
            (.daemonSet, DaemonSet.self), (.deployment, Deployment.self), (.replicaSet, ReplicaSet.self),
            (.controllerRevision, ControllerRevision.self), (.lease, Lease.self), (.endpointSlice, EndpointSlice.self),
            (.customResourceDefinition, CustomResourceDefinition.self),
            (.role, Role.self), (.clusterRole, ClusterRole.self), (.roleBinding, RoleBinding.self),
            (.clusterRoleBinding, ClusterRoleBinding.self),
            (.statefulSet, StatefulSet.self),
            (.serviceAccount, ServiceAccount.self),
            (.priorityClass, PriorityClass.self), (.validatingWebhookConfiguration, ValidatingWebhookConfiguration.self),
            (.mutatingWebhookConfiguration, MutatingWebhookConfiguration.self), (.apiService, APIService.self), (.podDisruptionBudget, PodDisruptionBudget.self),
            (.networkPolicy, NetworkPolicy.self), (.ingress, Ingress.self), (.ingressClass, IngressClass.self),
            (.storageClass, StorageClass.self), (.csiDriver, CSIDriver.self), (.persistentVolume, PersistentVolume.self),
            (.persistentVolumeClaim, PersistentVolumeClaim.self),
            (.job, Job.self), (.cronJob, CronJob.self),
        ]
    }

    static func shape(of type: any Decodable.Type) throws -> DecodedShape {
        try DecodingProbe.shape(of: type)
    }

    @Test func everyServedKindIsChecked() {
        #expect(Set(Self.types.map(\.0)) == Set(ResourceKind.all))
    }

    @Test(arguments: ResourceKind.all)
    func schemaMatchesWhatTheTypeDecodes(_ kind: ResourceKind) throws {
        let type = try #require(Self.types.first { $0.0 == kind }?.1)
        let definition = try #require(APISchema.definition(for: kind))
        let drift = APISchemaDrift(definitions: APISchema.definitions)
        #expect(drift.mismatches(try Self.shape(of: type), .ref(definition.name), at: kind.kind) == [])
    }

    // MARK: - The check itself

    struct Widget: Decodable {
        var name: String?
        var size: Int32?
        var parts: [Part]?
        var labels: [String: String]?
        var extra: JSONValue?
        var port: IntOrString?
        var created: String?
    }

    struct Part: Decodable {
        var label: String?
    }

    static let fixtureSchema: [String: SchemaDefinition] = Dictionary(
        uniqueKeysWithValues: [
            APISchema.object(
                "Widget", "A test type.",
                [
                    APISchema.field("name", .string, "Its name."),
                    APISchema.field("color", .string, "Not in the Swift type."),
                    APISchema.field("parts", .array(.ref("Part")), "Its parts."),
                    APISchema.field("labels", .map(.integer), "Typed differently from the Swift type."),
                    APISchema.field("extra", .ref("Part"), "Listed fields, but the Swift type carries it as sent."),
                    APISchema.field("port", .ref("IntOrString"), "A named scalar."),
                    APISchema.field("created", .ref("Time"), "A time, a string in the Swift type."),
                ]),
            APISchema.object(
                "Part", "A part.",
                [APISchema.field("label", .string, "Its label."), APISchema.field("weight", .integer, "Not in Swift.")]),
            APISchema.scalar("IntOrString", format: "int-or-string", "A number or a name."),
            APISchema.scalar("Time", format: "date-time", "A time."),
        ].map { ($0.name, $0) })

    /// The check fails when a type decodes a key the schema lacks, when the schema has a field the type does not
    /// decode (also in nested types), and when a value is typed differently.
    @Test func reportsDriftInBothDirections() throws {
        let drift = APISchemaDrift(definitions: Self.fixtureSchema)
        #expect(drift.mismatches(try Self.shape(of: Widget.self), .ref("Widget"), at: "Widget") == [
            "Widget.size: decoded by Widget, but not a field of the schema's Widget",
            "Widget.color: a field of the schema's Widget, but Widget does not decode it",
            "Widget.extra: carried as sent (JSONValue), but the schema lists the fields of Part",
            "Widget.labels{}: decoded as string, but the schema says integer",
            "Widget.parts[].weight: a field of the schema's Part, but Part does not decode it",
        ])
    }

    @Test func probeSeesOptionalNestedListAndMapValues() throws {
        guard case .object(let name, let keys) = try Self.shape(of: Widget.self) else {
            Issue.record("Widget decodes an object")
            return
        }
        #expect(name == "Widget")
        #expect(keys["parts"] == .array(.object("Part", ["label": .string])))
        #expect(keys["labels"] == .map(.string))
        #expect(keys["extra"] == .any)
        #expect(keys["port"] == .scalar("IntOrString"))
        #expect(keys["size"] == .integer)
    }

    @Test func probeSeesThroughOrEmpty() throws {
        guard case .object(_, let keys) = try Self.shape(of: DaemonSetStatus.self) else {
            Issue.record("DaemonSetStatus decodes an object")
            return
        }
        #expect(keys["numberReady"] == .integer)
        guard case .object(_, let specKeys) = try Self.shape(of: PodSpec.self) else {
            Issue.record("PodSpec decodes an object")
            return
        }
        guard case .array(.object("Container", let container)) = specKeys["containers"] else {
            Issue.record("containers: \(String(describing: specKeys["containers"]))")
            return
        }
        #expect(container["name"] == .string)
    }
}
