import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// CustomResourceDefinition defaults and validation, with Kubernetes' messages.
@Suite struct CustomResourceDefinitionValidationTests {
    static func definition(
        name: String = "widgets.example.com", group: String = "example.com", schema: JSONValue? = ["type": "object"],
        versions: [CustomResourceDefinitionVersion]? = nil
    ) -> CustomResourceDefinition {
        var crd = CustomResourceDefinition(
            metadata: ObjectMeta(name: name),
            spec: CustomResourceDefinitionSpec(
                group: group, names: CustomResourceDefinitionNames(plural: "widgets", kind: "Widget"), scope: "Namespaced",
                versions: versions ?? [CustomResourceDefinitionVersion(name: "v1", schema: schema)]))
        crd.applyDefaults()
        return crd
    }

    @Test func defaults_fillSingularListKindConversionAndStoredVersions() {
        let crd = Self.definition()
        #expect(crd.spec.names.singular == "widget")
        #expect(crd.spec.names.listKind == "WidgetList")
        #expect(crd.spec.conversion?.strategy == "None")
        #expect(crd.status.storedVersions == ["v1"])
        #expect(crd.validateCreate() == [])
    }

    @Test func accept_recordsTheNamesAndEstablishesTheKind() {
        var crd = Self.definition()
        crd.accept(now: Date(timeIntervalSince1970: 0))
        #expect(crd.status.acceptedNames == crd.spec.names)
        #expect(crd.status.conditions?.map(\.type) == ["NamesAccepted", "Established"])
        #expect(crd.status.conditions?.allSatisfy { $0.status == "True" } == true)
    }

    @Test func theNameMustBePluralDotGroup_andTheGroupADomain() {
        #expect(Self.definition(name: "widgets").validateCreate().map(\.description) == [
            #"metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group"#,
        ])
        #expect(Self.definition(name: "widgets.example", group: "example").validateCreate().map(\.description) == [
            #"spec.group: Invalid value: "example": should be a domain with at least one dot"#,
        ])
    }

    @Test func exactlyOneStorageVersion() {
        let two = [
            CustomResourceDefinitionVersion(name: "v1", schema: ["type": "object"]),
            CustomResourceDefinitionVersion(name: "v2", schema: ["type": "object"]),
        ]
        let errors = Self.definition(versions: two).validateCreate()
        #expect(errors.contains { $0.field == "spec.versions" && $0.detail == "must have exactly one version marked as storage version" })
    }

    @Test func schemasMustBeStructural() {
        let untyped: JSONValue = ["type": "object", "properties": ["spec": ["properties": ["size": ["type": "integer"]]]]]
        #expect(Self.definition(schema: untyped).validateCreate().map(\.description) == [
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
        ])
        #expect(Self.definition(schema: nil).validateCreate().map(\.description) == [
            "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required",
        ])
        let list: JSONValue = ["type": "object", "properties": ["items": ["type": "array", "items": ["description": "x"]]]]
        #expect(Self.definition(schema: list).validateCreate().map(\.description) == [
            "spec.versions[0].schema.openAPIV3Schema.properties[items].items.type: Required value: must not be empty for specified array items",
        ])
        #expect(Self.definition(schema: ["type": "string"]).validateCreate().map(\.description) == [
            #"spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root"#,
        ])
    }

    @Test func printerColumns_needAKnownTypeAndASimplePath() {
        var version = CustomResourceDefinitionVersion(name: "v1", schema: ["type": "object"])
        version.additionalPrinterColumns = [
            CustomResourceColumnDefinition(name: "Size", type: "int", jsonPath: ".spec.size"),
            CustomResourceColumnDefinition(name: "Color", type: "string", jsonPath: "spec.color"),
        ]
        #expect(Self.definition(versions: [version]).validateCreate().map(\.description) == [
            #"spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string"#,
            #"spec.versions[0].additionalPrinterColumns[1].jsonPath: Invalid value: "spec.color": must be a simple json path starting with ."#,
        ])
    }
}
