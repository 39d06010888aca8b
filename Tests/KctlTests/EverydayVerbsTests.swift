import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

private func json(_ text: String) -> JSONValue { (try? JSONValue(jsonData: Data(text.utf8))) ?? .null }

/// `kctl taint`: argument parsing and the update of one node, with kubectl's operation words and messages.
@Suite struct TaintTests {
    let node = json(
        #"{"metadata":{"name":"n1"},"spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"}]}}"#)

    @Test func parsesResourcesAndTaints() throws {
        let update = try TaintUpdate.parse(["nodes", "n1", "gpu=yes:NoSchedule", "dedicated:NoSchedule-", "old-"])
        #expect(update.resources == ["nodes", "n1"])
        #expect(update.toAdd == [TaintSpec(key: "gpu", value: "yes", effect: "NoSchedule")])
        #expect(
            update.toRemove == [
                TaintSpec(key: "dedicated", value: "", effect: "NoSchedule"),
                TaintSpec(key: "old", value: "", effect: ""),
            ])
    }

    @Test func invalidEffectIsAUsageError() {
        #expect(
            throws: TaintParseError(RolloutError("invalid taint effect: Bogus, unsupported taint effect"), usage: true)
        ) {
            try TaintUpdate.parse(["nodes", "n1", "k=v:Bogus"])
        }
        do {
            _ = try TaintUpdate.parse(["nodes", "n1", "k=v:Bogus"])
        } catch {
            #expect(
                error.text
                    == "error: invalid taint effect: Bogus, unsupported taint effect\nSee 'kctl taint -h' for help and examples"
            )
        }
    }

    @Test func addingNeedsAnEffectAndResourcesComeFirst() {
        // Without a colon the whole argument is the key, which is not a qualified name (as parseTaint does).
        let keyMessage = Validation.isQualifiedName("k=v").joined(separator: "; ")
        #expect(throws: TaintParseError(RolloutError("invalid taint spec: k=v, \(keyMessage)"), usage: true)) {
            try TaintUpdate.parse(["nodes", "n1", "k=v"])
        }
        #expect(throws: TaintParseError(RolloutError("invalid taint effect: , unsupported taint effect"), usage: true))
        {
            try TaintUpdate.parse(["nodes", "n1", "k:"])
        }
        #expect(throws: TaintParseError(RolloutError("all resources must be specified before taint changes: n2"))) {
            try TaintUpdate.parse(["nodes", "n1", "k=v:NoSchedule", "n2"])
        }
        #expect(throws: TaintParseError(RolloutError("at least one taint update is required"))) {
            try TaintUpdate.parse(["nodes", "n1"])
        }
    }

    @Test func addsWithTaintedAndRefusesDuplicatesWithoutOverwrite() throws {
        let add = try TaintUpdate.parse(["nodes", "n1", "gpu=yes:NoExecute"])
        let outcome = try add.apply(to: node, overwrite: false)
        #expect(outcome.operation == "tainted")
        #expect(outcome.taints.map { $0["key"]?.stringValue } == ["gpu", "dedicated"])
        let again = try TaintUpdate.parse(["nodes", "n1", "dedicated=web:NoSchedule"])
        #expect(
            throws: TaintFailures(errors: [
                RolloutError("node n1 already has dedicated taint(s) with same effect(s) and --overwrite is false")
            ])
        ) {
            try again.apply(to: node, overwrite: false)
        }
        let overwritten = try again.apply(to: node, overwrite: true)
        #expect(overwritten.operation == "modified")
        #expect(overwritten.taints == [json(#"{"key":"dedicated","value":"web","effect":"NoSchedule"}"#)])
    }

    @Test func removesByKeyOrKeyAndEffect() throws {
        let byKey = try TaintUpdate.parse(["nodes", "n1", "dedicated-"]).apply(to: node, overwrite: false)
        #expect(byKey.operation == "untainted")
        #expect(byKey.taints.isEmpty)
        let missing = try TaintUpdate.parse(["nodes", "n1", "dedicated:NoExecute-"])
        #expect(throws: TaintFailures(errors: [RolloutError("taint \"dedicated:NoExecute\" not found")])) {
            try missing.apply(to: node, overwrite: false)
        }
        let both = try TaintUpdate.parse(["nodes", "n1", "a-", "b-"])
        #expect(
            throws: TaintFailures(errors: [
                RolloutError("taint \"a\" not found"), RolloutError("taint \"b\" not found"),
            ])
        ) {
            try both.apply(to: node, overwrite: false)
        }
    }

    @Test func validatesConflictsAndSelection() throws {
        let conflict = try TaintUpdate.parse(["nodes", "n1", "k=v:NoSchedule", "k-"])
        #expect(
            conflict.validate(all: false, selector: nil)
                == RolloutError("can not both modify and remove the following taint(s) in the same command: k="))
        let noName = try TaintUpdate.parse(["nodes", "k=v:NoSchedule"])
        #expect(
            noName.validate(all: false, selector: nil)
                == RolloutError("at least one resource name must be specified since 'all' parameter is not set"))
        #expect(noName.validate(all: true, selector: nil) == nil)
        #expect(
            noName.validate(all: true, selector: "a=b")
                == RolloutError("setting 'all' parameter with a non empty selector is prohibited"))
    }
}

