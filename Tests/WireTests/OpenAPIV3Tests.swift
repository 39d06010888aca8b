import Testing

@testable import KubeAPI

/// The OpenAPI v3 documents generated from ``APISchema``: Kubernetes' index and per-group-version shape, schema
/// names, group-version-kind tags, references, required lists; and the table's own consistency.
@Suite struct OpenAPIV3Tests {
    @Test func index_listsEveryGroupVersionWithAHashedURL() throws {
        let index = OpenAPIV3.index
        // Every group-version a served kind is in, and no other.
        let served = Set(ResourceKind.all.map { $0.group.isEmpty ? "api/v1" : "apis/\($0.group)/\($0.version)" })
        #expect(Set(index.paths.keys) == served)
        let apps = try #require(index.paths["apis/apps/v1"]?.serverRelativeURL)
        #expect(apps.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        let hash = apps.dropFirst("/openapi/v3/apis/apps/v1?hash=".count)
        #expect(hash.count == 16 && hash.allSatisfy { $0.isHexDigit && !$0.isLowercase })
        #expect(OpenAPIV3.requestName(forPath: apps) == "v3/apis/apps/v1")
    }

    @Test func served_answersTheIndexAndDocumentsByTheirPaths() throws {
        let index = try #require(OpenAPIV3.served(name: "v3"))
        #expect(index["paths"]?["api/v1"]?["serverRelativeURL"]?.stringValue?.hasPrefix("/openapi/v3/api/v1?hash=") == true)
        for name in ["v3/api/v1", "v3/api/v1?hash=0123", "/openapi/v3/api/v1", "v3/api/v1/"] {
            #expect(OpenAPIV3.served(name: name)?["openapi"] == "3.0.0", "\(name)")
        }
        #expect(OpenAPIV3.served(name: "v3/apis/autoscaling/v2") == nil)
        #expect(OpenAPIV3.served(name: "v2") == nil)
    }

    @Test func kindSchema_isNamedAndTaggedAsKubernetes() throws {
        let json = try #require(OpenAPIV3.served(name: "v3/apis/apps/v1"))
        let daemonSet = try #require(json["components"]?["schemas"]?["io.k8s.api.apps.v1.DaemonSet"])
        #expect(daemonSet["x-kubernetes-group-version-kind"] == [["group": "apps", "version": "v1", "kind": "DaemonSet"]])
        #expect(daemonSet["type"] == "object")
        #expect(daemonSet["properties"]?["spec"]?["allOf"] == [["$ref": "#/components/schemas/io.k8s.api.apps.v1.DaemonSetSpec"]])
        #expect(daemonSet["properties"]?["metadata"]?["allOf"]
            == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        let spec = try #require(json["components"]?["schemas"]?["io.k8s.api.apps.v1.DaemonSetSpec"])
        #expect(spec["required"] == ["selector", "template"])
        #expect(spec["properties"]?["revisionHistoryLimit"]?["type"] == "integer")
        let strategy = try #require(json["components"]?["schemas"]?["io.k8s.api.apps.v1.DaemonSetUpdateStrategy"])
        #expect(strategy["properties"]?["type"]?["enum"] == ["OnDelete", "RollingUpdate"])
        let podSpec = try #require(json["components"]?["schemas"]?["io.k8s.api.core.v1.PodSpec"])
        #expect(podSpec["properties"]?["containers"]?["items"] == ["$ref": "#/components/schemas/io.k8s.api.core.v1.Container"])
        #expect(podSpec["properties"]?["nodeSelector"]?["additionalProperties"] == ["type": "string"])
        #expect(json["components"]?["schemas"]?["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]
            == ["type": "string", "format": "date-time", "description": .string(APISchema.definitions["Time"]?.description ?? "")])
        #expect(json["components"]?["schemas"]?["io.k8s.api.core.v1.Pod"] == nil, "only what apps/v1 refers to")
    }

    @Test func patchOperation_carriesTheKindAndFieldValidation() throws {
        let document = try #require(OpenAPIV3.documents["apis/apps/v1"])
        let patch = try #require(document.paths["/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}"]?.patch)
        #expect(patch.operationId == "patchAppsV1NamespacedDaemonSet")
        #expect(patch.groupVersionKind == GroupVersionKind(group: "apps", version: "v1", kind: "DaemonSet"))
        #expect(patch.parameters.contains { $0.name == "fieldValidation" && $0.location == "query" })
        let core = try #require(OpenAPIV3.documents["api/v1"])
        #expect(core.paths["/api/v1/nodes/{name}"]?.patch?.operationId == "patchCoreV1Node")
        let lease = try #require(OpenAPIV3.documents["apis/coordination.k8s.io/v1"])
        #expect(lease.paths["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"]?.patch?.operationId
            == "patchCoordinationV1NamespacedLease")
    }

    @Test func everyKindIsInItsGroupVersionsDocument_underItsPackage() throws {
        for kind in ResourceKind.all {
            let document = try #require(OpenAPIV3.documents[OpenAPIV3.path(group: kind.group, version: kind.version)])
            let (name, _) = try #require(document.component(for: GroupVersionKind(kind)), "\(kind)")
            let package = kind.group.isEmpty ? "core" : String(kind.group.prefix { $0 != "." })
            // CustomResourceDefinitions and APIServices are served by Kubernetes' apiextensions and aggregator
            // servers, under their own packages.
            let root = ["apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis",
                        "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis"][kind.group] ?? "io.k8s.api"
            #expect(name == "\(root).\(package).\(kind.version).\(kind.kind)")
        }
    }

    @Test func everyReferenceResolvesInsideItsDocument() {
        for (path, document) in OpenAPIV3.documents {
            var references: [String] = []
            func collect(_ schema: OpenAPISchema) {
                if let ref = schema.ref { references.append(ref) }
                for inner in (schema.allOf ?? []) + [schema.items, schema.additionalProperties].compactMap({ $0 }) {
                    collect(inner)
                }
                for property in (schema.properties ?? [:]).values { collect(property) }
            }
            for schema in document.components.schemas.values { collect(schema) }
            for reference in references {
                #expect(reference.hasPrefix("#/components/schemas/"))
                #expect(document.schema(named: reference) != nil, "\(path): \(reference)")
            }
        }
    }

    // MARK: - The table

    @Test func everyReferenceIsDefined_andEveryDefinitionIsUsed() {
        var referenced = Set(ResourceKind.all.map(\.kind))
        for definition in APISchema.all {
            for field in definition.fields {
                for name in APISchema.references(of: field.type) {
                    #expect(APISchema.definitions[name] != nil, "\(definition.name).\(field.name) -> \(name)")
                    referenced.insert(name)
                }
                #expect(field.enumValues == field.enumValues.sorted(), "\(definition.name).\(field.name)")
                #expect(!field.description.isEmpty, "\(definition.name).\(field.name)")
            }
            #expect(!definition.description.isEmpty, "\(definition.name)")
        }
        #expect(Set(APISchema.definitions.keys) == referenced)
        #expect(APISchema.definitions.count == APISchema.all.count, "a definition is listed twice")
    }
}
