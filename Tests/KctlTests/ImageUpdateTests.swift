import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

@Suite struct ImageUpdateTests {
    typealias F = RolloutFixtures

    @Test func parse_bothTutorialForms_andWildcard() throws {
        let short = try ImageUpdate.parse(["ds/filebeat-ds", "filebeat=ikubernetes/filebeat:5.6.6-alpine"])
        #expect(short.resources == ["ds/filebeat-ds"])
        #expect(short.images == [.init(container: "filebeat", image: "ikubernetes/filebeat:5.6.6-alpine")])
        let long = try ImageUpdate.parse(["daemonsets", "filebeat-ds", "filebeat=img:2", "filebeat=img:3"])
        #expect(long.resources == ["daemonsets", "filebeat-ds"])
        #expect(long.images == [.init(container: "filebeat", image: "img:3")])
        #expect(try ImageUpdate.parse(["ds", "x", "*=img"]).images == [.init(container: "*", image: "img")])
    }

    @Test func parse_andValidate_errors() throws {
        #expect(throws: RolloutError("all resources must be specified before image changes: x")) {
            try ImageUpdate.parse(["ds", "a=b", "x"])
        }
        #expect(throws: RolloutError("invalid image format: c-")) { try ImageUpdate.parse(["ds", "x", "a=b", "c-"]) }
        #expect(try ImageUpdate.parse(["ds", "x"]).validate(all: false, selector: nil)
            == ["at least one image update is required"])
        #expect(try ImageUpdate.parse(["a=b"]).validate(all: true, selector: "k=v") == [
            "cannot set --all and --selector at the same time",
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ])
        #expect(try ImageUpdate.parse(["ds", "x", "*=a", "c=b"]).validate(all: false, selector: nil) == [
            "all containers are already specified by *, but saw more than one container_name=container_image pairs"
        ])
    }

    @Test func apply_changesTheTemplateImage_withAStrategicPatch() throws {
        let update = try ImageUpdate.parse(["ds/filebeat-ds", "filebeat=ikubernetes/filebeat:5.6.7-alpine"])
        let ds = try F.daemonSet()
        let outcome = try update.apply(to: ds, kind: .daemonSet)
        #expect(outcome.errors.isEmpty)
        let patch = try #require(outcome.patch)
        let patched = try StrategicMergePatch.apply(patch, to: ds, kind: "DaemonSet")
        #expect(patched == outcome.modified)
        #expect(patched[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]
            == "ikubernetes/filebeat:5.6.7-alpine")
    }

    @Test func apply_sameImage_givesNoPatch() throws {
        let update = try ImageUpdate.parse(["ds/filebeat-ds", "filebeat=ikubernetes/filebeat:5.6.6-alpine"])
        #expect(try update.apply(to: F.daemonSet(), kind: .daemonSet).patch == nil)
    }

    @Test func apply_unknownContainer_isReported() throws {
        let outcome = try ImageUpdate.parse(["ds/filebeat-ds", "foo=img"]).apply(to: F.daemonSet(), kind: .daemonSet)
        #expect(outcome.patch == nil)
        #expect(outcome.errors == ["error: unable to find container named \"foo\""])
    }

    @Test func apply_wildcard_setsInitContainersAndContainers_ofPods() throws {
        let pod = Pod(
            metadata: ObjectMeta(name: "p"),
            spec: PodSpec(containers: [Container(name: "a", image: "x"), Container(name: "b", image: "y")],
                          initContainers: [Container(name: "i", image: "z")]))
        let outcome = try ImageUpdate.parse(["pod/p", "*=busybox"]).apply(to: JSONValue(encoding: pod), kind: .pod)
        let spec = try #require(outcome.modified["spec"])
        #expect((spec["containers"]?.arrayValue ?? []).map { $0["image"] } == ["busybox", "busybox"])
        #expect((spec["initContainers"]?.arrayValue ?? []).map { $0["image"] } == ["busybox"])
        #expect(outcome.patch != nil)
    }

    @Test func apply_kindWithoutPodTemplate_isRefused() throws {
        let service = JSONValue.object(["metadata": ["name": "redis"]])
        #expect(throws: RolloutError(
            "error: services/redis the object is not a pod or does not have a pod template: *v1.Service\n"))
        {
            try ImageUpdate.parse(["svc/redis", "a=b"]).apply(to: service, kind: .service)
        }
    }
}
