import Foundation
import KubeAPI
import Testing
import Wire

/// Parses JSON text into a value (test fixtures are written as JSON).
private func json(_ text: String) throws -> JSONValue {
    try JSONValue(jsonData: Data(text.utf8))
}

// MARK: - RFC 7386

@Suite("JSON merge patch (RFC 7386)")
struct JSONMergePatchTests {
    /// RFC 7386 appendix A, row by row: original, patch, result.
    static let rfcExamples: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: rfcExamples.indices)
    func rfcExample(_ index: Int) throws {
        let (original, patch, result) = Self.rfcExamples[index]
        #expect(JSONMergePatch.apply(try json(patch), to: try json(original)) == (try json(result)))
    }

    @Test func diffIsNilForEqualDocuments() throws {
        let doc = try json(#"{"a":{"b":[1,2]},"c":3}"#)
        #expect(JSONMergePatch.diff(from: doc, to: doc) == nil)
        #expect(JSONMergePatch.diff(from: .int(3), to: .double(3)) == nil)
    }

    @Test func diffSetsChangesAndNullsRemovals() throws {
        let original = try json(#"{"spec":{"replicas":1,"paused":true,"selector":{"app":"x"}},"keep":1}"#)
        let modified = try json(#"{"spec":{"replicas":3,"selector":{"app":"x"},"minReadySeconds":5},"keep":1}"#)
        let patch = try #require(JSONMergePatch.diff(from: original, to: modified))
        #expect(patch == (try json(#"{"spec":{"replicas":3,"paused":null,"minReadySeconds":5}}"#)))
        #expect(JSONMergePatch.apply(patch, to: original) == modified)
    }
}

// MARK: - RFC 6902

@Suite("JSON patch (RFC 6902)")
struct JSONPatchTests {
    private func apply(_ doc: String, _ ops: String) throws -> JSONValue {
        try JSONPatch.apply(try json(ops), to: try json(doc))
    }

    private func failure(_ doc: String, _ ops: String) throws -> PatchError? {
        do {
            _ = try apply(doc, ops)
            return nil
        } catch let error as PatchError {
            return error
        }
    }

    @Test func addObjectMemberAndArrayElement() throws {
        #expect(
            try apply(#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#)
                == (try json(#"{"baz":"qux","foo":"bar"}"#))
        )
        #expect(
            try apply(#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#)
                == (try json(#"{"foo":["bar","qux","baz"]}"#))
        )
        #expect(
            try apply(#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#)
                == (try json(#"{"foo":["bar",["abc","def"]]}"#))
        )
        #expect(
            try apply(#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#)
                == (try json(#"{"foo":"bar","child":{"grandchild":{}}}"#))
        )
    }

    @Test func removeAndReplace() throws {
        #expect(
            try apply(#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#)
                == (try json(#"{"foo":"bar"}"#))
        )
        #expect(
            try apply(#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#)
                == (try json(#"{"foo":["bar","baz"]}"#))
        )
        #expect(
            try apply(#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#)
                == (try json(#"{"baz":"boo","foo":"bar"}"#))
        )
        #expect(try apply(#"{"a":1}"#, #"[{"op":"replace","path":"","value":[1]}]"#) == (try json("[1]")))
    }

    @Test func moveAndCopy() throws {
        let moved = try apply(
            #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
            #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#
        )
        #expect(moved == (try json(#"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#)))
        #expect(
            try apply(#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#)
                == (try json(#"{"foo":["all","cows","eat","grass"]}"#))
        )
        #expect(
            try apply(#"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#)
                == (try json(#"{"a":{"b":1},"c":{"b":1}}"#))
        )
        #expect(try failure(#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#)?.code == .invalidPatch)
    }

    @Test func testOperation() throws {
        let doc = #"{"baz":"qux","foo":["a",2,"c"],"n":10}"#
        let ok = #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2.0}]"#
        #expect(try apply(doc, ok) == (try json(doc)))
        let failed = try failure(doc, #"[{"op":"test","path":"/baz","value":"bar"}]"#)
        #expect(failed == PatchError(.testFailed, "testing value /baz failed: test failed"))
        // RFC 6902 A.15: a string never equals a number.
        #expect(try failure(doc, #"[{"op":"test","path":"/n","value":"10"}]"#)?.code == .testFailed)
    }

    @Test func pointerEscapes() throws {
        let doc = #"{"/":9,"~1":10}"#
        #expect(try apply(doc, #"[{"op":"test","path":"/~01","value":10}]"#) == (try json(doc)))
        #expect(try apply(doc, #"[{"op":"remove","path":"/~1"}]"#) == (try json(#"{"~1":10}"#)))
        let annotated = try apply(
            #"{"metadata":{"annotations":{}}}"#,
            #"[{"op":"add","path":"/metadata/annotations/kubernetes.io~1change-cause","value":"x"}]"#
        )
        #expect(annotated == (try json(#"{"metadata":{"annotations":{"kubernetes.io/change-cause":"x"}}}"#)))
    }

    @Test func errorsNameTheMissingLocation() throws {
        #expect(
            try failure(#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#)
                == PatchError(.pathNotFound, #"add operation does not apply: doc is missing path: "/baz/bat""#)
        )
        #expect(try failure(#"{"a":1}"#, #"[{"op":"remove","path":"/b"}]"#)?.code == .pathNotFound)
        #expect(try failure(#"{"a":1}"#, #"[{"op":"replace","path":"/b","value":1}]"#)?.code == .pathNotFound)
        #expect(try failure(#"{"a":[1]}"#, #"[{"op":"add","path":"/a/5","value":1}]"#)?.code == .pathNotFound)
        #expect(try failure(#"{"a":[1]}"#, #"[{"op":"add","path":"/a/01","value":1}]"#)?.code == .pathNotFound)
        #expect(try failure(#"{"a":1}"#, #"[{"op":"frob","path":"/a"}]"#)?.code == .invalidPatch)
        #expect(try failure(#"{"a":1}"#, #"[{"op":"add","path":"a","value":1}]"#)?.code == .invalidPointer)
        #expect(try failure(#"{"a":1}"#, #"{"op":"add"}"#)?.code == .invalidPatch)
        // Nothing is applied when a later operation fails.
        #expect(try failure(#"{"a":1}"#, #"[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/c"}]"#) != nil)
    }
}

// MARK: - Strategic merge patch

@Suite("Strategic merge patch")
struct StrategicMergePatchTests {
    /// A Pod spec with two containers; container `a` has two env vars.
    static let podSpec = #"""
        {"containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]},
        {"name":"b","image":"b:1"}]}
        """#

    /// Applies a patch to the Pod spec and returns the resulting spec (expected values are kubectl's output).
    private func patchedSpec(_ patch: String) throws -> JSONValue {
        let pod = JSONValue.object(["kind": "Pod", "spec": try json(Self.podSpec)])
        let result = try StrategicMergePatch.apply(try json(#"{"spec":\#(patch)}"#), to: pod, kind: "Pod")
        return try #require(result["spec"])
    }

    @Test func changingOneImageKeepsTheOtherContainer() throws {
        #expect(
            try patchedSpec(#"{"containers":[{"name":"a","image":"a:2"}]}"#)
                == (try json(
                    #"""
                    {"containers":[{"env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],"image":"a:2","name":"a"},
                    {"image":"b:1","name":"b"}]}
                    """#
                ))
        )
    }

    @Test func envMergesByName() throws {
        let spec = try patchedSpec(
            #"{"containers":[{"name":"a","env":[{"name":"Y","value":"3"},{"name":"Z","value":"4"}]}]}"#
        )
        #expect(
            spec["containers"]?.arrayValue?.first?["env"]
                == (try json(
                    #"""
                    [{"name":"X","value":"1"},{"name":"Y","value":"3"},{"name":"Z","value":"4"}]
                    """#
                ))
        )
    }

    @Test func newItemsGoBeforeTheServerOnlyItemsThatFollow() throws {
        let spec = try patchedSpec(#"{"containers":[{"name":"c","image":"c:1"},{"name":"b","image":"b:2"}]}"#)
        let names = spec["containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["c", "a", "b"])
    }

    @Test func deleteDirectiveRemovesKeyedItems() throws {
        let spec = try patchedSpec(
            #"""
            {"containers":[{"name":"a","env":[{"name":"X","$patch":"delete"}]},{"name":"b","$patch":"delete"}]}
            """#
        )
        #expect(spec == (try json(#"{"containers":[{"env":[{"name":"Y","value":"2"}],"image":"a:1","name":"a"}]}"#)))
    }

    @Test func replaceDirectiveReplacesListsAndMaps() throws {
        let list = try patchedSpec(#"{"containers":[{"name":"z","image":"z"},{"$patch":"replace"}]}"#)
        #expect(list == (try json(#"{"containers":[{"image":"z","name":"z"}]}"#)))
        let ds = try json(#"{"kind":"DaemonSet","spec":{"template":{"metadata":{"labels":{"a":"1","b":"2"}}}}}"#)
        let patch = try json(#"{"spec":{"template":{"metadata":{"$patch":"replace","labels":{"c":"3"}}}}}"#)
        let replaced = try StrategicMergePatch.apply(patch, to: ds, kind: "DaemonSet")
        #expect(replaced[path: ["spec", "template", "metadata"]] == (try json(#"{"labels":{"c":"3"}}"#)))
    }

    @Test func nullDeletesAndOtherListsAreReplaced() throws {
        let pod = try json(
            #"""
            {"metadata":{"labels":{"a":"1","b":"2"}},
             "spec":{"tolerations":[{"key":"t1","operator":"Exists"}],"containers":[{"name":"a","args":["-x","-y"]}]}}
            """#
        )
        let patch = try json(
            #"""
            {"metadata":{"labels":{"a":null}},
             "spec":{"tolerations":[{"key":"t2","operator":"Exists"}],"containers":[{"name":"a","args":["-z"]}]}}
            """#
        )
        let result = try StrategicMergePatch.apply(patch, to: pod, kind: "Pod")
        #expect(
            result
                == (try json(
                    #"""
                    {"metadata":{"labels":{"b":"2"}},
                     "spec":{"tolerations":[{"key":"t2","operator":"Exists"}],"containers":[{"name":"a","args":["-z"]}]}}
                    """#
                ))
        )
    }

    @Test func setElementOrderOrdersAndIsStripped() throws {
        let spec = try patchedSpec(
            #"""
            {"$setElementOrder/containers":[{"name":"b"},{"name":"c"},{"name":"a"}],"containers":[{"name":"c","image":"c:1"}]}
            """#
        )
        #expect(spec["containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["b", "c", "a"])
        #expect(spec["$setElementOrder/containers"] == nil)
    }

    @Test func finalizersMergeAsASetAndDeleteFromPrimitiveList() throws {
        let pod = try json(#"{"metadata":{"finalizers":["f1","f2","f3"]}}"#)
        let added = try StrategicMergePatch.apply(
            try json(#"{"metadata":{"finalizers":["f4","f1"]}}"#),
            to: pod,
            kind: "Pod"
        )
        #expect(added[path: ["metadata", "finalizers"]] == (try json(#"["f4","f1","f2","f3"]"#)))
        let removed = try StrategicMergePatch.apply(
            try json(#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["f2"]}}"#),
            to: pod,
            kind: "Pod"
        )
        #expect(removed == (try json(#"{"metadata":{"finalizers":["f1","f3"]}}"#)))
    }

    @Test func servicePortsMergeByPortAndNodeStatusByType() throws {
        let service = try json(#"{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}"#)
        let patched = try StrategicMergePatch.apply(
            try json(#"{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"#),
            to: service,
            kind: "Service"
        )
        #expect(patched == (try json(#"{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}}"#)))
        let node = try json(
            #"{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"DiskPressure","status":"False"}]}}"#
        )
        let heartbeat = try StrategicMergePatch.apply(
            try json(#"{"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}"#),
            to: node,
            kind: "Node"
        )
        #expect(heartbeat[path: ["status", "conditions"]]?.arrayValue?.count == 2)
        #expect(heartbeat[path: ["status", "conditions"]]?.arrayValue?.first?["status"] == "Unknown")
    }

    @Test func errorsForMissingMergeKeyAndUnknownDirective() throws {
        let pod = JSONValue.object(["spec": try json(Self.podSpec)])
        #expect(throws: PatchError(.invalidList, "map: map[image:x] does not contain declared merge key: name")) {
            try StrategicMergePatch.apply(try json(#"{"spec":{"containers":[{"image":"x"}]}}"#), to: pod, kind: "Pod")
        }
        #expect(throws: PatchError(.invalidPatch, "unknown patch type: bogus in map: map[$patch:bogus]")) {
            try StrategicMergePatch.apply(try json(#"{"spec":{"$patch":"bogus"}}"#), to: pod, kind: "Pod")
        }
    }
}

// MARK: - Three-way (kubectl apply)

@Suite("Strategic merge patch, three-way")
struct ThreeWayPatchTests {
    private static let base = #"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds"},
         "spec":{"minReadySeconds":5,"template":{"spec":{"containers":[
           {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]},{"name":"b","image":"b:1"}]}}}}
        """#

    private func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue) -> JSONValue? {
        StrategicMergePatch.threeWay(original: original, modified: modified, current: current, kind: "DaemonSet")
    }

    @Test func unchangedManifestGivesNoPatch() throws {
        let doc = try json(Self.base)
        #expect(threeWay(original: doc, modified: doc, current: doc) == nil)
    }

    @Test func fieldRemovedFromManifestIsDeleted() throws {
        let original = try json(Self.base)
        var modified = original
        modified["spec"]?["minReadySeconds"] = nil
        let patch = threeWay(original: original, modified: modified, current: original)
        #expect(patch == (try json(#"{"spec":{"minReadySeconds":null}}"#)))
    }

    @Test func fieldsSetByTheServerAreKept() throws {
        let original = try json(Self.base)
        let current = try json(
            Self.base.replacingOccurrences(
                of: #""minReadySeconds":5,"#,
                with: #""minReadySeconds":5,"revisionHistoryLimit":10,"#
            )
        )
        let modified = try json(Self.base.replacingOccurrences(of: "a:1", with: "a:2"))
        let patch = try #require(threeWay(original: original, modified: modified, current: current))
        // The expected patch is what kubectl 1.32 sends for the same inputs.
        #expect(
            patch
                == (try json(
                    #"""
                    {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],
                     "containers":[{"image":"a:2","name":"a"}]}}}}
                    """#
                ))
        )
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "DaemonSet")
        #expect(applied[path: ["spec", "revisionHistoryLimit"]] == 10)
        #expect(applied[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 2)
    }

    @Test func keyedItemsDroppedFromTheManifestGetDeleteDirectives() throws {
        let original = try json(Self.base)
        let modified = try json(
            #"""
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds"},
             "spec":{"minReadySeconds":5,"template":{"spec":{"containers":[
               {"name":"a","image":"a:1","env":[{"name":"Y","value":"2"}]}]}}}}
            """#
        )
        let patch = try #require(threeWay(original: original, modified: modified, current: original))
        #expect(
            patch
                == (try json(
                    #"""
                    {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[
                      {"$setElementOrder/env":[{"name":"Y"}],"env":[{"$patch":"delete","name":"X"}],"name":"a"},
                      {"$patch":"delete","name":"b"}]}}}}
                    """#
                ))
        )
        let applied = try StrategicMergePatch.apply(patch, to: original, kind: "DaemonSet")
        #expect(applied == modified)
    }

    @Test func withoutLastAppliedNothingIsDeleted() throws {
        let current = try json(Self.base)
        let modified = try json(#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds"},"spec":{}}"#)
        #expect(threeWay(original: nil, modified: modified, current: current) == nil)
    }

    @Test func twoWayPatchTurnsOriginalIntoModified() throws {
        let original = try json(Self.base)
        let modified = try json(
            #"""
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"ds","labels":{"a":"1"}},
             "spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"},
               {"name":"a","image":"a:1","env":[{"name":"Y","value":"2"},{"name":"Z","value":"3"}]}]}}}}
            """#
        )
        let patch = try #require(StrategicMergePatch.twoWay(original: original, modified: modified, kind: "DaemonSet"))
        #expect(patch[path: ["spec", "minReadySeconds"]] == .null)
        #expect(try StrategicMergePatch.apply(patch, to: original, kind: "DaemonSet") == modified)
        #expect(StrategicMergePatch.twoWay(original: modified, modified: modified, kind: "DaemonSet") == nil)
    }

    @Test func liveDriftIsResetToTheManifest() throws {
        let original = try json(Self.base)
        let current = try json(Self.base.replacingOccurrences(of: "b:1", with: "hacked"))
        let patch = try #require(threeWay(original: original, modified: original, current: current))
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "DaemonSet")
        #expect(applied == original)
    }
}
