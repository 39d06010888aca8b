import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

private func json(_ text: String) throws -> JSONValue {
    try JSONValue(jsonData: Data(text.utf8))
}

// MARK: - Reading manifests

@Suite("YAML manifests")
struct YAMLManifestTests {
    private static let seedManifest = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/ds-demo.yaml")

    private func failure(_ text: String) -> String? {
        do {
            _ = try YAMLManifest.documents(from: text)
            return nil
        } catch {
            return (error as? YAMLManifestError)?.message ?? "\(error)"
        }
    }

    @Test func seedManifestHasTwoDocuments() throws {
        let text = try String(contentsOf: Self.seedManifest, encoding: .utf8)
        let docs = try YAMLManifest.documents(from: text)
        #expect(docs.map { $0["kind"] } == ["Deployment", "DaemonSet"])
        #expect(docs[0][path: ["spec", "replicas"]] == .int(1))
        let port = docs[0][path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["ports"]
        #expect(port == (try json(#"[{"name":"redis","containerPort":6379}]"#)))
        // `labels: ` carries a trailing space in the seed file.
        #expect(
            docs[1][path: ["spec", "template", "metadata", "labels"]]
                == (try json(#"{"app":"filebeat","release":"stable"}"#))
        )
        let env = docs[1][path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"]
        #expect(env?.arrayValue?.map { $0["name"] } == ["REDIS_HOST", "REDIS_LOG_LEVEL"])
    }

    @Test func seedManifestRoundTripsThroughThePrinter() throws {
        let text = try String(contentsOf: Self.seedManifest, encoding: .utf8)
        let docs = try YAMLManifest.documents(from: text)
        let printed = YAMLPrinter.printDocuments(docs)
        #expect(printed.components(separatedBy: "---\n").count == 2)
        #expect(try YAMLManifest.documents(from: printed) == docs)
        #expect(try YAMLManifest.documents(from: JSONPrinter.print(docs[1])) == [docs[1]])
    }

    @Test func scalarsResolveAsKubectlReadsThem() throws {
        let docs = try YAMLManifest.documents(
            from: """
                quoted: "3"
                single: '3'
                int: 3
                negative: -7
                octal: 0777
                hex: 0x1F
                float: 1.5
                bools: [true, false, True]
                words: [yes, no, on, off, y]
                nulls: [null, ~, Null]
                empty:
                date: 2026-11-24
                stamp: 2026-11-24T21:45:12Z
                version: 1.10.0
                tagged: !!str 42
                block: |
                  line1
                  line2
                folded: >-
                  a
                  b
                """
        )
        #expect(
            docs == [
                try json(
                    #"""
                    {"quoted":"3","single":"3","int":3,"negative":-7,"octal":511,"hex":31,"float":1.5,
                     "bools":[true,false,true],"words":[true,false,true,false,true],"nulls":[null,null,null],"empty":null,
                     "date":"2026-11-24","stamp":"2026-11-24T21:45:12Z","version":"1.10.0","tagged":"42",
                     "block":"line1\nline2\n","folded":"a b"}
                    """#
                )
            ]
        )
        #expect(
            try YAMLManifest.documents(from: "exp: 1e3\nbig: 99999999999999999999\n")
                == [["exp": .double(1000), "big": .double(1e20)]]
        )
    }

    @Test func emptyAndCommentOnlyDocumentsAreSkipped() throws {
        let docs = try YAMLManifest.documents(
            from: """
                # leading comment
                ---
                a: 1
                ---
                # only a comment
                --- # separator with a comment
                ---
                null
                ---
                b: 2
                """
        )
        #expect(docs == [["a": 1], ["b": 2]])
        #expect(try YAMLManifest.documents(from: "") == [])
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let docs = try YAMLManifest.documents(
            from: """
                base: &b {x: 1, z: 2}
                copy: *b
                merged:
                  <<: *b
                  z: 3
                """
        )
        #expect(docs.first?["copy"] == ["x": 1, "z": 2])
        #expect(docs.first?["merged"] == ["x": 1, "z": 3])
    }

    /// go-yaml v2 (and so kubectl) reads `y`, `yes`, `on` as Booleans, also as keys, which JSON then spells "true".
    @Test func yaml11BooleanWords_areBooleans_asKubectlReadsThem() throws {
        let docs = try YAMLManifest.documents(from: "y: on\nvalue: off\n")
        #expect(docs == [["true": true, "value": false]])
    }

    @Test func nonStringKeysBecomeStrings() throws {
        #expect(try YAMLManifest.documents(from: "1: a\ntrue: b\n") == [["1": "a", "true": "b"]])
        #expect(failure("? [a]\n: b\n")?.hasPrefix("error converting YAML to JSON: unsupported map key") == true)
    }

    /// Messages and line numbers as kubectl 1.32 prints them after `error parsing FILE: `.
    @Test func errorsNameTheLine() {
        #expect(
            failure("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: a: b\n")
                == "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"
        )
        #expect(
            failure("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n labels:\n    a: b\n")
                == "error converting YAML to JSON: yaml: line 4: did not find expected key"
        )
        #expect(
            failure("apiVersion: v1\nmetadata:\n\tname: x\n")
                == "error converting YAML to JSON: yaml: line 3: found character that cannot start any token"
        )
        #expect(
            failure("a: b: c\n")
                == "error converting YAML to JSON: yaml: mapping values are not allowed in this context"
        )
        #expect(failure("a: 1\n--- foo\n") == "invalid Yaml document separator: foo")
        #expect(failure("a: *unknown\n") == "error converting YAML to JSON: yaml: unknown anchor 'unknown' referenced")
        // Lines count from the start of the failing document, as kubectl's do.
        #expect(
            failure("a: 1\n---\nb: 2\nc: [x\n")
                == "error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"
        )
    }
}

// MARK: - Printing

@Suite("YAML and JSON printers")
struct YAMLJSONPrinterTests {
    /// A small DaemonSet as the server returns it.
    static let daemonSet = #"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"annotations":{"deprecated.daemonset.template.generation":"1",
        "kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"DaemonSet\"}\n"},
        "creationTimestamp":"2026-11-24T21:45:12Z","generation":1,"name":"filebeat-ds","namespace":"default",
        "resourceVersion":"1234","uid":"5f0c8f3e-1a2b-4c3d-9e8f-0123456789ab"},"spec":{"selector":{"matchLabels":
        {"app":"filebeat"}},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"filebeat"}},"spec":
        {"containers":[{"env":[{"name":"REDIS_HOST","value":"redis.default.svc.cluster.local"},{"name":"WORKERS",
        "value":"1"}],"image":"ikubernetes/filebeat:5.6.5-alpine","name":"filebeat","ports":[{"containerPort":5044,
        "protocol":"TCP"}],"resources":{}}],"tolerations":[{"effect":"NoSchedule",
        "key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]}},"updateStrategy":{"rollingUpdate":
        {"maxSurge":0,"maxUnavailable":1},"type":"RollingUpdate"}},"status":{"desiredNumberScheduled":2,
        "numberMisscheduled":0,"numberReady":2}}
        """#

    /// `kubectl get ds filebeat-ds -o yaml` for ``daemonSet`` (captured from kubectl 1.32).
    static let daemonSetYAML = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          annotations:
            deprecated.daemonset.template.generation: "1"
            kubectl.kubernetes.io/last-applied-configuration: |
              {"kind":"DaemonSet"}
          creationTimestamp: "2026-11-24T21:45:12Z"
          generation: 1
          name: filebeat-ds
          namespace: default
          resourceVersion: "1234"
          uid: 5f0c8f3e-1a2b-4c3d-9e8f-0123456789ab
        spec:
          selector:
            matchLabels:
              app: filebeat
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: filebeat
            spec:
              containers:
              - env:
                - name: REDIS_HOST
                  value: redis.default.svc.cluster.local
                - name: WORKERS
                  value: "1"
                image: ikubernetes/filebeat:5.6.5-alpine
                name: filebeat
                ports:
                - containerPort: 5044
                  protocol: TCP
                resources: {}
              tolerations:
              - effect: NoSchedule
                key: node-role.kubernetes.io/control-plane
                operator: Exists
          updateStrategy:
            rollingUpdate:
              maxSurge: 0
              maxUnavailable: 1
            type: RollingUpdate
        status:
          desiredNumberScheduled: 2
          numberMisscheduled: 0
          numberReady: 2

        """

    @Test func daemonSetYAMLMatchesKubectlByteForByte() throws {
        #expect(YAMLPrinter.print(try json(Self.daemonSet)) == Self.daemonSetYAML)
    }

    /// `kubectl get ds filebeat-ds -o json` for ``daemonSet`` (captured from kubectl 1.32).
    static let daemonSetJSON = """
        {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": {
                "annotations": {
                    "deprecated.daemonset.template.generation": "1",
                    "kubectl.kubernetes.io/last-applied-configuration": "{\\"kind\\":\\"DaemonSet\\"}\\n"
                },
                "creationTimestamp": "2026-11-24T21:45:12Z",
                "generation": 1,
                "name": "filebeat-ds",
                "namespace": "default",
                "resourceVersion": "1234",
                "uid": "5f0c8f3e-1a2b-4c3d-9e8f-0123456789ab"
            },
            "spec": {
                "selector": {
                    "matchLabels": {
                        "app": "filebeat"
                    }
                },
                "template": {
                    "metadata": {
                        "creationTimestamp": null,
                        "labels": {
                            "app": "filebeat"
                        }
                    },
                    "spec": {
                        "containers": [
                            {
                                "env": [
                                    {
                                        "name": "REDIS_HOST",
                                        "value": "redis.default.svc.cluster.local"
                                    },
                                    {
                                        "name": "WORKERS",
                                        "value": "1"
                                    }
                                ],
                                "image": "ikubernetes/filebeat:5.6.5-alpine",
                                "name": "filebeat",
                                "ports": [
                                    {
                                        "containerPort": 5044,
                                        "protocol": "TCP"
                                    }
                                ],
                                "resources": {}
                            }
                        ],
                        "tolerations": [
                            {
                                "effect": "NoSchedule",
                                "key": "node-role.kubernetes.io/control-plane",
                                "operator": "Exists"
                            }
                        ]
                    }
                },
                "updateStrategy": {
                    "rollingUpdate": {
                        "maxSurge": 0,
                        "maxUnavailable": 1
                    },
                    "type": "RollingUpdate"
                }
            },
            "status": {
                "desiredNumberScheduled": 2,
                "numberMisscheduled": 0,
                "numberReady": 2
            }
        }

        """

    @Test func daemonSetJSONMatchesKubectlByteForByte() throws {
        #expect(JSONPrinter.print(try json(Self.daemonSet)) == Self.daemonSetJSON)
    }

    /// String quoting as `kubectl create configmap --from-literal … -o yaml` shows it.
    @Test(arguments: [
        ("1", #""1""#), ("true", #""true""#), ("", #""""#), ("a: b", "'a: b'"), ("*", "'*'"), (" x", "' x'"),
        ("yes", #""yes""#), ("2026-11-24T21:45:12Z", #""2026-11-24T21:45:12Z""#), ("1.5", #""1.5""#),
        ("- a", "'- a'"), ("x#y", "x#y"), ("x #y", "'x #y'"), ("null", #""null""#), ("0777", #""0777""#),
        ("tab\there", #""tab\there""#), ("it's", "it's"), ("12:30", #""12:30""#), ("café", "café"),
        ("😀", #""\U0001F600""#), ("redis:4.0-alpine", "redis:4.0-alpine"),
        ("/dev/termination-log", "/dev/termination-log"),
    ])
    func stringQuoting(value: String, printed: String) {
        #expect(YAMLPrinter.print(["k": .string(value)]) == "k: \(printed)\n")
    }

    @Test func keyQuotingAndOrder() {
        let printed = YAMLPrinter.print(["n": 1, "item10": 2, "item9": 3, "_a": 4, "a": 5, "B": 6])
        #expect(printed == "_a: 4\nB: 6\na: 5\nitem9: 3\nitem10: 2\n\"n\": 1\n")
    }

    @Test func multiLineStringsUseBlockScalars() {
        #expect(YAMLPrinter.print(["s": "a\nb\n"]) == "s: |\n  a\n  b\n")
        #expect(YAMLPrinter.print(["s": "a\nb"]) == "s: |-\n  a\n  b\n")
        #expect(YAMLPrinter.print(["s": "a\n\n"]) == "s: |+\n  a\n\n")
        #expect(YAMLPrinter.print(["s": " a\nb"]) == "s: |2-\n   a\n  b\n")
        #expect(YAMLPrinter.print(["s": "a \nb"]) == "s: \"a \\nb\"\n")
        #expect(YAMLPrinter.print(["l": ["x\ny\n"]]) == "l:\n- |\n  x\n  y\n")
    }

    @Test func collectionsAndSequenceIndentation() {
        let value: JSONValue = ["m": [:], "l": [], "nested": [[1, 2], ["a": ["b": []]]]]
        #expect(YAMLPrinter.print(value) == "l: []\nm: {}\nnested:\n- - 1\n  - 2\n- a:\n    b: []\n")
        #expect(YAMLPrinter.print([:]) == "{}\n")
        #expect(YAMLPrinter.print("plain") == "plain\n")
    }

    @Test func longScalarsFoldAtColumn80() {
        let message = "this is a very long string that goes on and on and on past the eighty column limit for sure"
        #expect(
            YAMLPrinter.print(["message": .string(message)]) == """
                message: this is a very long string that goes on and on and on past the eighty column
                  limit for sure

                """
        )
    }

    @Test func numbersPrintAsGoPrintsThem() {
        let value: JSONValue = ["a": 1e6, "b": 1234567.5, "c": 0.1, "d": 1e-7, "e": 3.0, "f": 1e21, "g": -12]
        #expect(YAMLPrinter.print(value) == "a: 1000000\nb: 1.2345675e+06\nc: 0.1\nd: 1e-07\ne: 3\nf: 1e+21\ng: -12\n")
        #expect(
            JSONPrinter.print(value) == """
                {
                    "a": 1000000,
                    "b": 1234567.5,
                    "c": 0.1,
                    "d": 1e-7,
                    "e": 3,
                    "f": 1e+21,
                    "g": -12
                }

                """
        )
    }

    @Test func jsonEscapingFollowsGo() {
        #expect(
            JSONPrinter.print(["k": "a/b <c> & \"d\"\n\u{1}"])
                == "{\n    \"k\": \"a/b \\u003cc\\u003e \\u0026 \\\"d\\\"\\n\\u0001\"\n}\n"
        )
        #expect(JSONPrinter.print(["e": [:], "l": []]) == "{\n    \"e\": {},\n    \"l\": []\n}\n")
    }

    @Test func documentsAreSeparatedByDashes() {
        #expect(YAMLPrinter.printDocuments([["a": 1], ["b": 2]]) == "a: 1\n---\nb: 2\n")
    }
}
