import Foundation
import KubeAPI
import Logging
import TestSupport
import Testing
import Wire

@testable import Kubeletd

/// The runtime's volume set-up, on a temporary data directory: a pod's ConfigMap volume waits for its object, fails
/// with Kubernetes' FailedMount message while it is missing, is written once it exists (and the pod's container
/// starts), and follows its updates.
@Suite struct PodRuntimeVolumesTests {
    let pod: Pod = {
        var container = Fixture.container("app")
        container.volumeMounts = [VolumeMount(name: "config", mountPath: "/etc/app")]
        var pod = Fixture.pod("web", containers: [container])
        pod.spec.volumes = [["name": "config", "configMap": ["name": "settings"]], ["name": "scratch", "emptyDir": [:]]]
        return pod
    }()

    func objects(_ data: [String: String]?) -> PodObjects {
        var objects = PodObjects()
        objects.configMaps["default/settings"] =
            data.map { .present(ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "default"), data: $0)) }
            ?? .missing
        return objects
    }

    @Test func configMapVolume_waitsFails_thenIsWrittenAndFollowsUpdates() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("volumes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let runtime = try PodRuntime(
            dataDirectory: directory, podCIDR: "10.244.1.0/24", hostIP: "127.0.0.1",
            logger: Logger.forTests("test.volumes"))
        let volume = directory.appendingPathComponent("pods/default_web_uid-web/volumes/kubernetes.io~configmap/config")
        let state = { await runtime.podLifecycle(namespace: "default", name: "web") }

        await runtime.sync([pod])
        #expect(await state()?.isWaitingForVolumes == true)
        #expect(await state()?.status.container("app")?.state?.waiting?.reason == "ContainerCreating")
        #expect(await runtime.volumeStates["default/web"]?.reported.isEmpty == true)

        await runtime.setObjects(objects(nil))
        #expect(await state()?.isWaitingForVolumes == true)
        #expect(
            await runtime.volumeStates["default/web"]?.reported
                == ["config": "MountVolume.SetUp failed for volume \"config\" : configmap \"settings\" not found"])

        await runtime.setObjects(objects(["greeting": "hello"]))
        #expect(await state()?.isWaitingForVolumes == false)
        #expect(await state()?.status.container("app")?.state?.running != nil)
        let file = volume.appendingPathComponent("greeting")
        #expect(try String(contentsOf: file, encoding: .utf8) == "hello")
        let scratch = directory.appendingPathComponent("pods/default_web_uid-web/volumes/kubernetes.io~empty-dir/scratch")
        #expect(
            (try FileManager.default.attributesOfItem(atPath: scratch.path))[.posixPermissions] as? Int == 0o777)

        await runtime.setObjects(objects(["greeting": "bonjour"]))
        #expect(try String(contentsOf: file, encoding: .utf8) == "bonjour")
        // Deleted after the pod was set up: the files stay as they were.
        await runtime.setObjects(objects(nil))
        #expect(try String(contentsOf: file, encoding: .utf8) == "bonjour")

        await runtime.sync([])
        #expect(!FileManager.default.fileExists(atPath: volume.path))
        await runtime.shutdown()
    }
}

@Suite struct VolumeDependencyTests {
    @Test func dependencies_andWhatChanged() {
        let volumes = [
            PodVolume(name: "c", source: .configMap(name: "cfg", items: nil, defaultMode: 0o644, optional: false)),
            PodVolume(
                name: "p",
                source: .projected(
                    sources: [
                        .secret(name: "creds", items: nil, optional: false),
                        .serviceAccountToken(path: "token", audience: nil, expirationSeconds: 3607),
                        .downwardAPI(items: []),
                    ], defaultMode: 0o644)),
            PodVolume(name: "e", source: .emptyDir),
        ]
        #expect(VolumeDependency.of(volumes, namespace: "ns", uid: "u1") == [
            .configMap("ns/cfg"), .secret("ns/creds"), .tokens(podUID: "u1"),
        ])
        var old = PodObjects()
        old.configMaps["ns/cfg"] = .missing
        old.configMaps["ns/same"] = .missing
        var new = old
        new.configMaps["ns/cfg"] = .present(ConfigMap(metadata: ObjectMeta(name: "cfg", namespace: "ns")))
        new.secrets["ns/creds"] = .missing
        new.tokens["u1"] = ["k": "jwt"]
        new.tokenFailures["u2"] = ["k"]
        #expect(VolumeDependency.changed(from: old, to: new) == [
            .configMap("ns/cfg"), .secret("ns/creds"), .tokens(podUID: "u1"), .tokens(podUID: "u2"),
        ])
        #expect(VolumeDependency.changed(from: new, to: new).isEmpty)
    }
}
