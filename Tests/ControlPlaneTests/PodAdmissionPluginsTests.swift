import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// What Kubernetes adds to a pod on admission: the default service account and the not-ready/unreachable
/// tolerations with 300 s.
@Suite struct PodAdmissionPluginsTests {
    static let notReady = Toleration(
        key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)
    static let unreachable = Toleration(
        key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)

    static func pod(tolerations: [Toleration]? = nil) -> JSONValue {
        var pod = Pod(
            metadata: ObjectMeta(name: "web", namespace: "default"),
            spec: PodSpec(containers: [Container(name: "web", image: "nginx:1.14")], tolerations: tolerations))
        pod.status = PodStatus()
        return (try? JSONValue(encoding: pod)) ?? .null
    }

    @Test func create_addsTheServiceAccountAndBothTolerations_andValidationAccepts() throws {
        let admitted = try AdmissionRegistry.podAdmission.admitCreate(Self.pod()).decode(as: Pod.self)
        #expect(admitted.spec.serviceAccountName == "default")
        #expect(admitted.spec.serviceAccount == "default")
        #expect(admitted.spec.tolerations == [Self.notReady, Self.unreachable])
    }

    @Test func aPodThatToleratesAlready_getsNothingMore_asDaemonSetPods() throws {
        let daemon = [
            Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute"),
            Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute"),
            Toleration(key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule"),
        ]
        let admitted = try AdmissionRegistry.podAdmission.admitCreate(Self.pod(tolerations: daemon)).decode(as: Pod.self)
        #expect(admitted.spec.tolerations == daemon)

        let everything = [Toleration(operator: "Exists")]
        var spec = PodSpec(containers: [], tolerations: everything)
        PodAdmissionPlugins.addDefaultTolerations(&spec)
        #expect(spec.tolerations == everything, "an empty key and effect tolerates both")

        let noScheduleOnly = [Toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoSchedule")]
        spec = PodSpec(containers: [], tolerations: noScheduleOnly)
        PodAdmissionPlugins.addDefaultTolerations(&spec)
        #expect(spec.tolerations == noScheduleOnly + [Self.notReady, Self.unreachable])
    }

    @Test func aNamedServiceAccount_isKept_andTheDeprecatedFieldMirrorsIt() throws {
        var spec = PodSpec(containers: [], serviceAccountName: "builder")
        PodAdmissionPlugins.defaultServiceAccount(&spec)
        #expect(spec.serviceAccountName == "builder")
        #expect(spec.serviceAccount == "builder")

        var deprecated = PodSpec(containers: [])
        deprecated.serviceAccount = "legacy"
        deprecated.applyDefaults()
        #expect(deprecated.serviceAccountName == "legacy", "the v1 conversion reads the deprecated field")
    }

    @Test func update_keepsTheTolerations_evenWhenTheWriterDropsThem() throws {
        let created = try AdmissionRegistry.podAdmission.admitCreate(Self.pod())
        var replaced = created
        replaced[path: ["spec", "tolerations"]] = nil
        let updated = try AdmissionRegistry.podAdmission.admitUpdate(replaced, old: created).decode(as: Pod.self)
        #expect(updated.spec.tolerations == [Self.notReady, Self.unreachable])
    }
}
