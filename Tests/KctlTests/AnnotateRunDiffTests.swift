import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `annotate`, `run` and `diff`: the pure parts, against kubectl 1.32 (and GNU diff 3.10 for the hunks).
@Suite struct AnnotateRunDiffTests {
    // MARK: - annotate

    @Test func annotate_parse_splitsResourcesFromChanges() throws {
        let change = try AnnotationChange.parse(["deploy", "web", "a=1", "b=x=y", "c-", "a=2"], all: false, selector: nil)
        #expect(change.resources == ["deploy", "web"])
        #expect(change.set == ["a": "2", "b": "x=y"])
        #expect(change.remove == ["c"])
    }

    @Test func annotate_parse_errors_useKubectlMessages() {
        let cases: [([String], Bool, String?, String)] = [
            (["deploy", "web"], false, nil, "at least one annotation update is required"),
            (["deploy", "web", "a=1", "x"], false, nil, "all resources must be specified before annotation changes: x"),
            (["deploy", "web", "a=1", "a-"], false, nil,
             "can not both modify and remove the following annotation(s) in the same command: a"),
            (["a=1"], false, nil, "one or more resources must be specified as <resource> <name> or <resource>/<name>"),
            (["deploy", "a=1"], true, "app=web", "cannot set --all and --selector at the same time"),
        ]
        for (arguments, all, selector, message) in cases {
            #expect(throws: LabelError(message)) { try AnnotationChange.parse(arguments, all: all, selector: selector) }
        }
    }

