import Foundation
import Testing

@testable import KubeAPI

/// The printer columns of custom kinds: the JSONPath subset they use, and the cells Kubernetes' custom-resource
/// table convertor makes of them.
@Suite struct CustomResourceTableTests {
    static let object: JSONValue = [
        "metadata": ["name": "w1", "creationTimestamp": "2026-01-01T00:00:00Z", "labels": ["app": "web"]],
        "spec": ["size": 3, "ratio": 0.5, "on": true, "items": [["name": "a"], ["name": "b"]]],
        "status": ["conditions": [["type": "Synced", "status": "False"], ["type": "Ready", "status": "True"]]],
    ]

    @Test func paths_selectFieldsIndexesWildcardsAndFilters() throws {
        func values(_ path: String) throws -> [JSONValue] { try #require(SimpleJSONPath(path)).evaluate(Self.object) }
        #expect(try values(".spec.size") == [3])
        #expect(try values("{.spec.items[1].name}") == ["b"])
        #expect(try values(".spec.items[*].name") == ["a", "b"])
        #expect(try values(".spec.items[-1].name") == ["b"])
        #expect(try values(".metadata.labels['app']") == ["web"])
        #expect(try values(#".status.conditions[?(@.type=="Ready")].status"#) == ["True"])
        #expect(try values(".spec.missing") == [])
        #expect(SimpleJSONPath("spec[") == nil)
    }

    @Test func cells_areTypedByTheColumn_andDatesBecomeAges() {
        let table = CustomResourceTable(columns: [
            CustomResourceColumnDefinition(name: "Size", type: "integer", jsonPath: ".spec.size"),
            CustomResourceColumnDefinition(name: "Ratio", type: "number", jsonPath: ".spec.ratio"),
            CustomResourceColumnDefinition(name: "On", type: "boolean", jsonPath: ".spec.on"),
            CustomResourceColumnDefinition(name: "Items", type: "string", jsonPath: ".spec.items[0]"),
            CustomResourceColumnDefinition(name: "Ready", type: "string", jsonPath: #".status.conditions[?(@.type=="Ready")].status"#),
            CustomResourceColumnDefinition(name: "Missing", type: "string", jsonPath: ".spec.nothing"),
            CustomResourceColumnDefinition(name: "Wrong", type: "integer", jsonPath: ".metadata.name"),
            CustomResourceColumnDefinition(name: "Created", type: "date", jsonPath: ".metadata.creationTimestamp"),
        ])
        let now = Date(timeIntervalSince1970: 1_767_225_600 + 90)  // 90 s after creation
        #expect(table.cells(for: Self.object, now: now) == [
            "w1", 3, 0.5, true, #"{"name":"a"}"#, "True", .null, .null, "90s",
        ])
        #expect(table.definitions.map(\.name) == ["Name", "Size", "Ratio", "On", "Items", "Ready", "Missing", "Wrong", "Created"])
    }

    @Test func aVersionWithoutColumns_getsAge() {
        let table = CustomResourceTable(columns: nil)
        #expect(table.definitions.map(\.name) == ["Name", "Age"])
        #expect(table.definitions[1].type == "date")
    }
}
