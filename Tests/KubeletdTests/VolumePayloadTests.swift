import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

@Suite struct VolumePayloadTests {
    let pod: Pod = {
        var pod = Fixture.pod(
            "web", containers: [
                Container(
                    name: "app", image: "nginx",
                    resources: ["limits": ["memory": "256Mi"], "requests": ["cpu": "250m", "memory": "128Mi"]])
            ])
        pod.metadata.labels = ["tier": "front", "app": "web"]
        pod.metadata.annotations = ["note": "say \"hi\""]
        return pod
    }()

    func objects(configMap data: [String: String]? = ["a.conf": "A", "b.conf": "B"], binary: [String: String]? = nil)
        -> PodObjects
    {
        var objects = PodObjects()
        if let data {
            var map = ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "default"), data: data)
            map.binaryData = binary
            objects.configMaps["default/cfg"] = .present(map)
        } else {
            objects.configMaps["default/cfg"] = .missing
        }
        objects.secrets["default/creds"] = .present(
            Secret(metadata: ObjectMeta(name: "creds", namespace: "default"), data: ["password": "czNjcjN0"]))
        return objects
    }

    func files(_ source: PodVolume.Source, _ objects: PodObjects) -> Result<[String: String], ConfigProblem>? {
        VolumePayload.files(
            of: PodVolume(name: "v", source: source), pod: pod,
            inputs: .init(objects: objects, allocatable: ["cpu": "2", "memory": "8145260Ki"])
        )?.map { $0.files.mapValues { String(decoding: $0.content, as: UTF8.self) } }
    }

    func modes(_ source: PodVolume.Source, _ objects: PodObjects) -> [String: Int]? {
        guard case .success(let payload)? = VolumePayload.files(
            of: PodVolume(name: "v", source: source), pod: pod, inputs: .init(objects: objects))
        else { return nil }
        return payload.files.mapValues(\.mode)
    }

    @Test func configMap_everyKeyOfDataAndBinaryData_atDefaultMode() {
        let source = PodVolume.Source.configMap(name: "cfg", items: nil, defaultMode: 0o640, optional: false)
        let objects = objects(binary: ["blob": "AAEC"])
        #expect(files(source, objects) == .success(["a.conf": "A", "b.conf": "B", "blob": "\u{0}\u{1}\u{2}"]))
        #expect(modes(source, objects) == ["a.conf": 0o640, "b.conf": 0o640, "blob": 0o640])
    }

    @Test func configMap_items_pickKeysToPathsWithTheirModes() {
        let items = [PodVolume.KeyToPath(key: "a.conf", path: "etc/a", mode: 0o400)]
        let source = PodVolume.Source.configMap(name: "cfg", items: items, defaultMode: 0o644, optional: false)
        #expect(files(source, objects()) == .success(["etc/a": "A"]))
        #expect(modes(source, objects()) == ["etc/a": 0o400])
    }

    @Test func configMap_missingKeyOrMap_failAsKubernetes_unlessOptional() {
        let items = [PodVolume.KeyToPath(key: "nope", path: "x", mode: nil)]
        #expect(
            files(.configMap(name: "cfg", items: items, defaultMode: 0o644, optional: false), objects())
                == .failure(.error("configmap references non-existent config key: nope")))
        #expect(files(.configMap(name: "cfg", items: items, defaultMode: 0o644, optional: true), objects()) == .success([:]))
        #expect(
            files(.configMap(name: "cfg", items: nil, defaultMode: 0o644, optional: false), objects(configMap: nil))
                == .failure(.error("configmap \"cfg\" not found")))
        #expect(
            files(.configMap(name: "cfg", items: nil, defaultMode: 0o644, optional: true), objects(configMap: nil))
                == .success([:]))
        #expect(
            files(.configMap(name: "other", items: nil, defaultMode: 0o644, optional: false), objects())
                == .failure(.notYetRead))
    }

    @Test func secret_valuesAreDecoded_missingKeyMessage() {
        #expect(files(.secret(name: "creds", items: nil, defaultMode: 0o644, optional: false), objects()) == .success(["password": "s3cr3t"]))
        let items = [PodVolume.KeyToPath(key: "user", path: "u", mode: nil)]
        #expect(
            files(.secret(name: "creds", items: items, defaultMode: 0o644, optional: false), objects())
                == .failure(.error("references non-existent secret key: user")))
        var missing = objects()
        missing.secrets["default/creds"] = .missing
        #expect(
            files(.secret(name: "creds", items: nil, defaultMode: 0o644, optional: false), missing)
                == .failure(.error("secret \"creds\" not found")))
    }

    @Test func downwardAPI_fieldsAndResources() {
        let items = [
            PodVolume.DownwardFile(path: "labels", fieldPath: "metadata.labels"),
            PodVolume.DownwardFile(path: "annotations", fieldPath: "metadata.annotations"),
            PodVolume.DownwardFile(path: "./name", fieldPath: "metadata.name"),
            PodVolume.DownwardFile(path: "tier", fieldPath: "metadata.labels['tier']"),
            PodVolume.DownwardFile(
                path: "mem", resourceFieldRef: ["containerName": "app", "resource": "limits.memory", "divisor": "1Mi"]),
            PodVolume.DownwardFile(path: "cpu", resourceFieldRef: ["containerName": "app", "resource": "limits.cpu"]),
        ]
        #expect(
            files(.downwardAPI(items: items, defaultMode: 0o644), objects())
                == .success([
                    "labels": "app=\"web\"\ntier=\"front\"", "annotations": "note=\"say \\\"hi\\\"\"", "name": "web",
                    "tier": "front", "mem": "256", "cpu": "2",
                ]))
    }

    @Test func projected_mergesSources_aggregatesErrors_marksTokensPending() {
        let sources: [PodVolume.ProjectedSource] = [
            .configMap(name: "cfg", items: nil, optional: false),
            .secret(name: "creds", items: [.init(key: "password", path: "pw", mode: nil)], optional: false),
            .downwardAPI(items: [.init(path: "namespace", fieldPath: "metadata.namespace")]),
            .serviceAccountToken(path: "token", audience: nil, expirationSeconds: 3600),
        ]
        let token = VolumePayload.tokenKey(path: "token", audience: nil, expirationSeconds: 3600)
        // A token not requested yet: the volume waits, as for an object not read yet.
        #expect(files(.projected(sources: sources, defaultMode: 0o600), objects()) == .failure(.notYetRead))
        guard case .success(let payload)? = VolumePayload.files(
            of: PodVolume(name: "v", source: .projected(sources: sources, defaultMode: 0o600)), pod: pod,
            inputs: .init(objects: objects(), tokenFailures: [token]))
        else {
            Issue.record("the projected volume must be written")
            return
        }
        #expect(payload.files.mapValues { String(decoding: $0.content, as: UTF8.self) } == [
            "a.conf": "A", "b.conf": "B", "pw": "s3cr3t", "namespace": "default",
        ])
        #expect(Set(payload.files.values.map(\.mode)) == [0o600])
        #expect(payload.pending == ["serviceAccountToken token"])

        guard case .success(let withToken)? = VolumePayload.files(
            of: PodVolume(name: "v", source: .projected(sources: sources, defaultMode: 0o644)), pod: pod,
            inputs: .init(objects: objects(), tokens: [token: "eyJ"]))
        else { return }
        #expect(withToken.files["token"] == VolumeFile("eyJ", mode: 0o644))
        #expect(withToken.pending.isEmpty)

        var broken = objects(configMap: nil)
        broken.secrets["default/creds"] = .missing
        #expect(
            files(.projected(sources: Array(sources.dropLast()), defaultMode: 0o644), broken)
                == .failure(.error("[configmap \"cfg\" not found, secret \"creds\" not found]")))
    }

    @Test func volumesParseFromTheSpec() {
        var pod = pod
        pod.spec.volumes = [
            ["name": "c", "configMap": ["name": "cfg", "defaultMode": 256, "items": [["key": "k", "path": "p"]]]],
            ["name": "s", "secret": ["secretName": "creds", "optional": true]],
            ["name": "e", "emptyDir": ["medium": "Memory"]],
            ["name": "h", "hostPath": ["path": "/var/log"]],
            ["name": "n", "nfs": ["server": "x", "path": "/"]],
            ["name": "p", "projected": ["sources": [["serviceAccountToken": ["path": "token"]]]]],
        ]
        #expect(PodVolume.volumes(of: pod).map(\.source) == [
            .configMap(name: "cfg", items: [.init(key: "k", path: "p", mode: nil)], defaultMode: 256, optional: false),
            .secret(name: "creds", items: nil, defaultMode: 0o644, optional: true),
            .emptyDir,
            .hostPath(path: "/var/log"),
            .other(type: "nfs"),
            .projected(sources: [.serviceAccountToken(path: "token", audience: nil, expirationSeconds: 3600)], defaultMode: 0o644),
        ])
        #expect(PodVolume.volumes(of: pod).map(\.pluginDirectory) == [
            "kubernetes.io~configmap", "kubernetes.io~secret", "kubernetes.io~empty-dir", "kubernetes.io~host-path",
            "kubernetes.io~nfs", "kubernetes.io~projected",
        ])
    }

    @Test func mounts_subPathsReadOnlyAndNotes() {
        var container = Container(name: "app")
        container.volumeMounts = [
            VolumeMount(name: "c", mountPath: "/etc/app"),
            VolumeMount(name: "c", mountPath: "/etc/app.conf", subPath: "app.conf"),
            VolumeMount(name: "e", mountPath: "/data", readOnly: true),
            VolumeMount(name: "h", mountPath: "/var/log"),
            VolumeMount(name: "gone", mountPath: "/x"),
        ]
        container.volumeMounts?[2].subPathExpr = "$(POD)"
        let volumes = [
            PodVolume(name: "c", source: .configMap(name: "cfg", items: nil, defaultMode: 0o644, optional: false)),
            PodVolume(name: "e", source: .emptyDir),
            PodVolume(name: "h", source: .hostPath(path: "/var/log")),
        ]
        let podDirectory = URL(fileURLWithPath: "/data/pods/default_web_uid")
        let (mounts, notes) = ContainerMounts.make(
            container: container, volumes: volumes, podDirectory: podDirectory, environment: ["POD": "web-0"])
        let base = "/data/pods/default_web_uid/volumes/"
        #expect(mounts == [
            ContainerMount(volume: "c", source: base + "kubernetes.io~configmap/c", mountPath: "/etc/app", readOnly: true),
            ContainerMount(
                volume: "c", source: base + "kubernetes.io~configmap/c/app.conf", mountPath: "/etc/app.conf",
                readOnly: true),
            ContainerMount(volume: "e", source: base + "kubernetes.io~empty-dir/e/web-0", mountPath: "/data", readOnly: true),
            ContainerMount(volume: "h", source: base + "kubernetes.io~host-path/h", mountPath: "/var/log", readOnly: false),
        ])
        #expect(notes == [
            "volume h: hostPath /var/log is not shown to containers; /var/log is an empty directory of the pod",
            "volumeMount /x: no volume gone in the pod; not mounted",
        ])
    }
}