    @Test func annotate_apply_refusesChangesWithoutOverwrite_butNotTheSameValueOrChangeCause() throws {
        let object: JSONValue = ["metadata": ["name": "web", "annotations": [
            "a": "1", "b": "2", "kubernetes.io/change-cause": "x",
        ]]]
        let change = try AnnotationChange.parse(["deploy", "web", "b=9", "a=9", "a=1"], all: false, selector: nil)
        #expect(throws: LabelError(
            "--overwrite is false but found the following declared annotation(s): 'b' already has a value (2)")) {
            try change.apply(to: object, overwrite: false)
        }
        let two = try AnnotationChange.parse(["deploy", "web", "b=9", "a=9"], all: false, selector: nil)
        #expect(throws: LabelError(
            "--overwrite is false but found the following declared annotation(s): 'a' already has a value (1); 'b' already has a value (2)")) {
            try two.apply(to: object, overwrite: false)
        }
        let cause = try AnnotationChange.parse(["deploy", "web", "kubernetes.io/change-cause=y", "a=1"], all: false, selector: nil)
        #expect(try cause.patch(for: object, overwrite: false)
            == ["metadata": ["annotations": ["kubernetes.io/change-cause": "y"]]])
    }

    @Test func annotate_patch_isTheMergePatchOfTheChange() throws {
        let bare: JSONValue = ["metadata": ["name": "web", "resourceVersion": "7"]]
        let remove = try AnnotationChange.parse(["deploy", "web", "x-"], all: false, selector: nil)
        #expect(try remove.patch(for: bare, overwrite: false) == ["metadata": ["annotations": [:]]])
        let annotated: JSONValue = ["metadata": ["name": "web", "annotations": ["x": "1", "y": "2"]]]
        #expect(try remove.patch(for: annotated, overwrite: false) == ["metadata": ["annotations": ["x": .null]]])
        let set = try AnnotationChange.parse(["deploy", "web", "y=3"], all: false, selector: nil)
        #expect(try set.patch(for: annotated, overwrite: true, resourceVersion: "5")
            == ["metadata": ["annotations": ["y": "3"], "resourceVersion": "5"]])
        let same = try AnnotationChange.parse(["deploy", "web", "y=2"], all: false, selector: nil)
        #expect(try same.patch(for: annotated, overwrite: false) == [:])
    }

    // MARK: - run

    @Test func run_buildsKubectlsPod() throws {
        let plain = try PodGenerator(name: "nginx", image: "nginx").object()
        #expect(YAMLPrinter.print(plain) == """
            apiVersion: v1
            kind: Pod
            metadata:
              creationTimestamp: null
              labels:
                run: nginx
              name: nginx
            spec:
              containers:
              - image: nginx
                name: nginx
                resources: {}
              dnsPolicy: ClusterFirst
              restartPolicy: Always
            status: {}

            """)
        let full = try PodGenerator(
            name: "x", image: "busybox", labels: "a=b,c=d", annotations: ["k=v"], env: ["X=1", "Y=2"], port: "8080",
            restart: "Never", imagePullPolicy: "IfNotPresent", command: true, arguments: ["sleep", "10"],
            namespace: "kube-system"
        ).object()
        #expect(full["metadata"] == [
            "name": "x", "namespace": "kube-system", "labels": ["a": "b", "c": "d"], "annotations": ["k": "v"],
            "creationTimestamp": .null,
        ])
        #expect(full[path: ["spec", "containers"]] == [[
            "name": "x", "image": "busybox", "command": ["sleep", "10"], "env": [["name": "X", "value": "1"], ["name": "Y", "value": "2"]],
            "imagePullPolicy": "IfNotPresent", "ports": [["containerPort": 8080]], "resources": [:],
        ]])
        #expect(full[path: ["spec", "restartPolicy"]] == "Never")
        let arguments = try PodGenerator(name: "x", image: "i", arguments: ["echo", "hi"]).object()
        #expect(arguments[path: ["spec", "containers"]]?.arrayValue?.first?["args"] == ["echo", "hi"])
    }

    @Test func run_flagErrors_useKubectlMessages() {
        let cases: [(PodGenerator, String)] = [
            (PodGenerator(name: "x", image: "i", restart: "Foo"), "invalid restart policy: Foo\nSee 'kctl run -h' for help and examples"),
            (PodGenerator(name: "x", image: "i", env: ["BAD"]), "invalid env: BAD"),
            (PodGenerator(name: "x", image: "i", env: ["1X=2"]), "invalid env: 1X=2"),
            (PodGenerator(name: "x", image: "i", labels: "bad"), "unexpected label spec: bad"),
            (PodGenerator(name: "x", image: "i", labels: "=v"), "unexpected empty label key"),
            (PodGenerator(name: "x", image: "i", port: "abc"), "strconv.Atoi: parsing \"abc\": invalid syntax"),
        ]
        for (generator, message) in cases {
            #expect(throws: LabelError(message)) { try generator.object() }
        }
    }

    // MARK: - diff

    @Test func unifiedDiff_hunksAsGNUDiff() {
        let a = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
        let b = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\nz\n"
        #expect(UnifiedDiff.hunks(old: a, new: b) == """
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -9,6 +9,7 @@
             i
             j
             k
            -l
            +L
             m
             n
            +z

            """)
        #expect(UnifiedDiff.hunks(old: "a\nb\nc\nd\ne\nf\ng\nh\ni\n", new: "a\nB\nc\nd\ne\nf\ng\nH\ni\n") == """
            @@ -1,9 +1,9 @@
             a
            -b
            +B
             c
             d
             e
             f
             g
            -h
            +H
             i

            """)
        #expect(UnifiedDiff.hunks(old: "x\n", new: "x\ny") == "@@ -1 +1,2 @@\n x\n+y\n\\ No newline at end of file\n")
        #expect(UnifiedDiff.hunks(old: "p\nq\nr\n", new: "") == "@@ -1,3 +0,0 @@\n-p\n-q\n-r\n")
        #expect(UnifiedDiff.hunks(old: "", new: "p\n") == "@@ -0,0 +1 @@\n+p\n")
        #expect(UnifiedDiff.hunks(old: "same\n", new: "same\n") == "")
    }

    @Test func unifiedDiff_mergesHunksSixLinesApart_notSeven() {
        func hunkHeaders(gap: Int) -> [Substring] {
            let middle = (0..<gap).map { "c\($0)\n" }.joined()
            return UnifiedDiff.hunks(old: "x\n" + middle + "y\n", new: "X\n" + middle + "Y\n")
                .split(separator: "\n").filter { $0.hasPrefix("@@") }
        }
        #expect(hunkHeaders(gap: 6) == ["@@ -1,8 +1,8 @@"])
        #expect(hunkHeaders(gap: 7) == ["@@ -1,4 +1,4 @@", "@@ -6,4 +6,4 @@"])
    }

    @Test func unifiedDiff_editScriptIsShortest() {
        let a = ["a", "b", "c", "a", "b", "b", "a"]
        let b = ["c", "b", "a", "b", "a", "c"]
        let script = UnifiedDiff.edits(a, b)
        #expect(script.filter { if case .same = $0 { false } else { true } }.count == 5)
        #expect(script.compactMap { if case .delete = $0 { nil } else if case .insert(let l) = $0 { l } else if case .same(let l) = $0 { l } else { nil } } == b)
    }

    @Test func diffObjects_namesPatchesAndMasks() throws {
        #expect(DiffObjects.fileName(kind: .deployment, namespace: "default", name: "web") == "apps.v1.Deployment.default.web")
        #expect(DiffObjects.fileName(kind: .namespace, namespace: nil, name: "ns1") == "v1.Namespace..ns1")
        let manifest: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["a": "2"]]
        #expect(DiffObjects.modified(manifest)[path: ["metadata", "annotations"]] == [:])
        let live: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "resourceVersion": "9"], "data": ["a": "1"],
        ]
        #expect(try DiffObjects.patch(manifest: manifest, live: live)
            == ["metadata": ["annotations": [:], "resourceVersion": "9"], "data": ["a": "2"]])
        var same = live
        same[path: ["metadata", "annotations"]] = [:]
        same["data"] = ["a": "2"]
        #expect(try DiffObjects.patch(manifest: manifest, live: same) == nil)

        let before: JSONValue = ["kind": "Secret", "metadata": ["managedFields": []], "data": ["k": "MQ==", "same": "eA==", "gone": "eQ=="]]
        let after: JSONValue = ["kind": "Secret", "data": ["k": "Mg==", "same": "eA==", "new": "eg=="]]
        let masked = DiffObjects.printable(live: before, merged: after)
        #expect(masked.live == ["kind": "Secret", "metadata": [:], "data": ["k": "*** (before)", "same": "***", "gone": "***"]])
        #expect(masked.merged == ["kind": "Secret", "data": ["k": "*** (after)", "same": "***", "new": "***"]])
        #expect(DiffObjects.printable(live: nil, merged: after).live == .null)
        #expect(DiffObjects.printable(live: nil, merged: manifest).live == nil)
    }
}

/// `--validate` on create and replace.
@Suite struct FieldValidationFlagTests {
    @Test func values_mapToKubectlsDirectives() throws {
        for (value, directive) in [("strict", "Strict"), ("true", "Strict"), ("1", "Strict"), ("warn", "Warn"),
                                   ("ignore", "Ignore"), ("false", "Ignore"), ("F", "Ignore")] {
            #expect(try FieldValidationFlag.directive(value) == directive)
        }
        #expect(throws: LabelError(
            "invalid - validate option \"nope\"; must be one of: strict (or true), warn, ignore (or false)")) {
            try FieldValidationFlag.directive("nope")
        }
        #expect(throws: LabelError(
            "invalid - validate option \"Warn\"; must be one of: strict (or true), warn, ignore (or false)")) {
            try FieldValidationFlag.directive("Warn")
        }
    }
}
