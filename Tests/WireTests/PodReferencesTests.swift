import KubeAPI
import Testing

@Suite struct PodReferencesTests {
    @Test func everyPlaceAPodNamesAnObject() {
        let pod: JSONValue = [
            "metadata": ["name": "web"],
            "spec": [
                "serviceAccountName": "builder",
                "imagePullSecrets": [["name": "pull"]],
                "initContainers": [["name": "i", "envFrom": [["secretRef": ["name": "init-env"]]]]],
                "containers": [[
                    "name": "app",
                    "envFrom": [["configMapRef": ["name": "app-env"], "prefix": "X_"]],
                    "env": [
                        ["name": "A", "valueFrom": ["configMapKeyRef": ["name": "keyed", "key": "k"]]],
                        ["name": "B", "valueFrom": ["secretKeyRef": ["name": "password", "key": "k"]]],
                        ["name": "C", "value": "literal"],
                    ],
                ]],
                "ephemeralContainers": [["name": "debug", "envFrom": [["configMapRef": ["name": "debug-env"]]]]],
                "volumes": [
                    ["name": "c", "configMap": ["name": "files"]],
                    ["name": "s", "secret": ["secretName": "certs"]],
                    [
                        "name": "p",
                        "projected": ["sources": [
                            ["configMap": ["name": "kube-root-ca.crt"]], ["secret": ["name": "projected-secret"]],
                            ["serviceAccountToken": ["path": "token"]],
                        ]],
                    ],
                    ["name": "csi", "csi": ["driver": "d", "nodePublishSecretRef": ["name": "csi-secret"]]],
                    ["name": "rbd", "rbd": ["secretRef": ["name": "rbd-secret"]]],
                    ["name": "data", "persistentVolumeClaim": ["claimName": "claim"]],
                    ["name": "scratch", "ephemeral": ["volumeClaimTemplate": ["spec": [:]]]],
                    ["name": "e", "emptyDir": [:]],
                ],
            ],
        ]
        let references = PodReferences(pod: pod)
        #expect(references.configMaps == ["app-env", "keyed", "debug-env", "files", "kube-root-ca.crt"])
        #expect(references.secrets == [
            "pull", "init-env", "password", "certs", "projected-secret", "csi-secret", "rbd-secret",
        ])
        #expect(references.persistentVolumeClaims == ["claim", "web-scratch"])
        #expect(references.serviceAccount == "builder")
        #expect(references.references(.configMap, name: "files"))
        #expect(!references.references(.configMap, name: "certs"))
        #expect(references.references(.secret, name: "certs"))
        #expect(!references.references(.pod, name: "files"))
    }

    @Test func typedPods_sameAnswer() {
        var container = Container(name: "app", env: [EnvVar(name: "A", valueFrom: ["secretKeyRef": ["name": "s", "key": "k"]])])
        container.envFrom = [["configMapRef": ["name": "m"]]]
        var spec = PodSpec(containers: [container])
        spec.volumes = [["name": "v", "configMap": ["name": "vol"]]]
        let references = PodReferences(Pod(metadata: ObjectMeta(name: "p"), spec: spec))
        #expect(references.configMaps == ["m", "vol"])
        #expect(references.secrets == ["s"])
        #expect(references.serviceAccount == nil)
    }
}
