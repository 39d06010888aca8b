import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// A custom resource version's schema on its own: pruning, defaults, and validation with kube-openapi's messages as
/// Kubernetes reports them.
@Suite struct StructuralSchemaTests {
    static let schema = StructuralSchema([
        "type": "object",
        "properties": [
            "spec": [
                "type": "object",
                "required": ["color"],
                "properties": [
                    "size": ["type": "integer", "minimum": 1, "maximum": 10],
                    "ratio": ["type": "number", "exclusiveMaximum": true, "maximum": 1],
                    "color": ["type": "string", "enum": ["red", "green"]],
                    "name": ["type": "string", "maxLength": 5, "minLength": 2, "pattern": "^[a-z]+$"],
                    "port": ["x-kubernetes-int-or-string": true],
                    "mode": ["type": "string", "default": "fast"],
                    "note": ["type": "string", "nullable": true],
                    "tags": ["type": "array", "maxItems": 2, "minItems": 1, "items": ["type": "string"]],
                    "parts": [
                        "type": "array",
                        "items": ["type": "object", "properties": ["label": ["type": "string"]]],
                    ],
                    "labels": ["type": "object", "additionalProperties": ["type": "integer"]],
                    "free": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ],
            "status": ["type": "object", "properties": ["ready": ["type": "boolean"]]],
        ],
    ])

    func errors(_ spec: JSONValue) -> [String] {
        Self.schema.validate(["spec": spec], path: "").map(\.description)
    }

    @Test func aValueOfTheWrongType_isInvalid_withTheTypeItHas() {
        #expect(errors(["color": "red", "size": "big"]) == [
            #"spec.size: Invalid value: "string": spec.size in body must be of type integer: "string""#,
        ])
        #expect(errors(["color": 3]) == [
            #"spec.color: Invalid value: "integer": spec.color in body must be of type string: "integer""#,
        ])
        // An integral number is an integer; a fraction is not.
        #expect(errors(["color": "red", "size": 2.0]) == [])
        #expect(errors(["color": "red", "size": 2.5]) == [
            #"spec.size: Invalid value: "number": spec.size in body must be of type integer: "number""#,
        ])
        #expect(Self.schema.validate(["spec": "x"], path: "").map(\.description) == [
            #"spec: Invalid value: "string": spec in body must be of type object: "string""#,
        ])
    }

    @Test func requiredEnumBoundsLengthsPatternsAndCounts_asKubernetesWordsThem() {
        #expect(errors(["size": 3]) == ["spec.color: Required value"])
        #expect(errors(["color": "blue"]) == [#"spec.color: Unsupported value: "blue": supported values: "red", "green""#])
        #expect(errors(["color": "red", "size": 0]) == [
            "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
        ])
        #expect(errors(["color": "red", "size": 11]) == [
            "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10",
        ])
        #expect(errors(["color": "red", "ratio": 1]) == [
            "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1",
        ])
        #expect(errors(["color": "red", "name": "abcdef"]) == ["spec.name: Too long: may not be more than 5 bytes"])
        #expect(errors(["color": "red", "name": "a"]) == [
            #"spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long"#,
        ])
        #expect(errors(["color": "red", "name": "AB"]) == [
            #"spec.name: Invalid value: "AB": spec.name in body should match '^[a-z]+$'"#,
        ])
        #expect(errors(["color": "red", "tags": ["a", "b", "c"]]) == ["spec.tags: Too many: 3: must have at most 2 items"])
        #expect(errors(["color": "red", "tags": []]) == [
            "spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items",
        ])
        #expect(errors(["color": "red", "tags": ["a", 1]]) == [
            #"spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer""#,
        ])
        #expect(errors(["color": "red", "labels": ["a": 1, "b": "x"]]) == [
            #"spec.labels.b: Invalid value: "string": spec.labels.b in body must be of type integer: "string""#,
        ])
    }

    @Test func intOrString_nullable_andPreservedFields_takeWhatTheySay() {
        #expect(errors(["color": "red", "port": 80]) == [])
        #expect(errors(["color": "red", "port": "http"]) == [])
        #expect(errors(["color": "red", "port": true]) == [
            #"spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean""#,
        ])
        #expect(errors(["color": "red", "note": .null]) == [])
        #expect(errors(["color": "red", "free": ["anything": ["goes": 1]]]) == [])
    }

    @Test func pruning_dropsUnknownFields_keepsPreservedOnes_fillsDefaults_andDropsDisallowedNulls() {
        var pruned: [String] = []
        let object: JSONValue = [
            "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w", "anything": 1],
            "spec": [
                "color": "red", "foo": 1, "size": .null, "note": .null,
                "parts": [["label": "a", "extra": true]], "free": ["x": ["y": 1]], "labels": ["a": 1],
            ],
            "status": ["ready": true, "bar": "x"],
            "top": 1,
        ]
        let result = Self.schema.pruned(object, path: "", isRoot: true, pruned: &pruned)
        #expect(pruned.sorted() == ["spec.foo", "spec.parts[0].extra", "status.bar", "top"])
        #expect(result == [
            "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w", "anything": 1],
            "spec": [
                "color": "red", "note": .null, "mode": "fast", "parts": [["label": "a"]], "free": ["x": ["y": 1]],
                "labels": ["a": 1],
            ],
            "status": ["ready": true],
        ])
    }
}
