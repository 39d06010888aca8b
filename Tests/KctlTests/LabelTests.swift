import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct LabelParsingTests {
    @Test func parse_splitsResourcesFromSetsAndRemovals() throws {
        let change = try LabelChange.parse(["nodes", "worker-1", "color=blue", "tier-", "color=green", "empty="])
        #expect(change.resources == ["nodes", "worker-1"])
        #expect(change.set.map(\.key) == ["color", "empty"] && change.set.map(\.value) == ["green", ""])
        #expect(change.remove == ["tier"])
        #expect(try LabelChange.parse(["node/worker-1", "example.com/zone=a"]).resources == ["node/worker-1"])
    }

    @Test func parse_errors_useKubectlMessages() {
        let cases: [([String], Bool, String?, String)] = [
            (["pods", "x", "a=b=c"], false, nil, "invalid label spec: a=b=c"),
            (["pods", "x", "a=b", "y"], false, nil, "all resources must be specified before label changes: y"),
            (["pods", "x", "a=b", "a-"], false, nil, "can not both modify and remove a label in the same command"),
            (["pods", "x"], false, nil, "at least one label update is required"),
            (["a=b"], false, nil, "one or more resources must be specified as <resource> <name> or <resource>/<name>"),
            (["pods", "a=b"], true, "x=y", "cannot set --all and --selector at the same time"),
        ]
        for (arguments, all, selector, message) in cases {
            #expect(throws: LabelError(message)) { try LabelChange.parse(arguments, all: all, selector: selector) }
        }
        #expect(ErrorReporting.render(LabelError("at least one label update is required"))
            == "error: at least one label update is required")
    }

    @Test func parse_invalidValue_quotesTheArgumentAndJoinsTheProblems() {
        let problems = Validation.isValidLabelValue("bad value!").joined(separator: ";")
        #expect(problems.hasPrefix("a valid label must be an empty string"))
        #expect(throws: LabelError("invalid label value: \"k=bad value!\": \(problems)")) {
            try LabelChange.parse(["pods", "x", "k=bad value!"])
        }
    }
}

@Suite struct LabelApplyTests {
    private static let pod: JSONValue = [
        "kind": "Pod", "metadata": ["name": "web-1", "namespace": "default", "labels": ["app": "web", "tier": "front"]],
    ]
    private static let bareNode: JSONValue = ["kind": "Node", "metadata": ["name": "worker-1"]]

    private static func change(_ arguments: String...) throws -> LabelChange {
        try LabelChange.parse(["pods", "web-1"] + arguments)
    }

    @Test func addingALabel_patchesOnlyThatKey() throws {
        let outcome = try Self.change("color=blue").apply(to: Self.pod, kind: .pod, overwrite: false)
        #expect(outcome.patch == ["metadata": ["labels": ["color": "blue"]]])
        #expect(outcome.operation == "labeled" && outcome.missing.isEmpty)
        #expect(outcome.line(kind: .pod, name: "web-1") == "pod/web-1 labeled")
    }

    @Test func labelOnAnObjectWithoutLabels_sendsTheWholeMap() throws {
        let outcome = try Self.change("color=blue").apply(to: Self.bareNode, kind: .node, overwrite: false)
        #expect(outcome.patch == ["metadata": ["labels": ["color": "blue"]]])
        #expect(outcome.line(kind: .node, name: "worker-1") == "node/worker-1 labeled")
    }

    @Test func existingKey_needsOverwrite() throws {
        #expect(throws: LabelError("'tier' already has a value (front), and --overwrite is false")) {
            try Self.change("tier=back").apply(to: Self.pod, kind: .pod, overwrite: false)
        }
        #expect(throws: LabelError(
            "['app' already has a value (web), and --overwrite is false, 'tier' already has a value (front), and --overwrite is false]"
        )) { try Self.change("tier=back", "app=api").apply(to: Self.pod, kind: .pod, overwrite: false) }
        let outcome = try Self.change("tier=back").apply(to: Self.pod, kind: .pod, overwrite: true)
        #expect(outcome.patch == ["metadata": ["labels": ["tier": "back"]]] && outcome.operation == "labeled")
    }

    @Test func removal_isUnlabeled_butLabeledWithOverwrite() throws {
        let outcome = try Self.change("tier-").apply(to: Self.pod, kind: .pod, overwrite: false)
        #expect(outcome.patch == ["metadata": ["labels": ["tier": nil]]])
        #expect(outcome.line(kind: .pod, name: "web-1") == "pod/web-1 unlabeled")
        #expect(try Self.change("tier-").apply(to: Self.pod, kind: .pod, overwrite: true).operation == "labeled")
    }

    @Test func noChange_isNotLabeled_andMissingRemovalsAreReported() throws {
        let same = try Self.change("app=web").apply(to: Self.pod, kind: .pod, overwrite: true)
        #expect(same.patch == [:] && same.operation == "not labeled")
        let missing = try Self.change("gone-").apply(to: Self.pod, kind: .pod, overwrite: false)
        #expect(missing.missing == ["gone"] && missing.operation == "not labeled" && missing.patch == [:])
        // kubectl sets an empty label map on an object that had none, which it counts as a change.
        let bare = try LabelChange.parse(["node", "worker-1", "gone-"]).apply(to: Self.bareNode, kind: .node, overwrite: false)
        #expect(bare.patch == ["metadata": ["labels": [:]]] && bare.operation == "labeled")
    }

    @Test func invalidKey_failsAsTheServerWould() throws {
        let change = try Self.change("bad key=x")
        #expect(throws: Status.self) { try change.apply(to: Self.pod, kind: .pod, overwrite: false) }
        do {
            _ = try change.apply(to: Self.pod, kind: .pod, overwrite: false)
        } catch {
            let text = ErrorReporting.render(error)
            #expect(text.hasPrefix(#"The Pod "web-1" is invalid: metadata.labels: Invalid value: "bad key": name part must"#))
        }
    }
}
