import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl edit`'s loop without an editor or a server: what the file shows, what a saved file means, and when the
/// file is reopened with the failures.
@Suite struct EditSessionTests {
    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": [
            "name": "filebeat-ds", "namespace": "default", "uid": "u-1", "resourceVersion": "41",
            "managedFields": [["manager": "kctl"]],
        ],
        "spec": [
            "selector": ["matchLabels": ["app": "filebeat"]],
            "template": [
                "metadata": ["labels": ["app": "filebeat"]],
                "spec": ["containers": [["name": "filebeat", "image": "ikubernetes/filebeat:5.6.5-alpine"]]],
            ],
        ],
        "status": ["numberReady": 3],
    ]

    static let header = """
        # Please edit the object below. Lines beginning with a '#' will be ignored,
        # and an empty file will abort the edit. If an error occurs while saving this file will be
        # reopened with the relevant failures.
        #

        """

    static func session() -> EditSession {
        EditSession(objects: [daemonSet], format: .yaml, namespace: "default")
    }

    /// What `sed -i s/FROM/TO/` makes of a file.
    static func sed(_ text: String, _ from: String, _ to: String) -> String {
        text.replacingOccurrences(of: from, with: to)
    }

    @Test func file_isTheHeaderAndTheObjectAsYAML_withoutManagedFields() {
        var session = Self.session()
        let text = session.fileText()
        #expect(text.hasPrefix(Self.header + "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n"))
        #expect(text.contains("    image: ikubernetes/filebeat:5.6.5-alpine\n") || text.contains("image: ikubernetes/filebeat:5.6.5-alpine\n"))
        #expect(!text.contains("managedFields"))
        #expect(session.fileExtension == ".yaml")
    }

    @Test func unchangedOrCommentOnlyChanges_cancel() {
        var session = Self.session()
        let text = session.fileText()
        #expect(session.review(text) == .noChanges)
        #expect(session.review("# a comment\n" + text) == .noChanges)
        var emptied = Self.session()
        _ = emptied.fileText()
        #expect(emptied.review("# nothing left\n\n") == .empty)
    }

    @Test func imageChange_isOneStrategicPatchOfTheContainer() throws {
        var session = Self.session()
        let saved = Self.sed(session.fileText(), "5.6.5-alpine", "5.6.6-alpine")
        guard case .apply(let steps, nil) = session.review(saved), case .patch(let patch)? = steps.first else {
            Issue.record("expected one patch")
            return
        }
        #expect(steps.count == 1)
        #expect(patch.kind == .daemonSet && patch.namespace == "default" && patch.name == "filebeat-ds")
        let patched = try StrategicMergePatch.apply(patch.patch, to: Self.daemonSet, kind: "DaemonSet")
        #expect(patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
            == "ikubernetes/filebeat:5.6.6-alpine")
        #expect(patch.patch[path: ["metadata", "resourceVersion"]] == nil)
        #expect(session.finish() == .done)
    }

    @Test func invalidEdit_reopensWithTheCauses_thenUnchangedSaveGivesUp() {
        var session = Self.session()
        let saved = Self.sed(session.fileText(), "image: ikubernetes/filebeat:5.6.5-alpine", "image:")
        guard case .apply(let steps, nil) = session.review(saved), case .patch(let patch)? = steps.first else {
            Issue.record("expected one patch")
            return
        }
        let invalid = Status.invalid(.daemonSet, name: "filebeat-ds", errors: [
            .required("spec.template.spec.containers[0].image"),
        ])
        #expect(session.record(invalid, for: patch) == "error: daemonsets.apps \"filebeat-ds\" is invalid")
        #expect(session.finish() == .reopen)
        let reopened = session.fileText()
        #expect(reopened.hasPrefix(Self.header + """
            # daemonsets.apps "filebeat-ds" was not valid:
            # * spec.template.spec.containers[0].image: Required value
            #
            apiVersion: apps/v1

            """))
        #expect(reopened.hasSuffix(EditText.manualStrip(saved)))
        // The editor (the same sed) changes nothing this time.
        #expect(session.review(Self.sed(reopened, "image: ikubernetes/filebeat:5.6.5-alpine", "image:"))
            == .noValidChanges)
    }

    @Test func reopenedFile_fixed_isPatchedAgain() {
        var session = Self.session()
        let broken = Self.sed(session.fileText(), "image: ikubernetes/filebeat:5.6.5-alpine", "image:")
        guard case .apply(let steps, nil) = session.review(broken), case .patch(let patch)? = steps.first else {
            Issue.record("expected one patch")
            return
        }
        _ = session.record(Status.invalid(.daemonSet, name: "filebeat-ds", errors: []), for: patch)
        #expect(session.finish() == .reopen)
        let fixed = Self.sed(session.fileText(), "image:\n", "image: busybox\n")
        guard case .apply(let again, nil) = session.review(fixed) else {
            Issue.record("expected patches")
            return
        }
        #expect(again.count == 1)
        #expect(session.finish() == .done)
    }

    @Test func syntaxError_reopensWithTheParseError_inTheHeader() {
        var session = Self.session()
        _ = session.fileText()
        #expect(session.review("apiVersion: apps/v1\nkind: [DaemonSet\n") == .reopen)
        let reopened = session.fileText()
        #expect(reopened.contains("# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: "))
        #expect(reopened.hasSuffix("apiVersion: apps/v1\nkind: [DaemonSet\n"))
    }

    @Test func renamedObject_andOtherNamespace_areRefused() {
        var renamed = Self.session()
        let saved = Self.sed(renamed.fileText(), "name: filebeat-ds", "name: other")
        #expect(renamed.review(saved) == .apply([], failure: "At least one of apiVersion, kind and name was changed"))
        var moved = Self.session()
        let elsewhere = Self.sed(moved.fileText(), "namespace: default", "namespace: prod")
        #expect(moved.review(elsewhere) == .failed(
            "the namespace from the provided object \"prod\" does not match the namespace \"default\". You must pass '--namespace=prod' to perform this operation."))
    }

    @Test func otherFailures_areRetryableOrNotFound() {
        var session = Self.session()
        let saved = Self.sed(session.fileText(), "5.6.5", "5.6.9")
        guard case .apply(let steps, nil) = session.review(saved), case .patch(let patch)? = steps.first else {
            Issue.record("expected one patch")
            return
        }
        let conflict = Status.conflict(.daemonSet, name: "filebeat-ds")
        #expect(session.record(conflict, for: patch).hasPrefix(
            "error: daemonsets.apps \"filebeat-ds\" could not be patched: Operation cannot be fulfilled on daemonsets.apps"))
        #expect(session.finish() == .retryable)
        var deleted = Self.session()
        guard case .apply(let more, nil) = deleted.review(Self.sed(deleted.fileText(), "5.6.5", "5.6.9")),
            case .patch(let same)? = more.first
        else { return }
        #expect(deleted.record(Status.notFound(.daemonSet, name: "filebeat-ds"), for: same)
            == "error: daemonsets.apps \"filebeat-ds\" could not be found on the server")
        #expect(deleted.finish() == .notFound)
    }

    @Test func jsonFormat_hasNoHeader() {
        var session = EditSession(objects: [Self.daemonSet], format: .json, namespace: "default")
        let text = session.fileText()
        #expect(text.hasPrefix("{\n    \"apiVersion\": \"apps/v1\",\n"))
        #expect(session.fileExtension == ".json")
        #expect(session.review(text) == .noChanges)
    }

    @Test func severalObjects_areEditedAsAList_andUnchangedOnesSkipped() {
        var second = Self.daemonSet
        second[path: ["metadata", "name"]] = "other"
        second[path: ["metadata", "uid"]] = "u-2"
        var session = EditSession(objects: [Self.daemonSet, second], format: .yaml, namespace: "default")
        let text = session.fileText()
        #expect(text.contains("items:\n") && text.contains("kind: List\n"))
        let saved = text.replacingOccurrences(of: "numberReady: 3", with: "numberReady: 2")
        guard case .apply(let steps, nil) = session.review(saved) else {
            Issue.record("expected steps")
            return
        }
        #expect(steps.count == 2)
    }

    @Test func headerLines_continueMultilineReasonsAsComments() {
        let reasons = [
            EditText.Reason(head: "The edited file had a syntax error: line one\nline two"),
            EditText.Reason(head: "pods \"p\" was not valid", other: ["spec.x: Invalid value: 1", "spec.y: Required value"]),
        ]
        #expect(EditText.header(reasons: reasons) == Self.header + """
            # The edited file had a syntax error: line one
            # line two
            #
            # pods "p" was not valid:
            # * spec.x: Invalid value: 1
            # * spec.y: Required value
            #

            """)
        #expect(EditText.manualStrip("# a\n  # b\n#!keep\nx: 1\n") == "#!keep\nx: 1\n")
        #expect(EditText.causeLine(StatusCause(reason: nil, message: "Required value", field: "spec.x")) == "spec.x: Required value")
        #expect(EditText.causeLine(StatusCause(reason: nil, message: "spec.x: Required value", field: "spec.x"))
            == "spec.x: Required value")
    }

    @Test func editorCommand_fromTheEnvironment_asKubectl() {
        #expect(EditorCommand(environment: [:]) == EditorCommand(arguments: ["vi"], shell: false))
        #expect(EditorCommand(environment: ["EDITOR": "nano", "KUBE_EDITOR": ""]).arguments == ["nano"])
        #expect(EditorCommand(environment: ["EDITOR": "nano", "KUBE_EDITOR": "code --wait"])
            == EditorCommand(arguments: ["code", "--wait"], shell: false))
        let sed = EditorCommand(environment: ["KUBE_EDITOR": "sed -i s/a/b/"])
        #expect(sed.arguments(editing: "/tmp/kctl-edit-1.yaml") == ["sed", "-i", "s/a/b/", "/tmp/kctl-edit-1.yaml"])
        let quoted = EditorCommand(environment: ["KUBE_EDITOR": "sed -i 's/a b/c/'", "SHELL": "/bin/sh"])
        #expect(quoted == EditorCommand(arguments: ["/bin/sh", "-c", "sed -i 's/a b/c/'"], shell: true))
        #expect(quoted.arguments(editing: "/tmp/x.yaml") == ["/bin/sh", "-c", "sed -i 's/a b/c/' \"/tmp/x.yaml\""])
        #expect(EditorCommand(environment: ["EDITOR": "vim -c 'set ft=yaml'"]).arguments.first == "/bin/bash")
    }
}