/// `kctl rollout pause|resume`.
@Suite struct RolloutPauseTests {
    @Test func pausesDeploymentsOnly() throws {
        let deployment = json(#"{"metadata":{"name":"redis"},"spec":{}}"#)
        #expect(
            try RolloutPause.patch(for: deployment, kind: .deployment, action: .pause)
                == json(#"{"spec":{"paused":true}}"#))
        #expect(throws: RolloutError("error: deployments.apps \"redis\" is not paused")) {
            try RolloutPause.patch(for: deployment, kind: .deployment, action: .resume)
        }
        let paused = json(#"{"metadata":{"name":"redis"},"spec":{"paused":true}}"#)
        #expect(throws: RolloutError("error: deployments.apps \"redis\" is already paused")) {
            try RolloutPause.patch(for: paused, kind: .deployment, action: .pause)
        }
        #expect(
            try RolloutPause.patch(for: paused, kind: .deployment, action: .resume)
                == json(#"{"spec":{"paused":null}}"#))
        #expect(throws: RolloutError("error: daemonsets.apps \"x\" pausing is not supported")) {
            try RolloutPause.patch(for: json(#"{"metadata":{"name":"x"}}"#), kind: .daemonSet, action: .pause)
        }
    }
}

/// `kctl set env` and `kctl set resources`: parsing and the pod template transformation.
@Suite struct SetPodSpecTests {
    let deployment = json(
        #"""
        {"metadata":{"name":"redis"},"spec":{"template":{"spec":{
          "containers":[{"name":"redis","image":"redis","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                        {"name":"sidecar","image":"busybox"}],
          "initContainers":[{"name":"init","image":"busybox"}]}}}}
        """#)

    @Test func splitsEnvironmentFromResources() throws {
        let update = try EnvUpdate.parse(["deployment/redis", "A=9", "B-", "C=x=y"], envFlags: ["-e=ignored"]) { "" }
        #expect(update.resources == ["deployment/redis"])
        #expect(update.env.map(\.name) == ["-e", "A", "C"])
        #expect(update.env.last?.value == "x=y")
        #expect(update.remove == ["B"])
        #expect(throws: RolloutError("all resources must be specified before environment changes: d/x A=1 y")) {
            try EnvUpdate.parse(["d/x", "A=1", "y"], envFlags: []) { "" }
        }
        #expect(
            throws: RolloutError("can not both modify and remove the same environment variable in the same command")
        ) {
            try EnvUpdate.parse(["d/x", "A=1", "A-"], envFlags: []) { "" }
        }
        let stdin = try EnvUpdate.parse(["d/x", "-"], envFlags: []) { "# comment\nK=v\n\nL=w\n" }
        #expect(stdin.env == [.init(name: "K", value: "v"), .init(name: "L", value: "w")])
    }

    @Test func rejectsBadNames() {
        #expect(throws: RolloutError.self) { try EnvUpdate.parse(["d/x", "1A=1"], envFlags: []) { "" } }
    }

    @Test func updatesInPlaceAppendsAndRemoves() throws {
        let update = try EnvUpdate.parse(["deployment/redis", "A=9", "B-", "C=3"], envFlags: []) { "" }
        let outcome = try update.apply(to: deployment, kind: .deployment, containers: "redis", overwrite: true)
        #expect(outcome.patch != nil)
        #expect(outcome.listing == "# Deployment redis, container redis\nA=9\nC=3\n")
        let patched = try StrategicMergePatch.apply(outcome.patch ?? .null, to: deployment, kind: "Deployment")
        let env = patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"]
        #expect(env == json(#"[{"name":"A","value":"9"},{"name":"C","value":"3"}]"#))
    }

    @Test func globSelectsContainersIncludingInit() throws {
        let update = try EnvUpdate.parse(["deployment/redis", "X=1"], envFlags: []) { "" }
        let outcome = try update.apply(to: deployment, kind: .deployment, containers: "*", overwrite: true)
        #expect(outcome.listing.components(separatedBy: "# Deployment").count == 4)
        let none = try update.apply(to: deployment, kind: .deployment, containers: "nope*", overwrite: true)
        #expect(none.patch == nil)
        #expect(none.warning == "warning: Deployment/redis does not have any containers matching \"nope*\"")
    }

    @Test func refusesOverwriteWhenAsked() throws {
        let update = try EnvUpdate.parse(["deployment/redis", "A=9"], envFlags: []) { "" }
        #expect(
            throws: RolloutError(
                "error: deployments.apps/redis 'A' already has a value (1), and --overwrite is false\n")
        ) {
            try update.apply(to: deployment, kind: .deployment, containers: "*", overwrite: false)
        }
        let unchanged = try EnvUpdate.parse(["deployment/redis", "A=1"], envFlags: []) { "" }
        #expect(
            try unchanged.apply(to: deployment, kind: .deployment, containers: "redis", overwrite: false).patch == nil)
    }

    @Test func setsCanonicalResourceQuantities() throws {
        let update = try ResourcesUpdate.parse(limits: "cpu=0.5,memory=1024Mi", requests: "cpu=100m")
        #expect(update.limits == ["cpu": "500m", "memory": "1Gi"])
        let (patch, warning) = try update.apply(to: deployment, kind: .deployment, containers: "redis")
        #expect(warning == nil)
        let patched = try StrategicMergePatch.apply(patch ?? .null, to: deployment, kind: "Deployment")
        let resources = patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["resources"]
        #expect(resources == json(#"{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"100m"}}"#))
        #expect(
            try update.apply(to: deployment, kind: .deployment, containers: "x").warning
                == "warning: unable to find container named x")
    }

    @Test func resourcesErrors() {
        #expect(
            throws: RolloutError(
                "you must specify an update to requests or limits (in the form of --requests/--limits)")
        ) {
            try ResourcesUpdate.parse(limits: nil, requests: "")
        }
        #expect(throws: RolloutError("Invalid argument syntax cpu, expected <resource>=<value>")) {
            try ResourcesUpdate.parse(limits: "cpu", requests: nil)
        }
        #expect(throws: RolloutError.self) { try ResourcesUpdate.parse(limits: "cpu=lots", requests: nil) }
    }
}

/// `kctl get --sort-by`: kubectl's comparisons.
@Suite struct SortByTests {
    /// kubectl 1.32 compares strings bytewise (`pod-10` before `pod-9`), as checked against it.
    @Test func stringsCompareBytewise() throws {
        let objects = ["pod-9", "pod-10", "Pod-2", "pod-1"].map { json(#"{"n":"\#($0)"}"#) }
        #expect(
            try ObjectSorter(".n").sorted(objects).map { $0["n"]?.stringValue }
                == ["Pod-2", "pod-1", "pod-10", "pod-9"])
    }

    @Test func relaxedExpressions() throws {
        #expect(try JSONPath.relaxed("metadata.name") == "{.metadata.name}")
        #expect(try JSONPath.relaxed(".metadata.name") == "{.metadata.name}")
        #expect(try JSONPath.relaxed("{.metadata.name}") == "{.metadata.name}")
        #expect(throws: JSONPathError.self) { try JSONPath.relaxed("{a}{b}") }
        #expect(throws: ObjectSorter.Failure.self) { try ObjectSorter("{a}{b}") }
    }

    @Test func sortsQuantitiesNumbersAndTimes() throws {
        let objects = ["2", "500m", "1Gi", "100Mi"].map { json(#"{"v":"\#($0)"}"#) }
        let sorted = try ObjectSorter("{.v}").sorted(objects).map { $0["v"]?.stringValue ?? "" }
        #expect(sorted == ["500m", "2", "100Mi", "1Gi"])
        let numbers = [10, 9, 100].map { json(#"{"n":\#($0)}"#) }
        #expect(try ObjectSorter(".n").sorted(numbers).map { $0["n"]?.intValue } == [9, 10, 100])
        let times = ["2026-01-02T00:00:00Z", "2025-12-31T23:59:59Z"].map { json(#"{"t":"\#($0)"}"#) }
        #expect(try ObjectSorter(".t").sorted(times).first?["t"]?.stringValue == "2025-12-31T23:59:59Z")
    }

    @Test func missingFieldsSortFirstAndNoFieldAtAllFails() throws {
        let objects = [json(#"{"n":2,"id":"a"}"#), json(#"{"id":"b"}"#), json(#"{"n":1,"id":"c"}"#)]
        #expect(try ObjectSorter(".n").sorted(objects).map { $0["id"]?.stringValue } == ["b", "c", "a"])
        #expect(
            throws: ObjectSorter.Failure(
                description: "couldn't find any field with path \"{.x}\" in the list of objects")
        ) {
            try ObjectSorter(".x").sorted(objects)
        }
    }
}

/// `--dry-run` values and suffixes.
@Suite struct DryRunStrategyTests {
    @Test func parsesAndSuffixes() throws {
        #expect(try DryRunStrategy.parse("client").strategy.suffix == " (dry run)")
        #expect(try DryRunStrategy.parse("server").strategy.suffix == " (server dry run)")
        #expect(try DryRunStrategy.parse("none").strategy.suffix == "")
        #expect(try DryRunStrategy.parse("server").strategy.writeOptions.dryRun)
        let legacy = try DryRunStrategy.parse("true")
        #expect(legacy.strategy == .client)
        #expect(
            legacy.warning == "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.")
        #expect(throws: RolloutError("Invalid dry-run value (x). Must be \"none\", \"server\", or \"client\".")) {
            try DryRunStrategy.parse("x")
        }
    }
}

/// `kctl events`' table.
@Suite struct EventsTableTests {
    let now = Date(timeIntervalSince1970: 1_795_556_712)  // 2026-11-24T21:45:12Z
    let events = [
        json(
            #"{"metadata":{"name":"b","namespace":"default"},"type":"Warning","reason":"BackOff","message":"Back-off ","count":3,"firstTimestamp":"2026-11-24T21:40:12Z","lastTimestamp":"2026-11-24T21:45:02Z","involvedObject":{"kind":"Pod","name":"web-1"}}"#
        ),
        json(
            #"{"metadata":{"name":"a","namespace":"default"},"type":"Normal","reason":"Scheduled","message":"Assigned","count":1,"firstTimestamp":"2026-11-24T21:39:12Z","lastTimestamp":"2026-11-24T21:39:12Z","involvedObject":{"kind":"Pod","name":"web-1"}}"#
        ),
        json(
            #"{"metadata":{"name":"c","namespace":"kube-system"},"type":"Normal","reason":"Started","message":"x","involvedObject":{"kind":"Node","name":"n1"},"eventTime":"2026-11-24T21:45:00.000000Z"}"#
        ),
    ]

    @Test func ordersByTimeAndPrintsKubectlsColumns() {
        let table = EventsTable()
        let selected = table.selected(events)
        #expect(selected.map { JSONFields($0).name } == ["a", "c", "b"])
        var writer = TableWriter()
        let text = writer.format(table.lines(selected, now: now))
        #expect(
            text == """
                LAST SEEN          TYPE      REASON      OBJECT      MESSAGE
                6m                 Normal    Scheduled   Pod/web-1   Assigned
                12s                Normal    Started     Node/n1     x
                10s (x3 over 5m)   Warning   BackOff     Pod/web-1   Back-off

                """)
    }

    @Test func filtersByTypeAndObject() throws {
        var table = EventsTable(allNamespaces: true)
        table.types = ["warning"]
        #expect(table.selected(events).map { JSONFields($0).name } == ["b"])
        table.types = []
        table.involved = ("Node", "n1")
        #expect(table.cells(table.selected(events)[0], now: now).first == "kube-system")
        #expect(throws: RolloutError("valid --types are Normal or Warning")) { try EventsTable.checkTypes(["Bad"]) }
        #expect(throws: RolloutError("--for must be in resource/name form")) { try EventsTable.splitFor("pod") }
        #expect(
            EventsTable.noEvents(allNamespaces: false, namespace: "default") == "No events found in default namespace.")
        let list = EventsTable.list([events[0]])
        #expect(list["kind"] == "EventList" && list["metadata"] == .object([:]))
        #expect(list["items"]?.arrayValue?.first?["apiVersion"] == "v1")
        #expect(list["items"]?.arrayValue?.first?["kind"] == "Event")
        // As kubectl's typed Event: unset times null, the reporting fields "".
        #expect(list["items"]?.arrayValue?.first?["eventTime"] == .null)
        #expect(list["items"]?.arrayValue?.first?["reportingInstance"] == "")
    }
}

/// `kctl create deployment`'s object.
@Suite struct DeploymentGeneratorTests {
    @Test func buildsKubectlsDeployment() throws {
        let generator = DeploymentGenerator(
            name: "web", images: ["registry.io/library/nginx:1.25", "my_app.v2@sha256:abc"], replicas: 2, port: 80)
        let object = generator.object { "x2z4b" }
        #expect(object[path: ["spec", "selector", "matchLabels", "app"]] == "web")
        #expect(object[path: ["spec", "replicas"]] == .int(2))
        let containers = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        #expect(containers.map { $0["name"]?.stringValue } == ["nginx", "my-app-v2-x2z4b"])
        #expect(containers[0]["ports"] == json(#"[{"containerPort":80}]"#))
        #expect(containers[1]["ports"] == nil)
        let both = DeploymentGenerator(name: "w", images: ["a", "b"], command: ["sleep", "1"])
        #expect(throws: RolloutError("cannot specify multiple --image options and command")) { try both.validate() }
    }
}

/// `kctl create configmap|secret generic`'s objects.
@Suite struct ConfigDataGeneratorTests {
    /// Files in memory: path to contents; directories are the paths' parents.
    struct MemoryFiles: SourceFiles {
        var files: [String: Data]

        func isDirectory(_ path: String) -> Bool? {
            if files[path] != nil { return false }
            return files.keys.contains { $0.hasPrefix(path + "/") } ? true : nil
        }

        func regularFiles(in directory: String) -> [String] {
            files.keys.filter { ($0 as NSString).deletingLastPathComponent == directory }
                .map { ($0 as NSString).lastPathComponent }.sorted()
        }

        func contents(_ path: String) throws -> Data { files[path] ?? Data() }
    }

    let source = MemoryFiles(files: [
        "/conf/app.properties": Data("a=1\n".utf8), "/conf/logo.bin": Data([0xff, 0xfe, 0x00]),
        "/single.txt": Data("hello".utf8),
    ])

    @Test func configMapFromLiteralsFilesAndDirectories() throws {
        let generator = ConfigDataGenerator(
            kind: .configMap, name: "app", literals: ["mode='fast'", "url=http://x?a=b"],
            files: ["/conf", "greeting=/single.txt"])
        let object = try generator.object(reading: source)
        #expect(
            object["data"] == json(#"{"mode":"fast","url":"http://x?a=b","app.properties":"a=1\n","greeting":"hello"}"#)
        )
        #expect(object["binaryData"] == json(#"{"logo.bin":"//4A"}"#))
        #expect(object["kind"] == "ConfigMap")
        #expect(object[path: ["metadata", "namespace"]] == nil)
    }

    @Test func secretValuesAreBase64() throws {
        let object = try ConfigDataGenerator(
            kind: .secret, name: "s", literals: ["password=s3cr=t"], files: ["/single.txt"]
        ).object(reading: source)
        #expect(object["data"] == json(#"{"password":"czNjcj10","single.txt":"aGVsbG8="}"#))
        #expect(object["type"] == nil)
    }

    @Test func kubectlsErrors() {
        #expect(throws: RolloutError("invalid literal source novalue, expected key=value")) {
            try ConfigDataGenerator(kind: .configMap, name: "c", literals: ["novalue"]).object(reading: source)
        }
        #expect(
            throws: RolloutError(
                "cannot add key \"k\", another key by that name already exists in Data for ConfigMap \"c\"")
        ) {
            try ConfigDataGenerator(kind: .configMap, name: "c", literals: ["k=1", "k=2"]).object(reading: source)
        }
        #expect(throws: RolloutError("error reading /missing: no such file or directory")) {
            try ConfigDataGenerator(kind: .configMap, name: "c", files: ["/missing"]).object(reading: source)
        }
        #expect(throws: RolloutError("cannot give a key name for a directory path")) {
            try ConfigDataGenerator(kind: .configMap, name: "c", files: ["k=/conf"]).object(reading: source)
        }
        #expect(throws: RolloutError("key names or file paths cannot contain '='")) {
            try ConfigDataGenerator(kind: .configMap, name: "c", files: ["a=b=c"]).object(reading: source)
        }
        #expect(throws: RolloutError.self) {
            try ConfigDataGenerator(kind: .configMap, name: "c", literals: ["bad key=1"]).object(reading: source)
        }
    }
}

/// `kctl get configmaps|secrets` columns and `describe`.
@Suite struct ConfigDataPrintingTests {
    let now = Date(timeIntervalSince1970: 1_795_556_712)
    let configMap = json(
        #"{"kind":"ConfigMap","metadata":{"name":"app","namespace":"default","creationTimestamp":"2026-11-24T21:44:12Z"},"data":{"b":"2","a":"1"},"binaryData":{"logo":"//4A"}}"#
    )
    let secret = json(
        #"{"kind":"Secret","metadata":{"name":"s","namespace":"default","creationTimestamp":"2026-11-24T21:44:12Z"},"type":"Opaque","data":{"password":"czNjcj10"}}"#
    )

    @Test func columns() {
        // DATA is an integer cell, as Kubernetes serves it; kctl prints it as `3`.
        #expect(ConfigMapColumns.cells(for: configMap, now: now) == ["app", 3, "60s"])
        #expect(SecretColumns.cells(for: secret, now: now) == ["s", "Opaque", 1, "60s"])
    }

    @Test func describesDataAndSizes() {
        #expect(
            ConfigDataDescriber.describeConfigMap(configMap, events: [], now: now) == """
                Name:         app
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>

                Data
                ====
                a:
                ----
                1

                b:
                ----
                2


                BinaryData
                ====
                logo: 3 bytes

                Events:  <none>

                """)
        #expect(
            ConfigDataDescriber.describeSecret(secret) == """
                Name:         s
                Namespace:    default
                Labels:       <none>
                Annotations:  <none>

                Type:  Opaque

                Data
                ====
                password:  6 bytes

                """)
    }
}

/// `create deployment NAME -- COMMAND`: positional arguments told apart at `--`.
@Suite struct CreateDeploymentArgumentsTests {
    @Test func splitsAtTheDash() {
        let line = ["kctl", "create", "deployment", "web", "--image=busybox", "--", "sh", "-c", "sleep 1"]
        let split = CreateDeployment.splitAtDash(["web", "sh", "-c", "sleep 1"], commandLine: line)
        #expect(split.names == ["web"])
        #expect(split.command == ["sh", "-c", "sleep 1"])
        let none = CreateDeployment.splitAtDash(["a", "b"], commandLine: ["kctl", "create", "deployment", "a", "b"])
        #expect(none.names == ["a", "b"] && none.command.isEmpty)
    }
}
